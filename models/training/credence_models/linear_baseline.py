"""The logistic-regression baseline: the model a credit team would build first and the one a
gradient-boosted model must beat to earn its opacity.

Numeric features are clipped to their 1st-99th training percentiles, imputed with the median,
standardised, and get a missing-value indicator when training saw them missing; categorical
codes become their weight of evidence (the classic scorecard transform). The same transform is
written into the ONNX graph, so the served baseline is this model, not a re-implementation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression

from .tree_onnx import model as onnx_model


@dataclass
class LinearTransform:
    numeric: list[int]
    lo: np.ndarray
    hi: np.ndarray
    median: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    indicators: list[int]  # positions within `numeric` that get a missing indicator
    categorical: list[int]
    woe: list[np.ndarray]  # per categorical feature: WoE by code, then one for missing

    def apply(self, x: np.ndarray) -> np.ndarray:
        parts = []
        if self.numeric:
            xn = x[:, self.numeric]
            nan = np.isnan(xn)
            filled = np.where(nan, self.median, xn)
            z = (np.minimum(np.maximum(filled, self.lo), self.hi) - self.mean) / self.std
            parts.append(z)
            if self.indicators:
                parts.append(nan[:, self.indicators].astype(np.float64))
        for j, table in zip(self.categorical, self.woe):
            codes = np.where(np.isnan(x[:, j]), len(table) - 1, x[:, j]).astype(np.int64)
            parts.append(table[codes][:, None])
        return np.hstack(parts)


def fit_transform(x: np.ndarray, y: np.ndarray, schema: list[dict]) -> LinearTransform:
    numeric = [j for j, f in enumerate(schema) if f["type"] != "categorical"]
    categorical = [j for j, f in enumerate(schema) if f["type"] == "categorical"]
    xn = x[:, numeric]
    with np.errstate(all="ignore"):
        lo = np.nan_to_num(np.nanpercentile(xn, 1, axis=0)) if numeric else np.zeros(0)
        hi = np.nan_to_num(np.nanpercentile(xn, 99, axis=0)) if numeric else np.zeros(0)
        median = np.nan_to_num(np.nanmedian(xn, axis=0)) if numeric else np.zeros(0)
    clipped = np.minimum(np.maximum(np.where(np.isnan(xn), median, xn), lo), hi)
    mean = clipped.mean(axis=0) if numeric else np.zeros(0)
    std = clipped.std(axis=0) if numeric else np.zeros(0)
    std = np.where(std > 0, std, 1.0)
    indicators = [i for i in range(len(numeric)) if np.isnan(xn[:, i]).any()]
    pos, neg = y.sum(), len(y) - y.sum()
    woe = []
    for j in categorical:
        k = len(schema[j]["categories"])
        codes = np.where(np.isnan(x[:, j]), k, x[:, j]).astype(np.int64)
        table = np.zeros(k + 1)
        for c in range(k + 1):
            mask = codes == c
            # Half a count on each side keeps empty cells finite (Laplace smoothing).
            table[c] = np.log(((y[mask].sum() + 0.5) / (pos + 0.5)) / (((1 - y[mask]).sum() + 0.5) / (neg + 0.5)))
        woe.append(table)
    return LinearTransform(numeric, lo, hi, median, mean, std, indicators, categorical, woe)


def fit(x: np.ndarray, y: np.ndarray, schema: list[dict], sample_weight: np.ndarray | None = None) -> tuple[LinearTransform, LogisticRegression]:
    transform = fit_transform(x, y, schema)
    lr = LogisticRegression(C=1.0, max_iter=2000)
    lr.fit(transform.apply(x), y, sample_weight=sample_weight)
    return transform, lr


def predict(transform: LinearTransform, lr: LogisticRegression, x: np.ndarray) -> np.ndarray:
    return lr.predict_proba(transform.apply(x))[:, 1]


def to_onnx(transform: LinearTransform, lr: LogisticRegression, features: int, name: str) -> onnx.ModelProto:
    init: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []
    parts: list[str] = []

    def const(tag: str, value: np.ndarray) -> str:
        init.append(numpy_helper.from_array(np.asarray(value), tag))
        return tag

    if transform.numeric:
        nodes.append(helper.make_node("Gather", ["features", const("numeric_idx", np.array(transform.numeric, dtype=np.int64))], ["xn"], axis=1))
        nodes.append(helper.make_node("IsNaN", ["xn"], ["xn_nan"]))
        nodes.append(helper.make_node("Where", ["xn_nan", const("median", transform.median), "xn"], ["xn_filled"]))
        nodes.append(helper.make_node("Max", ["xn_filled", const("lo", transform.lo)], ["xn_lo"]))
        nodes.append(helper.make_node("Min", ["xn_lo", const("hi", transform.hi)], ["xn_clip"]))
        nodes.append(helper.make_node("Sub", ["xn_clip", const("mean", transform.mean)], ["xn_centre"]))
        nodes.append(helper.make_node("Div", ["xn_centre", const("std", transform.std)], ["z"]))
        parts.append("z")
        if transform.indicators:
            nodes.append(helper.make_node("Cast", ["xn_nan"], ["xn_nan_d"], to=TensorProto.DOUBLE))
            nodes.append(helper.make_node("Gather", ["xn_nan_d", const("indicator_idx", np.array(transform.indicators, dtype=np.int64))], ["ind"], axis=1))
            parts.append("ind")
    for n, (j, table) in enumerate(zip(transform.categorical, transform.woe)):
        nodes.append(helper.make_node("Gather", ["features", const(f"cat_idx_{n}", np.array([j], dtype=np.int64))], [f"c{n}"], axis=1))
        nodes.append(helper.make_node("IsNaN", [f"c{n}"], [f"c{n}_nan"]))
        nodes.append(helper.make_node("Where", [f"c{n}_nan", const(f"c{n}_missing", np.array([float(len(table) - 1)])), f"c{n}"], [f"c{n}_code"]))
        nodes.append(helper.make_node("Cast", [f"c{n}_code"], [f"c{n}_int"], to=TensorProto.INT64))
        nodes.append(helper.make_node("Gather", [const(f"woe_{n}", table), f"c{n}_int"], [f"w{n}"], axis=0))
        parts.append(f"w{n}")
    nodes.append(helper.make_node("Concat", parts, ["design"], axis=1))
    nodes.append(helper.make_node("MatMul", ["design", const("coef", lr.coef_.reshape(-1, 1).astype(np.float64))], ["linear"]))
    nodes.append(helper.make_node("Add", ["linear", const("intercept", lr.intercept_.astype(np.float64))], ["margin"]))
    nodes.append(helper.make_node("Sigmoid", ["margin"], ["probability"]))
    return onnx_model(nodes, features, {"margin": 1, "probability": 1}, name, init)
