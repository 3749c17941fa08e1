"""The weight-of-evidence scorecard: monotone bins per characteristic (woe_binning.py), characteristics
kept by information value, a logistic regression on their WoE, and points per bin on the scale
lenders state (600 points at 50:1 good:bad odds, 20 points to double the odds).

scorecard.json follows models/CARD.md exactly; the TypeScript runtime scores from it and must
reproduce scorecard-verification.json to 1e-9.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .metrics import auc
from .woe_binning import FINE_CLASSES, MAX_BINS, MIN_BIN_SHARE, Binning, describe_bins, fit_binnings

SCORECARD_SCHEMA = "credence.scorecard/1"
BASE_SCORE = 600.0
BASE_ODDS = 50.0
PDO = 20.0
FACTOR = PDO / math.log(2)
OFFSET = BASE_SCORE - FACTOR * math.log(BASE_ODDS)
# Siddiqi's rule of thumb: below 0.02 a characteristic is not predictive.
MIN_IV = 0.02
# The regularisation grid for the WoE regression, chosen by inner CV; None is unregularised.
C_GRID: list[float | None] = [0.01, 0.1, 1.0, None]
MAX_REASONS = 4


@dataclass
class Scorecard:
    binnings: list[Binning]  # every characteristic binned (all features, for the IV report)
    kept: list[int]  # indexes into binnings (= schema order) of the characteristics in the model
    coefficients: np.ndarray  # per kept characteristic
    intercept: float
    params: dict

    def woe_matrix(self, x: np.ndarray) -> np.ndarray:
        return np.column_stack([self.binnings[j].transform(x[:, j]) for j in self.kept]) if self.kept else np.zeros((len(x), 0))

    def margin(self, x: np.ndarray) -> np.ndarray:
        return self.intercept + self.woe_matrix(x) @ self.coefficients

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.margin(x)))

    def points_table(self) -> list[np.ndarray]:
        """Points of every bin of every kept characteristic (CARD.md: score = sum of points)."""
        n = len(self.kept)
        share = (OFFSET - FACTOR * self.intercept) / n if n else 0.0
        return [-FACTOR * c * self.binnings[j].woe + share for j, c in zip(self.kept, self.coefficients)]

    def points(self, x: np.ndarray) -> np.ndarray:
        """Points per row per kept characteristic."""
        table = self.points_table()
        return np.column_stack([table[k][self.binnings[j].index(x[:, j])] for k, j in enumerate(self.kept)]) if self.kept else np.zeros((len(x), 0))


def fit_woe_logistic(w: np.ndarray, y: np.ndarray, c: float | None, weight: np.ndarray | None = None) -> LogisticRegression:
    lr = LogisticRegression(C=np.inf if c is None else c, max_iter=5000)
    lr.fit(w, y, sample_weight=weight)
    return lr


def fit(x: np.ndarray, y: np.ndarray, schema: list[dict], seed: int, directions: dict[str, str] | None = None,
        weight: np.ndarray | None = None, inner_folds: int = 5) -> Scorecard:
    """Bins every characteristic, keeps those with IV >= MIN_IV, chooses the regularisation by inner
    CV AUC and fits. A characteristic whose coefficient comes out positive (its WoE pointing the
    wrong way once the others are in: collinearity) is dropped and the model refitted, as
    scorecard practice requires: every kept characteristic then scores more points for safer bins."""
    binnings = fit_binnings(x, y, schema, directions, weight)
    kept = [j for j, b in enumerate(binnings) if b.iv >= MIN_IV]
    if not kept:  # nothing passes: keep the single strongest so a model exists
        kept = [int(np.argmax([b.iv for b in binnings]))]
    woe = np.column_stack([binnings[j].transform(x[:, j]) for j in range(len(binnings))])
    c = choose_c(woe[:, kept], y, seed, inner_folds)
    dropped_sign: list[str] = []
    while True:
        lr = fit_woe_logistic(woe[:, kept], y, c, weight)
        coef = lr.coef_[0]
        if len(kept) == 1 or np.all(coef <= 0):
            break
        worst = int(np.argmax(coef))
        dropped_sign.append(schema[kept[worst]]["name"])
        kept = kept[:worst] + kept[worst + 1:]
    params = {
        "fineClasses": FINE_CLASSES, "minBinShare": MIN_BIN_SHARE, "maxBins": MAX_BINS, "minIv": MIN_IV, "C": c,
        "characteristics": [schema[j]["name"] for j in kept],
        "droppedForWrongSign": dropped_sign,
        "droppedForLowIv": [schema[j]["name"] for j, b in enumerate(binnings) if b.iv < MIN_IV],
    }
    return Scorecard(binnings, kept, coef.astype(np.float64), float(lr.intercept_[0]), params)


def choose_c(w: np.ndarray, y: np.ndarray, seed: int, inner_folds: int) -> float | None:
    folds = StratifiedKFold(n_splits=inner_folds, shuffle=True, random_state=seed + 1)
    best, best_auc = None, -1.0
    for c in C_GRID:
        scores = []
        for a, b in folds.split(w, y):
            lr = fit_woe_logistic(w[a], y[a], c)
            scores.append(auc(y[b], lr.decision_function(w[b])) or 0.5)
        mean = float(np.mean(scores))
        if mean > best_auc + 1e-9:
            best, best_auc = c, mean
    return best


def to_json(card: Scorecard, schema: list[dict], event: str) -> dict:
    table = card.points_table()
    characteristics = []
    for k, j in enumerate(card.kept):
        b = card.binnings[j]
        bins = describe_bins(b)
        for row, pts in zip(bins, table[k]):
            row["points"] = float(pts)
        characteristics.append({
            "feature": schema[j]["name"],
            "type": schema[j]["type"],
            "coefficient": float(card.coefficients[k]),
            "iv": round(b.iv, 6),
            "monotone": b.monotone,
            "bins": bins,
        })
    return {
        "schema": SCORECARD_SCHEMA,
        "target": {"event": event},
        "scaling": {"baseScore": BASE_SCORE, "baseOdds": BASE_ODDS, "pdo": PDO, "factor": FACTOR, "offset": OFFSET},
        "intercept": card.intercept,
        "characteristics": characteristics,
    }


def iv_report(card: Scorecard, schema: list[dict]) -> list[dict]:
    """Every characteristic's IV, bins and whether it is in the model (the card's summary)."""
    kept = set(card.kept)
    rows = []
    for j, b in enumerate(card.binnings):
        rows.append({
            "feature": schema[j]["name"], "iv": round(b.iv, 4), "inModel": j in kept, "monotone": b.monotone,
            "bins": [{"label": r["label"], "count": r["count"], "eventRate": r["eventRate"], "woe": round(r["woe"], 4)} for r in describe_bins(b)],
        })
    return sorted(rows, key=lambda r: (-r["iv"], r["feature"]))


def reasons(card: Scorecard, x: np.ndarray, schema: list[dict], texts: dict, missing_texts: dict) -> list[list[str]]:
    """Adverse-action reason codes per row (CARD.md): characteristics by points lost against their
    best bin, largest first, ties by feature name; a code already given is not repeated; at most 4."""
    table = card.points_table()
    pts = card.points(x)
    out = []
    for r in range(len(x)):
        lost = []
        for k, j in enumerate(card.kept):
            loss = float(np.max(table[k]) - pts[r, k])
            if loss > 0:
                lost.append((-loss, schema[j]["name"], j))
        codes: list[str] = []
        for _, name, j in sorted(lost):
            is_missing = bool(np.isnan(x[r, j]))
            entry = (missing_texts.get(name) if is_missing else None) or texts.get(name)
            code = entry["code"] if entry else fallback_code(name)
            if code not in codes:
                codes.append(code)
            if len(codes) == MAX_REASONS:
                break
        out.append(codes)
    return out


def fallback_code(feature: str) -> str:
    """The runtime's code for a feature the card gives no reason text (models/runtime reasonFor)."""
    import re

    return "FEATURE_" + re.sub(r"[^A-Z0-9]+", "_", feature.upper())
