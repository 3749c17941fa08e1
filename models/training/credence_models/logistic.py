"""The logistic-regression candidate: the model a credit team builds first, and the bar every other
candidate must clear to earn its complexity.

Design: numeric features median-imputed, optionally clipped to their 1st-99th training percentiles,
standardised, with a missing-value indicator when the fitting rows had any missing; categories
one-hot with the most common as the reference (and a column for missing). The regularisation
strength (C, including None = unregularised) and the clipping are chosen by inner cross-validated
log loss on the rows it is fitted on, so it is never a fixed guess; the unregularised, unclipped choice
is the textbook fit, so the tuned model starts from it. Log loss is not AUC, though: the tuned fit
can rank a little worse than the textbook one, so the candidate cross-validates both on the outer
folds and keeps the better by CV AUC (candidates.keep_logistic).

The same transform and coefficients are written into the ONNX graph (the served model is this
model), and as linear.json: per-feature terms whose deviations from their training means are the
exact (interventional) Shapley values of a linear model, for adverse-action reasons.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .tree_onnx import model as onnx_model

C_GRID: list[float | None] = [0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, None]  # ascending; None = unregularised
CLIP = [False, True]


@dataclass
class Design:
    numeric: list[int]  # schema indexes of numeric and boolean features
    median: np.ndarray
    lo: np.ndarray  # clip bounds (-inf/+inf when not clipping)
    hi: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    indicators: list[int]  # positions within `numeric` with a missing indicator
    categorical: list[int]  # schema indexes
    columns: list[list[int]]  # per categorical feature: the codes that get a one-hot column
    missing_column: list[bool]  # per categorical feature: whether missing gets a column

    def matrix(self, x: np.ndarray) -> np.ndarray:
        parts = []
        if self.numeric:
            xn = x[:, self.numeric]
            nan = np.isnan(xn)
            z = (np.clip(np.where(nan, self.median, xn), self.lo, self.hi) - self.mean) / self.std
            parts.append(z)
            if self.indicators:
                parts.append(nan[:, self.indicators].astype(np.float64))
        for j, codes, has_missing in zip(self.categorical, self.columns, self.missing_column):
            v = x[:, j]
            parts.extend((v == c).astype(np.float64)[:, None] for c in codes)
            if has_missing:
                parts.append(np.isnan(v).astype(np.float64)[:, None])
        return np.hstack(parts) if parts else np.zeros((len(x), 0))


def fit_design(x: np.ndarray, schema: list[dict], clip: bool) -> Design:
    numeric = [j for j, f in enumerate(schema) if f["type"] != "categorical"]
    categorical = [j for j, f in enumerate(schema) if f["type"] == "categorical"]
    xn = x[:, numeric]
    with np.errstate(all="ignore"):
        median = np.nan_to_num(np.nanmedian(xn, axis=0)) if numeric else np.zeros(0)
        lo = np.nan_to_num(np.nanpercentile(xn, 1, axis=0)) if clip and numeric else np.full(len(numeric), -np.inf)
        hi = np.nan_to_num(np.nanpercentile(xn, 99, axis=0)) if clip and numeric else np.full(len(numeric), np.inf)
    filled = np.clip(np.where(np.isnan(xn), median, xn), lo, hi)
    mean = filled.mean(axis=0) if numeric else np.zeros(0)
    std = filled.std(axis=0) if numeric else np.zeros(0)
    std = np.where(std > 0, std, 1.0)
    indicators = [i for i in range(len(numeric)) if np.isnan(xn[:, i]).any()]
    columns, missing_column = [], []
    for j in categorical:
        v = x[:, j]
        present = v[~np.isnan(v)].astype(np.int64)
        counts = np.bincount(present, minlength=len(schema[j]["categories"]))
        seen = [c for c in range(len(counts)) if counts[c] > 0]
        reference = int(np.argmax(counts)) if len(present) else -1
        columns.append([c for c in seen if c != reference])
        missing_column.append(bool(np.isnan(v).any()))
    return Design(numeric, median, lo, hi, mean, std, indicators, categorical, columns, missing_column)


@dataclass
class Logistic:
    design: Design
    coef: np.ndarray
    intercept: float
    params: dict

    def margin(self, x: np.ndarray) -> np.ndarray:
        return self.intercept + self.design.matrix(x) @ self.coef

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.margin(x)))

    def terms(self) -> dict:
        """Per feature: the coefficients it contributes through (linear.json)."""
        d = self.design
        numeric_coef = self.coef[: len(d.numeric)]
        k = len(d.numeric)
        indicator_coef = dict(zip(d.indicators, self.coef[k: k + len(d.indicators)]))
        k += len(d.indicators)
        by_feature: dict[int, dict] = {}
        for i, j in enumerate(d.numeric):
            by_feature[j] = {"kind": "numeric", "median": float(d.median[i]), "lo": _finite(d.lo[i]), "hi": _finite(d.hi[i]), "mean": float(d.mean[i]),
                             "std": float(d.std[i]), "coefficient": float(numeric_coef[i]), "missingCoefficient": float(indicator_coef.get(i, 0.0))}
        for j, codes, has_missing in zip(d.categorical, d.columns, d.missing_column):
            by_code = dict(zip(codes, self.coef[k: k + len(codes)]))
            k += len(codes)
            missing = 0.0
            if has_missing:
                missing = float(self.coef[k])
                k += 1
            by_feature[j] = {"kind": "categorical", "byCode": by_code, "missing": missing}
        return by_feature


def _finite(v: float) -> float | None:
    return None if not np.isfinite(v) else float(v)


def deviance(y: np.ndarray, margin: np.ndarray) -> float:
    """Mean log loss from log-odds (numerically stable): the criterion glmnet tunes on. It is far
    less noisy than AUC on the few rows of an inner fold."""
    return float(np.mean(np.logaddexp(0, margin) - y * margin))


def _regression(c: float | None, tol: float, warm: bool = False) -> LogisticRegression:
    # C = inf is scikit-learn's spelling of no penalty (`penalty=None` is deprecated since 1.8).
    return LogisticRegression(C=np.inf if c is None else c, max_iter=5000, tol=tol, warm_start=warm)


def fit_once(x: np.ndarray, y: np.ndarray, schema: list[dict], c: float | None, clip: bool, weight: np.ndarray | None = None) -> Logistic:
    design = fit_design(x, schema, clip)
    lr = _regression(c, 1e-6)
    lr.fit(design.matrix(x), y, sample_weight=weight)
    return Logistic(design, lr.coef_[0].astype(np.float64), float(lr.intercept_[0]), {"C": c, "clip": clip})


def fit(x: np.ndarray, y: np.ndarray, schema: list[dict], seed: int, weight: np.ndarray | None = None, inner_folds: int = 5) -> Logistic:
    """Chooses (C, clip) by inner stratified CV log loss on these rows only, then fits on all of them.
    Along each fold's C path (weakest penalty last) each fit starts from the previous solution."""
    folds = list(StratifiedKFold(n_splits=inner_folds, shuffle=True, random_state=seed + 2).split(x, y))
    scores = {(c, clip): [] for clip in CLIP for c in C_GRID}
    for a, b in folds:
        wa = None if weight is None else weight[a]
        for clip in CLIP:
            design = fit_design(x[a], schema, clip)
            xa, xb = design.matrix(x[a]), design.matrix(x[b])
            lr = _regression(C_GRID[0], 1e-4, warm=True)
            for c in C_GRID:
                lr.set_params(C=np.inf if c is None else c)
                lr.fit(xa, y[a], sample_weight=wa)
                scores[(c, clip)].append(deviance(y[b], lr.decision_function(xb)))
    mean = {k: float(np.mean(v)) for k, v in scores.items()}
    # Exact ties go to the first in grid order: unclipped before clipped, stronger penalty first.
    best = min(mean, key=lambda k: mean[k])
    model = fit_once(x, y, schema, best[0], best[1], weight)
    model.params = {"C": best[0], "clip": best[1], "configuration": "tuned", "innerFolds": inner_folds, "innerLogLoss": round(mean[best], 5),
                    "grid": "C in " + ", ".join("none" if c is None else f"{c:g}" for c in C_GRID) + "; clip at the 1st-99th pct or not"}
    return model


