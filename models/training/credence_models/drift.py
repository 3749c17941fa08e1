"""Training baselines for the population stability index (PSI) the runtime reports.

Bins are training deciles (interior cut points), a final share for missing values; the
runtime counts live values into the same bins (models/CARD.md).
"""
from __future__ import annotations

import numpy as np

BINS = 10


def numeric_baseline(values: np.ndarray) -> dict:
    present = values[~np.isnan(values)]
    if len(present) == 0:
        return {"edges": [], "expected": [0.0, 1.0]}
    edges = np.unique(np.quantile(present, np.linspace(0, 1, BINS + 1)[1:-1]))
    return {"edges": [float(e) for e in edges], "expected": shares(values, edges)}


def categorical_baseline(codes: np.ndarray, categories: int) -> dict:
    edges = np.arange(categories - 1) + 0.5
    return {"edges": [float(e) for e in edges], "expected": shares(codes, edges)}


def shares(values: np.ndarray, edges: np.ndarray) -> list[float]:
    n = len(values)
    nan = np.isnan(values)
    # Bin i is [edges[i-1], edges[i]): side="right" puts a value equal to an edge in the upper bin.
    counts = np.bincount(np.searchsorted(edges, values[~nan], side="right"), minlength=len(edges) + 1)
    return [round(float(c) / n, 6) for c in counts] + [round(float(nan.sum()) / n, 6)]
