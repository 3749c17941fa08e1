"""The scorecard against a table small enough to work by hand (models/CARD.md's definitions)."""
from __future__ import annotations

import math
import unittest

import numpy as np

from credence_models import scorecard
from credence_models.woe_binning import bin_categorical, bin_numeric

# 200 applicants: 20 patterns, each ten times (so neighbouring bins differ significantly and
# coarse classing keeps them). x = 1..4, fifty each; bad counts per x: 40, 30, 20, 0.
X = np.repeat(np.array([1] * 5 + [2] * 5 + [3] * 5 + [4] * 5, dtype=float), 10)
Y = np.repeat(np.array([1, 1, 1, 1, 0] + [1, 1, 1, 0, 0] + [1, 1, 0, 0, 0] + [0] * 5), 10)
# c: "a" for the first 80 rows (70 bad), "b" for the other 120 (20 bad); coded by the schema's list.
SCHEMA = [{"name": "x", "type": "numeric", "nullable": True}, {"name": "c", "type": "categorical", "nullable": True, "categories": ["a", "b", "__other__"]}]
C = np.repeat(np.array([0.0] * 8 + [1.0] * 12), 10)
EVENTS, NON_EVENTS = 90, 110
W4 = math.log((50.5 / 110) / (0.5 / 90))  # the x = 4 bin has no bad: half a count added to each side


