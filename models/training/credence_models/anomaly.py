"""Fraud anomaly score: an isolation forest over application-time signals, trained without labels
(fraud evolves faster than labels arrive), evaluated against the labels we do have.

The forest is written to ONNX from its own trees: each leaf holds the path length sklearn
assigns (depth + c(leaf size)), the ensemble averages them, and the score is
2^(-mean path / c(max_samples)) in (0, 1), higher is more anomalous: sklearn's
-score_samples, checked row by row.
"""
from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper, numpy_helper
from sklearn.ensemble import IsolationForest
from sklearn.model_selection import train_test_split

from . import drift
from .artifacts import CARD_SCHEMA, rounded, trained_at
from .encoding import encode, fit_schema, records
from .metrics import at_threshold, auc
from .progress import say
from .table import Column
from .tree_onnx import Ensemble, model, regressor_node, run

# Share of applications the fraud team can review: the alert threshold is this quantile of training scores.
ALERT_RATE = 0.03


def average_path_length(n: np.ndarray) -> np.ndarray:
    """c(n): the mean path length of an unsuccessful search in a binary search tree of n points."""
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros_like(n)
    out[n == 2] = 1.0
    big = n > 2
    out[big] = 2.0 * (np.log(n[big] - 1.0) + np.euler_gamma) - 2.0 * (n[big] - 1.0) / n[big]
    return out


def forest_ensemble(forest: IsolationForest) -> Ensemble:
    ensemble = Ensemble()
    for t, (tree, features) in enumerate(zip(forest.estimators_, forest.estimators_features_)):
        structure = tree.tree_
        depth = np.zeros(structure.node_count)
        for node in range(structure.node_count):
            left, right = structure.children_left[node], structure.children_right[node]
            if left != -1:
                depth[left] = depth[right] = depth[node] + 1
        for node in range(structure.node_count):
            left, right = structure.children_left[node], structure.children_right[node]
            if left == -1:
                leaf_size = structure.n_node_samples[node]
                ensemble.leaf(t, node, 0, float(depth[node] + average_path_length(np.array([leaf_size]))[0]))
            else:
                ensemble.split(t, node, int(features[structure.feature[node]]), float(structure.threshold[node]), int(left), int(right), False)
    return ensemble


def to_onnx(forest: IsolationForest, medians: np.ndarray, features: int, name: str):
    ensemble = forest_ensemble(forest)
    norm = float(len(forest.estimators_) * average_path_length(np.array([forest.max_samples_]))[0])
    init = [numpy_helper.from_array(medians, "medians"), numpy_helper.from_array(np.array([-1.0 / norm]), "scale"), numpy_helper.from_array(np.array([2.0]), "two")]
    nodes = [
        # Isolation forests cannot route a missing value: it takes the training median.
        helper.make_node("IsNaN", ["features"], ["nan"]),
        helper.make_node("Where", ["nan", "medians", "features"], ["filled"]),
        regressor_node(ensemble, 1, "filled", "path_sum_f32"),
        helper.make_node("Cast", ["path_sum_f32"], ["path_sum"], to=TensorProto.DOUBLE),
        helper.make_node("Mul", ["path_sum", "scale"], ["exponent"]),
        helper.make_node("Pow", ["two", "exponent"], ["score"]),
    ]
    return model(nodes, features, {"score": 1}, name, init)


def train_anomaly(frame, label: np.ndarray, columns: list[Column], name: str, description: str, source: str, sha256: str, seed: int = 42) -> dict:
    idx = np.arange(len(label))
    train_idx, test_idx = train_test_split(idx, test_size=0.3, stratify=label, random_state=seed)
    f_train, f_test = frame.iloc[train_idx].reset_index(drop=True), frame.iloc[test_idx].reset_index(drop=True)
    schema = fit_schema(f_train, label[train_idx], columns)
    x_train, x_test = encode(f_train, schema), encode(f_test, schema)
    medians = np.nan_to_num(np.nanmedian(x_train, axis=0))
    forest = IsolationForest(n_estimators=200, max_samples=256, random_state=seed, n_jobs=1)
    forest.fit(np.where(np.isnan(x_train), medians, x_train))
    onnx_model = to_onnx(forest, medians, len(schema), name)
    train_scores = run(onnx_model, x_train)["score"][:, 0]
    scores = run(onnx_model, x_test)["score"][:, 0]
    reference = -forest.score_samples(np.where(np.isnan(x_test), medians, x_test))
    gap = float(np.max(np.abs(scores - reference)))
    if gap > 1e-5:
        raise RuntimeError(f"ONNX isolation forest disagrees with sklearn by {gap:.3g}")
    threshold = float(np.quantile(train_scores, 1 - ALERT_RATE))
    y = label[test_idx]
    test = {"rows": int(len(y)), "frauds": int(y.sum()), "auc": round(auc(y, scores) or 0, 4), **at_threshold(y, scores, threshold), "alertRate": round(float(np.mean(scores >= threshold)), 4)}
    say(f"anomaly: test auc {test['auc']}, at the {ALERT_RATE:.0%} alert rate precision {test['precision']}, recall {test['recall']}; onnx checked (largest difference {gap:.2g})")
    verify = np.arange(min(50, len(test_idx)))
    card = {
        "schema": CARD_SCHEMA, "name": name, "version": "1.0.0", "task": "anomaly", "description": description, "trainedAt": trained_at(),
        "data": {"source": source, "sha256": sha256, "rows": int(len(label)), "labelRate": round(float(label.mean()), 6), "split": {"train": int(len(train_idx)), "test": int(len(test_idx)), "seed": seed, "stratified": True}},
        "features": schema,
        "algorithm": {"name": "isolation_forest", "params": {"n_estimators": 200, "max_samples": 256, "random_state": seed}, "imputation": "training median"},
        "threshold": {"value": round(threshold, 6), "objective": f"alert on the top {ALERT_RATE:.0%} of training scores (review capacity)"},
        "metrics": {"test": test},
        "drift": {"features": {f["name"]: (drift.categorical_baseline(x_train[:, j], len(f["categories"])) if f["type"] == "categorical" else drift.numeric_baseline(x_train[:, j])) for j, f in enumerate(schema)}, "score": drift.numeric_baseline(scores)},
        "verification": "verification.json",
    }
    verification = {"records": records(f_test.iloc[verify], schema), "encoded": [rounded(r, 17) for r in x_test[verify]], "score": rounded(scores[verify], 15)}
    return {"model.onnx": onnx_model, "verification.json": verification, "card.json": card}
