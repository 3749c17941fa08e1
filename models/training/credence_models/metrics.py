"""Validation figures a credit-risk reviewer asks for, computed one way for every model."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score, roc_curve

RELIABILITY_BINS = 10


def auc(y: np.ndarray, p: np.ndarray) -> float | None:
    return float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else None


def ks(y: np.ndarray, p: np.ndarray) -> float | None:
    """Kolmogorov-Smirnov: the largest gap between the score distributions of the two classes."""
    if not 0 < y.sum() < len(y):
        return None
    fpr, tpr, _ = roc_curve(y, p)
    return float(np.max(tpr - fpr))


def best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability cut that maximises F1 (ties: the higher cut, fewer false alarms)."""
    order = np.argsort(-p, kind="stable")
    ys, ps = y[order], p[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    positives = ys.sum()
    # Only cut where the score changes, so tied rows are never split.
    last_of_tie = np.r_[ps[1:] != ps[:-1], True]
    f1 = np.where(last_of_tie, 2 * tp / (tp + fp + positives), -1)
    i = int(np.argmax(f1))
    return float(ps[i])


def at_threshold(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    predicted = p >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    tn = int(np.sum(~predicted & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": round(threshold, 6), "f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4), "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn}}


def reliability(y: np.ndarray, p: np.ndarray, bins: int = RELIABILITY_BINS) -> list[dict]:
    """Equal-count bins of predicted probability: mean prediction beside the observed rate."""
    order = np.argsort(p, kind="stable")
    table = []
    for chunk in np.array_split(order, bins):
        if len(chunk) == 0:
            continue
        table.append({
            "from": round(float(p[chunk].min()), 6),
            "to": round(float(p[chunk].max()), 6),
            "count": int(len(chunk)),
            "meanPredicted": round(float(p[chunk].mean()), 6),
            "observedRate": round(float(y[chunk].mean()), 6),
        })
    return table


def binary_report(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    a, k = auc(y, p), ks(y, p)
    return {
        "rows": int(len(y)),
        "positives": int(y.sum()),
        "auc": None if a is None else round(a, 4),
        "ks": None if k is None else round(k, 4),
        **at_threshold(y, p, threshold),
        "brier": round(float(brier_score_loss(y, p)), 6),
        "reliability": reliability(y, p),
    }