class HandComputedScorecard(unittest.TestCase):
    def setUp(self) -> None:
        self.bx = bin_numeric(SCHEMA[0], X, Y)
        self.bc = bin_categorical(SCHEMA[1], C, Y)
        # Coefficients are given, not fitted, so every number below follows from the formulas alone.
        self.card = scorecard.Scorecard([self.bx, self.bc], [0, 1], np.array([-1.0, -0.5]), -0.2, {})

    def test_scaling_is_600_at_50_to_1_and_20_points_double_the_odds(self) -> None:
        self.assertAlmostEqual(scorecard.FACTOR, 20 / math.log(2), places=12)
        self.assertAlmostEqual(scorecard.OFFSET, 600 - 20 / math.log(2) * math.log(50), places=9)
        self.assertAlmostEqual(scorecard.FACTOR, 28.85390081777927, places=12)
        self.assertAlmostEqual(scorecard.OFFSET, 487.1228762045055, places=9)
        # score = offset - factor * ln(bad:good odds): 1:50 odds is 600, 1:100 is 620.
        self.assertAlmostEqual(scorecard.OFFSET - scorecard.FACTOR * math.log(1 / 50), 600.0, places=9)
        self.assertAlmostEqual(scorecard.OFFSET - scorecard.FACTOR * math.log(1 / 100), 620.0, places=9)

    def test_bins_woe_and_iv(self) -> None:
        # The rates 0.8, 0.6, 0.4, 0 fall with x: four bins cut at the observed values, descending.
        self.assertEqual(self.bx.cuts, [2.0, 3.0, 4.0])
        self.assertEqual(self.bx.monotone, "descending")
        self.assertEqual(list(self.bx.counts), [50, 50, 50, 50, 0])
        self.assertEqual(list(self.bx.events), [40, 30, 20, 0, 0])
        # WoE = ln((non-events/110) / (events/90)).
        expected = [math.log(9 / 44), math.log(6 / 11), math.log(27 / 22), W4, 0.0]
        self.assertAlmostEqual(expected[0], math.log((10 / 110) / (40 / 90)), places=12)
        np.testing.assert_allclose(self.bx.woe, expected, rtol=0, atol=1e-12)
        good = np.array([10, 20, 30, 50.5]) / NON_EVENTS
        bad = np.array([40, 30, 20, 0.5]) / EVENTS
        self.assertAlmostEqual(self.bx.iv, float(np.sum((good - bad) * np.log(good / bad))), places=12)
        # Categories by event rate: b (20/120) then a (70/80); the unseen __other__ joins b, nearer the overall 0.45.
        self.assertEqual(self.bc.groups, [[1, 2], [0]])
        np.testing.assert_allclose(self.bc.woe, [math.log((100 / 110) / (20 / 90)), math.log((10 / 110) / (70 / 90)), 0.0], atol=1e-12)

    def test_points_per_bin_and_json(self) -> None:
        f, o = 28.85390081777927, 487.1228762045055
        share = (o - f * -0.2) / 2  # (offset - factor * intercept) / n
        x_points = [f * 1.0 * w + share for w in (math.log(9 / 44), math.log(6 / 11), math.log(27 / 22), W4, 0.0)]
        c_points = [f * 0.5 * w + share for w in (math.log(45 / 11), math.log(9 / 77), 0.0)]
        doc = scorecard.to_json(self.card, SCHEMA, "1")
        self.assertEqual(doc["schema"], "credence.scorecard/1")
        self.assertEqual(doc["scaling"], {"baseScore": 600.0, "baseOdds": 50.0, "pdo": 20.0, "factor": scorecard.FACTOR, "offset": scorecard.OFFSET})
        x_doc, c_doc = doc["characteristics"]
        np.testing.assert_allclose([b["points"] for b in x_doc["bins"]], x_points, atol=1e-9)
        np.testing.assert_allclose([b["points"] for b in c_doc["bins"]], c_points, atol=1e-9)
        self.assertEqual([b["label"] for b in x_doc["bins"]], ["[-inf, 2)", "[2, 3)", "[3, 4)", "[4, +inf)", "missing"])
        self.assertEqual([(b["lower"], b["upper"]) for b in x_doc["bins"][:4]], [(None, 2.0), (2.0, 3.0), (3.0, 4.0), (4.0, None)])
        self.assertEqual([b.get("categories") for b in c_doc["bins"]], [["b", "__other__"], ["a"], None])
        self.assertEqual(c_doc["bins"][-1], {"label": "missing", "missing": True, "count": 0, "events": 0, "eventRate": None, "woe": 0.0, "points": c_points[2]})
        # A row with x = 4 and c = "b": its score is the sum of its points and gives back the model's PD.
        row = np.array([[4.0, 1.0]])
        score = x_points[3] + c_points[0]
        self.assertAlmostEqual(float(self.card.points(row).sum()), score, places=9)
        margin = -0.2 + -1.0 * W4 + -0.5 * math.log(45 / 11)
        self.assertAlmostEqual(score, o - f * margin, places=9)
        self.assertAlmostEqual(float(self.card.predict(row)[0]), 1 / (1 + math.exp(-(o - score) / f)), places=12)

    def test_reasons_are_the_most_points_lost(self) -> None:
        f = 28.85390081777927
        rows = np.array([[1.0, 0.0], [4.0, 1.0], [np.nan, 1.0], [3.0, 0.0]])
        texts = {"x": {"code": "X_LOW", "text": "x"}, "c": {"code": "C_A", "text": "c"}}
        missing = {"x": {"code": "X_MISSING", "text": "no x"}}
        codes = scorecard.reasons(self.card, rows, SCHEMA, texts, missing)
        # Row 1 is in both worst bins: x loses f*(W4 - ln(9/44)) = 173.16 points, c loses
        # 0.5*f*(ln(45/11) - ln(9/77)) = 0.5*f*ln(35) = 51.3.
        self.assertAlmostEqual(f * (W4 - math.log(9 / 44)), 173.16, places=2)
        self.assertAlmostEqual(0.5 * f * math.log(35), 51.29, places=2)
        self.assertEqual(codes[0], ["X_LOW", "C_A"])
        self.assertEqual(codes[1], [])  # the best bin of each: nothing lost
        self.assertEqual(codes[2], ["X_MISSING"])  # missing x (WoE 0) loses f*W4; the missing text
        # x = 3 loses f*(W4 - ln(27/22)) = 121.46, more than c = "a"'s 51.29: x first.
        self.assertAlmostEqual(f * (W4 - math.log(27 / 22)), 121.46, places=2)
        self.assertEqual(codes[3], ["X_LOW", "C_A"])
        # One code shared by both characteristics is given once; an unmapped feature gets the fallback code.
        same = scorecard.reasons(self.card, rows[:1], SCHEMA, {"x": {"code": "HISTORY", "text": ""}, "c": {"code": "HISTORY", "text": ""}}, {})
        self.assertEqual(same[0], ["HISTORY"])
        self.assertEqual(scorecard.reasons(self.card, rows[:1], SCHEMA, {}, {})[0], ["FEATURE_X", "FEATURE_C"])


if __name__ == "__main__":
    unittest.main()