def textbook(x: np.ndarray, y: np.ndarray, schema: list[dict], weight: np.ndarray | None = None) -> Logistic:
    """The unregularised textbook fit on the same columns: no clipping, no penalty. The candidate
    keeps it instead of the tuned fit when the tuned one does not beat it on the outer folds
    (candidates.keep_logistic)."""
    m = fit_once(x, y, schema, None, False, weight)
    m.params = {"C": None, "clip": False, "configuration": "textbook"}
    return m


def linear_json(m: Logistic, schema: list[dict], x_train: np.ndarray) -> dict:
    """linear.json (models/CARD.md): how each feature's term is computed and its training mean,
    so contribution = term(x) - expected sums with `bias` to the margin."""
    terms = m.terms()
    features = []
    design = m.design
    matrix = design.matrix(x_train)
    contributions = per_feature_terms(m, x_train, schema, matrix)
    expected = contributions.mean(axis=0)
    for j, f in enumerate(schema):
        t = terms[j]
        if t["kind"] == "numeric":
            features.append({"feature": f["name"], "type": f["type"], "median": t["median"], "lo": t["lo"], "hi": t["hi"], "mean": t["mean"], "std": t["std"],
                             "coefficient": t["coefficient"], "missingCoefficient": t["missingCoefficient"], "expected": float(expected[j])})
        else:
            names = f["categories"]
            features.append({"feature": f["name"], "type": "categorical", "weights": {names[c]: float(t["byCode"].get(c, 0.0)) for c in range(len(names))},
                             "missingWeight": t["missing"], "expected": float(expected[j])})
    return {"schema": "credence.linear/1", "intercept": m.intercept, "bias": float(m.intercept + expected.sum()), "features": features}


