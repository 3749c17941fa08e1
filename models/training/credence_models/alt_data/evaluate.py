"""The figures of the comparison on the test rows, and their bootstrap intervals."""
from __future__ import annotations

import numpy as np

from ..metrics import auc
from .operating_point import group, same_bad_rate_threshold

TARGET_LIFT = 0.20  # the product's promise: 20% more approvals at no higher default rate
# An AUC over fewer bads than this is one or two people's ranks, not a measurement: reported as n/a.
MIN_BADS = 5


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    return auc(y, p) if MIN_BADS <= y.sum() < len(y) else None


def segment_auc(y: np.ndarray, pd_: np.ndarray, thin: np.ndarray, under25: np.ndarray) -> dict:
    out = {}
    for key, mask in (("all", np.ones(len(y), bool)), ("thickFile", ~thin), ("thinFile", thin), ("under25", under25)):
        a = _auc(y[mask], pd_[mask])
        out[key] = {"auc": None if a is None else round(a, 4), "rows": int(mask.sum()), "bads": int(y[mask].sum())}
    return out


def approvals(y: np.ndarray, pd_: np.ndarray, threshold: float, thin: np.ndarray, under25: np.ndarray) -> dict:
    approved = pd_ <= threshold
    out = group(y, approved)
    return {
        "threshold": threshold,
        "approved": out["rows"],
        "approvalRate": out["rows"] / len(y),
        "bads": out["bads"],
        "badRate": out["badRate"],
        "expectedBadRate": float(pd_[approved].mean()) if approved.any() else None,
        "thinFile": {"rows": int(thin.sum()), "approved": int((approved & thin).sum()), "share": float(approved[thin].mean()) if thin.any() else None},
        "under25": {"rows": int(under25.sum()), "approved": int((approved & under25).sum()), "share": float(approved[under25].mean()) if under25.any() else None},
    }


def lift(challenger: dict, reference: dict) -> dict:
    """Relative lift in approvals and the bad-rate difference (challenger minus reference)."""
    return {
        "approvalLift": challenger["approved"] / reference["approved"] - 1 if reference["approved"] else None,
        "badRateDifference": (challenger["badRate"] or 0) - (reference["badRate"] or 0),
    }


def _interval(values: list[float | None]) -> dict | None:
    v = np.array([x for x in values if x is not None and np.isfinite(x)], dtype=float)
    if v.size == 0:
        return None
    low, high = np.percentile(v, [2.5, 97.5])
    return {"low": float(low), "high": float(high), "reps": int(v.size)}


def bootstrap(y: np.ndarray, pds: dict[str, np.ndarray], reference: str, max_pd: float, fixed: dict[str, float],
              thin: np.ndarray, under25: np.ndarray, reps: int, seed: int) -> dict:
    """Resamples the test rows with replacement (seeded). Each resample redoes the comparison: the
    reference approves at the policy cut-off, each challenger gets the threshold matching the
    reference's realised bad rate in that resample; the thresholds set on training rows (`fixed`)
    stay fixed. Percentile intervals, 95%."""
    rng = np.random.default_rng(seed)
    n = len(y)
    challengers = [k for k in pds if k != reference]
    draws: dict[str, list] = {}

    def put(key: str, value: float | None) -> None:
        draws.setdefault(key, []).append(value)

    # A segment with too few bads has no AUC to put an interval on (duplicating one bad five times is not five).
    measured = [(key, mask) for key, mask in (("thinFile", thin), ("under25", under25)) if y[mask].sum() >= MIN_BADS]
    for _ in range(reps):
        idx = rng.integers(0, n, n)
        yb, tb = y[idx], thin[idx]
        ref = pds[reference][idx] <= max_pd
        ref_rows, ref_bads = int(ref.sum()), int(yb[ref].sum())
        ref_rate = ref_bads / ref_rows if ref_rows else None
        for c in challengers:
            pc = pds[c][idx]
            matched = pc <= same_bad_rate_threshold(yb, pc, ref_bads, ref_rows)
            put(f"matched.{c}.approvalLift", matched.sum() / ref_rows - 1 if ref_rows else None)
            put(f"matched.{c}.badRateDifference", yb[matched].mean() - ref_rate if matched.any() and ref_rate is not None else None)
            put(f"matched.{c}.thinFileApprovalDifference", matched[tb].mean() - ref[tb].mean() if tb.any() else None)
            deployed = pc <= fixed[c]
            put(f"trainingThreshold.{c}.approvalLift", deployed.sum() / ref_rows - 1 if ref_rows else None)
            put(f"trainingThreshold.{c}.badRateDifference", yb[deployed].mean() - ref_rate if deployed.any() and ref_rate is not None else None)
        for key, segment in measured:
            mask = segment[idx]
            aucs = {m: _auc(yb[mask], pds[m][idx][mask]) for m in pds}
            for m, a in aucs.items():
                put(f"auc.{key}.{m}", a)
            if aucs.get("segmented") is not None and aucs.get("alternative") is not None:
                put(f"auc.{key}.segmentedMinusAlternative", aucs["segmented"] - aucs["alternative"])
    out = {"reps": reps, "seed": seed, "method": "percentile, 95%, test rows resampled with replacement", "intervals": {k: _interval(v) for k, v in draws.items()}}
    for c in challengers:
        lifts, diffs = draws[f"matched.{c}.approvalLift"], draws[f"matched.{c}.badRateDifference"]
        met = [lf is not None and d is not None and lf >= TARGET_LIFT and d <= 0 for lf, d in zip(lifts, diffs)]
        out[f"targetMetShare.{c}"] = float(np.mean(met))
    return out
