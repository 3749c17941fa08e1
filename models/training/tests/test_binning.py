"""Monotone optimal binning: the event rate is monotone across numeric bins, every bin is big enough,
categories are grouped by event rate, missing values have their own bin."""
from __future__ import annotations

import unittest

import numpy as np

from credence_models.woe_binning import MIN_BIN_SHARE, bin_categorical, bin_numeric


def rates(b) -> np.ndarray:
    return b.events[:-1] / b.counts[:-1]


class MonotoneBinning(unittest.TestCase):
    def test_a_noisy_rising_risk_ends_in_monotone_bins_of_at_least_five_percent(self) -> None:
        rng = np.random.default_rng(3)
        x = rng.uniform(0, 100, 4000)
        # Risk rises with x, with a bump in the middle that fine classing sees and coarse classing must pool.
        p = 0.05 + 0.3 * x / 100 + 0.15 * ((x > 40) & (x < 45))
        y = (rng.uniform(size=len(x)) < p).astype(int)
        x[rng.uniform(size=len(x)) < 0.1] = np.nan
        b = bin_numeric({"name": "x", "type": "numeric"}, x, y)
        self.assertEqual(b.monotone, "ascending")
        self.assertTrue(np.all(np.diff(rates(b)) >= 0), rates(b))
        self.assertTrue(np.all(b.counts[:-1] >= MIN_BIN_SHARE * len(x)))
        self.assertGreaterEqual(len(b.counts) - 1, 3)
        self.assertLessEqual(len(b.counts) - 1, 8)
        # The missing bin is last and holds exactly the missing rows.
        self.assertEqual(b.counts[-1], np.isnan(x).sum())
        idx = b.index(x)
        self.assertTrue(np.all(idx[np.isnan(x)] == len(b.counts) - 1))
        # Bins are contiguous [lower, upper): a value on a cut point goes to the bin above it.
        self.assertEqual(b.index(np.array([b.cuts[0]]))[0], 1)
        self.assertEqual(b.index(np.array([np.nextafter(b.cuts[0], -np.inf)]))[0], 0)
        self.assertGreater(b.iv, 0.1)
        # WoE falls as risk rises (higher WoE is safer).
        self.assertTrue(np.all(np.diff(b.woe[:-1]) <= 0))

    def test_a_declared_direction_is_enforced_even_against_the_data(self) -> None:
        rng = np.random.default_rng(4)
        x = rng.uniform(0, 1, 2000)
        y = (rng.uniform(size=len(x)) < 0.4 - 0.3 * x).astype(int)  # risk falls with x
        # Declared ascending, the falling rates pool into one bin: the characteristic scores nothing
        # rather than the opposite of what was declared.
        forced = bin_numeric({"name": "x", "type": "numeric"}, x, y, direction="ascending")
        self.assertEqual(len(forced.counts), 2)  # one bin and the missing bin
        self.assertEqual(forced.iv, 0.0)
        free = bin_numeric({"name": "x", "type": "numeric"}, x, y)
        self.assertEqual(free.monotone, "descending")
        self.assertTrue(np.all(np.diff(rates(free)) <= 0))
        self.assertGreater(free.iv, 0.1)

    def test_categories_are_grouped_by_event_rate(self) -> None:
        rng = np.random.default_rng(5)
        names = [f"p{i}" for i in range(11)] + ["rare", "__other__"]
        feature = {"name": "purpose", "type": "categorical", "categories": names}
        share = np.r_[np.full(11, 0.98 / 11), 0.02]
        codes = rng.choice(12, size=6000, p=share).astype(float)
        # Eleven purposes in three risk levels, and a rare one (2% of rows) of the highest.
        rate = np.r_[[0.05] * 4, [0.15] * 4, [0.4] * 3, 0.4]
        y = (rng.uniform(size=len(codes)) < rate[codes.astype(int)]).astype(int)
        b = bin_categorical(feature, codes, y)
        grouped = {c: i for i, g in enumerate(b.groups) for c in g}
        # At most 8 bins, so categories are pooled, and only with others of their own risk level.
        self.assertLessEqual(len(b.groups), 8)
        level = lambda c: rate[c]  # noqa: E731
        for g in b.groups:
            self.assertEqual(len({level(c) for c in g if c < 12}), 1, [names[c] for c in g])
        # The rare category (under 5% of rows) joined a neighbour; __other__ (unseen) is placed
        # in some bin, so an unseen value always scores.
        self.assertGreater(len(b.groups[grouped[11]]), 1)
        self.assertEqual(sorted(grouped), list(range(13)))
        self.assertTrue(np.all(np.diff(rates(b)) >= 0))
        self.assertTrue(np.all(b.counts[:-1] >= MIN_BIN_SHARE * len(codes)))
        self.assertEqual(b.counts[-1], 0)
        self.assertEqual(b.woe[-1], 0.0)  # no missing row in training: the missing bin is neutral


if __name__ == "__main__":
    unittest.main()