def per_feature_terms(m: Logistic, x: np.ndarray, schema: list[dict], matrix: np.ndarray | None = None) -> np.ndarray:
    """Each feature's additive term of the margin (without the intercept), rows x features."""
    d = m.design
    matrix = d.matrix(x) if matrix is None else matrix
    out = np.zeros((len(x), len(schema)))
    k = 0
    for i, j in enumerate(d.numeric):
        out[:, j] += matrix[:, i] * m.coef[i]
    k = len(d.numeric)
    for i in d.indicators:
        out[:, d.numeric[i]] += matrix[:, k] * m.coef[k]
        k += 1
    for j, codes, has_missing in zip(d.categorical, d.columns, d.missing_column):
        width = len(codes) + (1 if has_missing else 0)
        out[:, j] += matrix[:, k: k + width] @ m.coef[k: k + width]
        k += width
    return out


def contributions(m: Logistic, x: np.ndarray, schema: list[dict], linear: dict) -> np.ndarray:
    """Linear SHAP values then the bias (LightGBM pred_contrib layout): rows sum to the margin."""
    expected = np.array([f["expected"] for f in linear["features"]])
    return np.hstack([per_feature_terms(m, x, schema) - expected, np.full((len(x), 1), linear["bias"])])


def to_onnx(m: Logistic, schema: list[dict], name: str) -> onnx.ModelProto:
    features = len(schema)
    d = m.design
    init: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []
    terms: list[str] = []

    def const(tag: str, value: np.ndarray) -> str:
        init.append(numpy_helper.from_array(np.asarray(value), tag))
        return tag

    if d.numeric:
        k = len(d.numeric)
        nodes.append(helper.make_node("Gather", ["features", const("numeric_idx", np.array(d.numeric, dtype=np.int64))], ["xn"], axis=1))
        nodes.append(helper.make_node("IsNaN", ["xn"], ["xn_nan"]))
        nodes.append(helper.make_node("Where", ["xn_nan", const("median", d.median), "xn"], ["xn_filled"]))
        nodes.append(helper.make_node("Max", ["xn_filled", const("lo", np.where(np.isfinite(d.lo), d.lo, -np.finfo(np.float64).max))], ["xn_lo"]))
        nodes.append(helper.make_node("Min", ["xn_lo", const("hi", np.where(np.isfinite(d.hi), d.hi, np.finfo(np.float64).max))], ["xn_clip"]))
        nodes.append(helper.make_node("Sub", ["xn_clip", const("mean", d.mean)], ["xn_centre"]))
        nodes.append(helper.make_node("Div", ["xn_centre", const("std", d.std)], ["z"]))
        nodes.append(helper.make_node("MatMul", ["z", const("coef_z", m.coef[:k].reshape(-1, 1))], ["t_numeric"]))
        terms.append("t_numeric")
        if d.indicators:
            nodes.append(helper.make_node("Cast", ["xn_nan"], ["xn_nan_d"], to=TensorProto.DOUBLE))
            nodes.append(helper.make_node("Gather", ["xn_nan_d", const("indicator_idx", np.array(d.indicators, dtype=np.int64))], ["ind"], axis=1))
            nodes.append(helper.make_node("MatMul", ["ind", const("coef_ind", m.coef[k: k + len(d.indicators)].reshape(-1, 1))], ["t_ind"]))
            terms.append("t_ind")
    by_feature = m.terms()
    # One-hot times coefficients is a lookup: each category code's weight (0 for the reference and
    # for codes the fitting rows never had), then one slot for missing.
    for n, j in enumerate(d.categorical):
        t = by_feature[j]
        k = len(schema[j]["categories"])
        table = np.zeros(k + 1)
        for c, w in t["byCode"].items():
            table[c] = w
        table[k] = t["missing"]
        nodes.append(helper.make_node("Gather", ["features", const(f"cat_idx_{n}", np.array([j], dtype=np.int64))], [f"c{n}"], axis=1))
        nodes.append(helper.make_node("IsNaN", [f"c{n}"], [f"c{n}_nan"]))
        nodes.append(helper.make_node("Where", [f"c{n}_nan", const(f"c{n}_missing", np.array([float(k)])), f"c{n}"], [f"c{n}_code"]))
        nodes.append(helper.make_node("Cast", [f"c{n}_code"], [f"c{n}_int"], to=TensorProto.INT64))
        nodes.append(helper.make_node("Gather", [const(f"w_{n}", table), f"c{n}_int"], [f"t_c{n}"], axis=0))
        terms.append(f"t_c{n}")
    nodes.append(helper.make_node("Sum", terms or [const("zero", np.zeros((1, 1)))], ["linear"]))
    nodes.append(helper.make_node("Add", ["linear", const("intercept", np.array([m.intercept]))], ["margin"]))
    nodes.append(helper.make_node("Sigmoid", ["margin"], ["probability"]))
    return onnx_model(nodes, features, {"margin": 1, "probability": 1}, name, init)
