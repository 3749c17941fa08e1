"""Calibration fitted out of fold repairs a deliberately mis-calibrated model."""
from __future__ import annotations

import unittest

import numpy as np
from sklearn.isotonic import IsotonicRegression

from credence_models import calibration


def overconfident(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """True log-odds z; the model reports 2.5 z + 1: too extreme and shifted towards bad."""
    rng = np.random.default_rng(seed)
    z = rng.normal(-1.5, 1.0, rows)
    y = (rng.uniform(size=rows) < 1 / (1 + np.exp(-z))).astype(int)
    return 2.5 * z + 1.0, y


class Calibration(unittest.TestCase):
    def test_a_miscalibrated_model_is_repaired_on_rows_it_never_saw(self) -> None:
        margin, y = overconfident(5000, 1)
        fold_of = np.arange(len(y)) % 5
        chosen, losses = calibration.choose(margin, y, fold_of)
        self.assertIn(chosen["method"], ("platt", "isotonic"))
        self.assertEqual(sorted(losses), ["isotonic", "none", "platt"])
        self.assertLess(losses[chosen["method"]], losses["none"])
        # Platt can undo a linear distortion of the log-odds exactly: a ~ 1/2.5, b ~ -1/2.5.
        platt = calibration.fit_method("platt", margin, y)["platt"]
        self.assertAlmostEqual(platt["a"], 0.4, delta=0.04)
        self.assertAlmostEqual(platt["b"], -0.4, delta=0.1)
        test_margin, test_y = overconfident(5000, 2)
        before = calibration.ece(test_y, 1 / (1 + np.exp(-test_margin)))
        after = calibration.ece(test_y, calibration.apply(chosen, test_margin))
        self.assertGreater(before, 0.05)
        self.assertLess(after, before / 3)
        self.assertLess(after, 0.02)

    def test_a_calibrated_model_still_gets_a_map_and_it_is_near_identity(self) -> None:
        rng = np.random.default_rng(3)
        z = rng.normal(-1.5, 1.0, 4000)
        y = (rng.uniform(size=len(z)) < 1 / (1 + np.exp(-z))).astype(int)
        chosen, losses = calibration.choose(z, y, np.arange(len(y)) % 5)
        # The raw probability is the reference, scored but never served.
        self.assertIn("none", losses)
        self.assertEqual(chosen["method"], "platt")
        self.assertAlmostEqual(chosen["platt"]["a"], 1.0, delta=0.1)
        self.assertAlmostEqual(chosen["platt"]["b"], 0.0, delta=0.1)
        # Near identity: it costs (or gains) next to nothing out of fold, and moves no PD far.
        self.assertLess(abs(losses["platt"] - losses["none"]), 0.002)
        raw = 1 / (1 + np.exp(-z))
        self.assertLess(float(np.max(np.abs(calibration.apply(chosen, z) - raw))), 0.03)

    def test_the_served_map_is_platt_or_isotonic_never_none_and_a_tie_goes_to_platt(self) -> None:
        self.assertEqual(calibration.pick({"none": 0.20, "platt": 0.21, "isotonic": 0.22}), "platt")
        self.assertEqual(calibration.pick({"none": 0.20, "platt": 0.22, "isotonic": 0.21}), "isotonic")
        self.assertEqual(calibration.pick({"none": 0.20, "platt": 0.21, "isotonic": 0.21}), "platt")
        with self.assertRaises(ValueError):
            calibration.fit_method("beta", np.zeros(4), np.array([0, 1, 0, 1]))

    def test_none_is_still_applied_as_the_contract_says_for_old_cards(self) -> None:
        margin = np.array([-2.0, 0.0, 1.5])
        raw = 1 / (1 + np.exp(-margin))
        np.testing.assert_array_equal(calibration.apply({"method": "none"}, margin), raw)
        np.testing.assert_array_equal(calibration.apply(None, margin), raw)

    def test_isotonic_map_is_the_contract_interpolation(self) -> None:
        margin, y = overconfident(3000, 4)
        raw = 1 / (1 + np.exp(-margin))
        cal = calibration.fit_method("isotonic", margin, y)
        xs = cal["isotonic"]["x"]
        self.assertTrue(all(b > a for a, b in zip(xs, xs[1:])))
        sk = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
        probe = np.r_[np.linspace(0, 1, 101), raw[:200]]
        np.testing.assert_allclose(calibration.apply(cal, np.log(probe / (1 - probe + 1e-300) + 1e-300), probe), sk.predict(probe), atol=1e-12)
        # Clamped to the end knots outside them.
        self.assertEqual(calibration.apply(cal, np.array([0.0]), np.array([0.0]))[0], cal["isotonic"]["y"][0])
        self.assertEqual(calibration.apply(cal, np.array([0.0]), np.array([1.0]))[0], cal["isotonic"]["y"][-1])

    def test_ece_and_reliability_use_ten_equal_width_bins(self) -> None:
        y = np.array([0, 1, 0, 0, 1, 1])
        p = np.array([0.05, 0.05, 0.55, 0.55, 0.95, 1.0])
        # bins: [0,0.1): mean 0.05, rate 0.5; [0.5,0.6): 0.55 vs 0; [0.9,1.0]: 0.975 vs 1.
        expected = (2 * 0.45 + 2 * 0.55 + 2 * 0.025) / 6
        self.assertAlmostEqual(calibration.ece(y, p), expected, places=12)
        rows = calibration.reliability(y, p)
        self.assertEqual([(r["from"], r["to"], r["count"]) for r in rows], [(0.0, 0.1, 2), (0.5, 0.6, 2), (0.9, 1.0, 2)])


if __name__ == "__main__":
    unittest.main()
