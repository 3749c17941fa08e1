"""Calibrating the champion's probability, fitted on its out-of-fold predictions.

The served probability is always calibrated (issue 9: PDs are probabilities, and the credit
policy's cut-offs and price tiers read them as default rates). Two maps compete: Platt (a logistic
regression on the raw log-odds) and isotonic (monotone, piecewise linear between knots). Each is
fitted on the out-of-fold predictions of all outer folds but one and scored (log loss) on the
remaining fold, so the choice is itself cross-validated and isotonic's flexibility is not rewarded
for memorising; a tie goes to Platt, the simpler map. The winner is refitted on all out-of-fold
predictions. The raw probability (`none`) is scored the same way and recorded as the reference,
but never chosen: when the model is already calibrated the Platt map is near identity (a ~ 1,
b ~ 0) and costs next to nothing, and a map that is always there keeps the calibrated path of the runtime
tested end to end on every artifact rather than on a fixture only. `none` stays in the contract
(`apply`, the runtime) for cards written before this rule or by hand.

The maps are written to card.calibration exactly as models/CARD.md says the runtime applies them;
`apply` here is that definition.

Expected calibration error (ECE): 10 equal-width bins of predicted probability,
sum over bins of (rows in bin / rows) * |mean predicted - observed rate|.
"""
from __future__ import annotations

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

ECE_BINS = 10
EPS = 1e-15
# The maps the pipeline serves, simplest first (ties go to the earlier one).
SERVED_METHODS = ("platt", "isotonic")
# Scored beside them as the raw model's reference; never chosen.
REFERENCE_METHOD = "none"
WHY_ALWAYS = (
    "A map is always applied: the served probability is a PD that the credit policy's cut-offs and price tiers read as a "
    "default rate, so it is calibrated out of fold whatever the model (issue 9). The raw model's cross-validated log loss "
    "(`none`) is the reference; on an already-calibrated model the Platt map is near identity (a ~ 1, b ~ 0), and serving "
    "it keeps the calibrated path tested end to end."
)


def sigmoid(m: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-m))


def fit_platt(margin: np.ndarray, y: np.ndarray) -> dict:
    lr = LogisticRegression(C=np.inf, max_iter=1000, tol=1e-8)
    lr.fit(margin.reshape(-1, 1), y)
    return {"a": float(lr.coef_[0, 0]), "b": float(lr.intercept_[0])}


def fit_isotonic(p: np.ndarray, y: np.ndarray) -> dict:
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip")
    iso.fit(p, y)
    x, v = np.asarray(iso.X_thresholds_, dtype=np.float64), np.asarray(iso.y_thresholds_, dtype=np.float64)
    # Knots strictly ascending in x (sklearn already merges ties; this guards the contract).
    keep = np.r_[True, np.diff(x) > 0]
    return {"x": [float(a) for a in x[keep]], "y": [float(b) for b in v[keep]]}


def apply(calibration: dict | None, margin: np.ndarray, raw: np.ndarray | None = None) -> np.ndarray:
    """The served probability from the raw log-odds (Platt) or the raw probability (isotonic), as
    CARD.md defines it; `raw` defaults to sigmoid(margin) (give the ONNX output to match serving)."""
    raw = sigmoid(margin) if raw is None else raw
    if not calibration or calibration["method"] == "none":
        return raw
    if calibration["method"] == "platt":
        return sigmoid(calibration["platt"]["a"] * margin + calibration["platt"]["b"])
    knots = calibration["isotonic"]
    # np.interp clamps to the end values outside the knots, as the contract does.
    return np.interp(raw, knots["x"], knots["y"])


def fit_method(method: str, margin: np.ndarray, y: np.ndarray) -> dict:
    if method == "platt":
        return {"method": "platt", "platt": fit_platt(margin, y)}
    if method == "isotonic":
        return {"method": "isotonic", "isotonic": fit_isotonic(sigmoid(margin), y)}
    if method == REFERENCE_METHOD:
        return {"method": REFERENCE_METHOD}
    raise ValueError(f"unknown calibration method {method!r}")


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def cross_validated_log_loss(method: str, oof_margin: np.ndarray, y: np.ndarray, fold_of: np.ndarray) -> float:
    """Log loss of the map fitted on all folds but one and scored on that one, over every row."""
    losses = []
    for k in np.unique(fold_of):
        fit_rows, eval_rows = fold_of != k, fold_of == k
        cal = fit_method(method, oof_margin[fit_rows], y[fit_rows])
        losses.append(log_loss(y[eval_rows], apply(cal, oof_margin[eval_rows])) * eval_rows.sum())
    return round(float(np.sum(losses) / len(y)), 6)


def choose(oof_margin: np.ndarray, y: np.ndarray, fold_of: np.ndarray) -> tuple[dict, dict]:
    """Platt or isotonic, whichever has the lower cross-validated log loss on the out-of-fold
    predictions (a tie to Platt), refitted on all of them; and the cross-validated log loss of
    each method, the raw probability's (`none`) included as the reference."""
    scores = {m: cross_validated_log_loss(m, oof_margin, y, fold_of) for m in (REFERENCE_METHOD, *SERVED_METHODS)}
    return fit_method(pick(scores), oof_margin, y), scores


def pick(scores: dict[str, float]) -> str:
    """The served map with the lowest score, a tie to the simpler; the reference is never picked."""
    return min(SERVED_METHODS, key=lambda m: (scores[m], SERVED_METHODS.index(m)))


def ece(y: np.ndarray, p: np.ndarray, bins: int = ECE_BINS) -> float:
    idx = np.minimum((p * bins).astype(np.int64), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += mask.sum() / len(y) * abs(float(p[mask].mean()) - float(y[mask].mean()))
    return float(total)


def reliability(y: np.ndarray, p: np.ndarray, bins: int = ECE_BINS) -> list[dict]:
    """Equal-width bins (the ones ECE uses); empty bins are left out."""
    idx = np.minimum((p * bins).astype(np.int64), bins - 1)
    rows = []
    for b in range(bins):
        mask = idx == b
        if mask.any():
            rows.append({"from": b / bins, "to": (b + 1) / bins, "count": int(mask.sum()), "meanPredicted": round(float(p[mask].mean()), 6), "observedRate": round(float(y[mask].mean()), 6)})
    return rows
