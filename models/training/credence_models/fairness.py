"""Fairness gaps across a protected attribute and age bands.

Protected attributes never enter the model; they are joined back only to measure. "Approved"
means the score is below the decision threshold (the positive class is the bad outcome). We
report each group's AUC and approval rate, the largest gaps, and the adverse impact ratio (the
lowest group's approval rate over the highest's; US agencies treat < 0.8 as a flag, the
four-fifths rule).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .metrics import auc

AGE_BANDS = [(0, 25, "<25"), (25, 35, "25-34"), (35, 50, "35-49"), (50, 65, "50-64"), (65, 200, "65+")]
MIN_GROUP = 30


def age_band(age: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(age, errors="coerce")

    def band(a: float) -> str | None:
        if np.isnan(a):
            return None
        return next(label for lo, hi, label in AGE_BANDS if lo <= a < hi)

    return numbers.map(band)


def group_table(groups: pd.Series, y: np.ndarray, p: np.ndarray, threshold: float, favourable_above: bool = False) -> dict:
    """`favourable_above`: the positive class is the good outcome (propensity to pay), so a high score is favourable."""
    rows = {}
    values = groups.to_numpy()
    for g in sorted({v for v in values if v is not None and v == v}):
        mask = values == g
        if mask.sum() < MIN_GROUP:
            continue
        a = auc(y[mask], p[mask])
        rows[str(g)] = {
            "rows": int(mask.sum()),
            "badRate": round(float(y[mask].mean()), 4),
            "auc": None if a is None else round(a, 4),
            "approvalRate": round(float(((p[mask] >= threshold) if favourable_above else (p[mask] < threshold)).mean()), 4),
        }
    approvals = [r["approvalRate"] for r in rows.values()]
    aucs = [r["auc"] for r in rows.values() if r["auc"] is not None]
    return {
        "groups": rows,
        "aucGap": round(max(aucs) - min(aucs), 4) if len(aucs) > 1 else None,
        "approvalRateGap": round(max(approvals) - min(approvals), 4) if len(approvals) > 1 else None,
        "adverseImpactRatio": round(min(approvals) / max(approvals), 4) if len(approvals) > 1 and max(approvals) > 0 else None,
    }


def reweighing(groups: pd.Series, y: np.ndarray) -> np.ndarray:
    """Kamiran & Calders: weight each (group, outcome) cell so group and outcome look independent."""
    g = groups.fillna("__missing__").astype(str).to_numpy()
    weights = np.ones(len(y))
    for value in np.unique(g):
        for outcome in (0, 1):
            cell = (g == value) & (y == outcome)
            if cell.sum():
                weights[cell] = (np.mean(g == value) * np.mean(y == outcome)) / np.mean(cell)
    return weights
