"""Where each model approves: the credit policy's cut-off, the threshold that matches a bad rate,
and who changes side between two models (the swap set)."""
from __future__ import annotations

import os
import re

import numpy as np

from ..model_set import ROOT


def _read(path: str) -> str:
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def _number(text: str, key: str, path: str) -> float:
    match = re.search(rf"\b{key}:\s*([0-9.]+)", text)
    if not match:
        raise RuntimeError(f"{key} not found in {path}")
    return float(match.group(1))


def policy_cutoff() -> dict:
    """The largest PD the credit policy approves without a person, read from the TypeScript so there
    is one source: SCORE_CUTOFFS.approveAt on the scorecard's log-odds scale (scaling.ts). The served
    points are Math.round of the scaled score (credit-score.ts), so approveAt - 0.5 still approves."""
    policy, scaling = "policies/credit-policy.ts", "models/scorecard/scaling.ts"
    approve_at = _number(_read(policy), "approveAt", policy)
    text = _read(scaling)
    anchor, odds, pdo = (_number(text, k, scaling) for k in ("anchorScore", "anchorOdds", "pointsToDoubleOdds"))
    lowest_odds = odds * 2 ** ((approve_at - 0.5 - anchor) / pdo)
    return {"approveAtPoints": int(approve_at), "maxPd": 1 / (1 + lowest_odds), "source": f"{policy} SCORE_CUTOFFS.approveAt on the {scaling} scale"}


def same_bad_rate_threshold(y: np.ndarray, pd_: np.ndarray, bads: int, rows: int) -> float:
    """The PD cut that approves the most rows while their realised bad rate stays at or below
    bads / rows (compared in integers, so "no higher" is exact). It only cuts between distinct
    PDs: applicants with the same score get the same answer. -1 approves nobody."""
    order = np.argsort(pd_, kind="stable")
    ps = pd_[order]
    cum_bads = np.cumsum(y[order]).astype(np.int64)
    approved = np.arange(1, len(ps) + 1, dtype=np.int64)
    boundary = np.r_[ps[1:] != ps[:-1], True]
    ok = np.flatnonzero(boundary & (cum_bads * rows <= bads * approved))
    return float(ps[ok[-1]]) if ok.size else -1.0


def group(y: np.ndarray, mask: np.ndarray) -> dict:
    rows, bads = int(mask.sum()), int(y[mask].sum())
    return {"rows": rows, "bads": bads, "badRate": bads / rows if rows else None}


def swap_set(y: np.ndarray, challenger: np.ndarray, reference: np.ndarray, thin: np.ndarray) -> dict:
    """Approved by one and declined by the other, each side with its realised bad rate."""
    cells = {
        "bothApproved": challenger & reference,
        "swapIn": challenger & ~reference,  # approved only with the challenger
        "swapOut": ~challenger & reference,  # approved only by the reference
        "bothDeclined": ~challenger & ~reference,
    }
    return {k: group(y, m) | {"thinFile": int((m & thin).sum())} for k, m in cells.items()}
