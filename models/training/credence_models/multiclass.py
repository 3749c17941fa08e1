"""Multiclass LightGBM (best contact hour): classes are the target's distinct values.

Reported the way the collections team uses it: accuracy, top-3 accuracy (the dialler tries the
three best hours), within-one-hour accuracy for ordered classes, macro one-vs-rest AUC, log loss.
"""
from __future__ import annotations

import lightgbm as lgb
import numpy as np
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from . import drift
from .artifacts import CARD_SCHEMA, rounded, trained_at
from .gbm import EARLY_STOP

MAX_CLASS_ROUNDS = 150
from .encoding import encode, fit_schema, records
from .progress import say
from .table import Column
from .tree_onnx import lightgbm_onnx, run


def params(classes: int, seed: int) -> dict:
    # One tree per class per round: small trees and a fast rate keep the committed artifact small.
    return {"objective": "multiclass", "num_class": classes, "learning_rate": 0.15, "num_leaves": 15, "min_child_samples": 60, "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0, "verbose": -1, "seed": seed, "deterministic": True, "force_row_wise": True, "num_threads": 2}


def report(y: np.ndarray, p: np.ndarray, labels: list[str]) -> dict:
    top = np.argsort(-p, axis=1)
    numeric = all(label.lstrip("-").isdigit() for label in labels)
    out = {
        "rows": int(len(y)),
        "accuracy": round(float(np.mean(top[:, 0] == y)), 4),
        "top3Accuracy": round(float(np.mean((top[:, :3] == y[:, None]).any(axis=1))), 4),
        "macroAuc": round(float(roc_auc_score(y, p, multi_class="ovr", average="macro", labels=np.arange(len(labels)))), 4),
        "logLoss": round(float(log_loss(y, p, labels=np.arange(len(labels)))), 4),
    }
    if numeric:
        values = np.array([int(label) for label in labels])
        out["withinOneAccuracy"] = round(float(np.mean(np.abs(values[top[:, 0]] - values[y]) <= 1)), 4)
    return out


def train_multiclass(frame, target: np.ndarray, columns: list[Column], name: str, description: str, source: str, sha256: str, seed: int = 42) -> dict:
    labels = sorted({str(v) for v in target}, key=lambda v: (len(v), v))
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index[str(v)] for v in target])
    idx = np.arange(len(y))
    train_idx, test_idx = train_test_split(idx, test_size=0.2, stratify=y, random_state=seed)
    f_train, f_test = frame.iloc[train_idx].reset_index(drop=True), frame.iloc[test_idx].reset_index(drop=True)
    # Category order needs a binary outcome; for many classes, order by the share of the most common class.
    schema = fit_schema(f_train, (y[train_idx] == np.bincount(y).argmax()).astype(int), columns)
    x_train, x_test = encode(f_train, schema), encode(f_test, schema)
    p = params(len(labels), seed)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    scores, rounds = [], []
    for k, (a, b) in enumerate(folds.split(x_train, y[train_idx]), start=1):
        fit_idx, stop_idx = train_test_split(a, test_size=0.1, stratify=y[train_idx][a], random_state=seed)
        train = lgb.Dataset(x_train[fit_idx], y[train_idx][fit_idx])
        booster = lgb.train(p, train, MAX_CLASS_ROUNDS, valid_sets=[lgb.Dataset(x_train[stop_idx], y[train_idx][stop_idx], reference=train)], callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)])
        scores.append(report(y[train_idx][b], booster.predict(x_train[b], num_iteration=booster.best_iteration), labels))
        rounds.append(max(10, booster.best_iteration))
        say(f"cv fold {k}/5: accuracy {scores[-1]['accuracy']}, top-3 {scores[-1]['top3Accuracy']} ({rounds[-1]} rounds)")
    booster = lgb.train(p, lgb.Dataset(x_train, y[train_idx]), int(np.median(rounds)))
    proba = booster.predict(x_test)
    test = report(y[test_idx], proba, labels)
    onnx_model = lightgbm_onnx(booster.dump_model(), len(schema), name)
    served = run(onnx_model, x_test)["probabilities"]
    gap = float(np.max(np.abs(served - proba)))
    if gap > 1e-6:
        raise RuntimeError(f"ONNX export disagrees with LightGBM by {gap:.3g}")
    say(f"test: accuracy {test['accuracy']}, top-3 {test['top3Accuracy']}, macro auc {test['macroAuc']}; onnx checked (largest difference {gap:.2g})")
    verify = np.arange(min(50, len(test_idx)))
    card = {
        "schema": CARD_SCHEMA, "name": name, "version": "1.0.0", "task": "multiclass", "description": description, "trainedAt": trained_at(),
        "data": {"source": source, "sha256": sha256, "rows": int(len(y)), "split": {"train": int(len(train_idx)), "test": int(len(test_idx)), "seed": seed, "stratified": True}},
        "features": schema, "classes": labels,
        "algorithm": {"name": "lightgbm", "version": lgb.__version__, "params": p, "rounds": booster.num_trees(), "trees": "trees.json"},
        "metrics": {"cv": {"folds": 5, **{k: round(float(np.mean([s[k] for s in scores])), 4) for k in scores[0] if k != "rows"}}, "test": test},
        "drift": {"features": {f["name"]: (drift.categorical_baseline(x_train[:, j], len(f["categories"])) if f["type"] == "categorical" else drift.numeric_baseline(x_train[:, j])) for j, f in enumerate(schema)}},
        "verification": "verification.json",
    }
    verification = {"records": records(f_test.iloc[verify], schema), "encoded": [rounded(r, 17) for r in x_test[verify]], "probabilities": [rounded(r, 15) for r in served[verify]], "contributions": [rounded(r, 15) for r in booster.predict(x_test[verify], pred_contrib=True)]}
    return {"model.onnx": onnx_model, "trees.json": booster.dump_model(), "verification.json": verification, "card.json": card}
