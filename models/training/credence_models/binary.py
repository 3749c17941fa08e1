"""Training a binary model from a typed table: the logistic baseline and LightGBM, cross-validated
on the training split, tested once on the held-out split, checked for fairness, exported."""
from __future__ import annotations

from dataclasses import dataclass, field

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, train_test_split

from . import drift, fairness, linear_baseline
from .artifacts import CARD_SCHEMA, rounded, trained_at
from .encoding import encode, fit_schema, records
from .metrics import auc, best_f1_threshold, binary_report, ks
from .progress import say
from .table import Table
from .tree_onnx import lightgbm_onnx, run

MAX_ROUNDS = 2000
EARLY_STOP = 50
VERIFY_ROWS = 50
# Fairness mitigation is adopted only when it lifts the adverse impact ratio this much...
MIN_AIR_GAIN = 0.02
# ...while costing at most this much test AUC.
MAX_AUC_COST = 0.005


@dataclass
class BinaryOptions:
    name: str
    version: str = "1.0.0"
    description: str = ""
    seed: int = 42
    folds: int = 5
    test_size: float = 0.2
    protected: dict[str, pd.Series] = field(default_factory=dict)  # column -> values per row (not features)
    age: pd.Series | None = None
    reasons: dict[str, dict] = field(default_factory=dict)
    source: str = ""
    sha256: str = ""
    target: str = ""
    positive: str = ""
    favourable_above: bool = False  # the positive class is the good outcome: fairness counts high scores as favourable


def lgb_params(rows: int, seed: int) -> dict:
    small = rows < 5000
    return {
        "objective": "binary",
        "learning_rate": 0.05,
        "num_leaves": 15 if small else 31,
        "min_child_samples": 20 if small else max(20, rows // 2000),
        "feature_fraction": 0.9,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "lambda_l2": 1.0,
        "max_bin": 255,
        "verbose": -1,
        "seed": seed,
        "deterministic": True,
        "force_row_wise": True,
        "num_threads": 2,
    }


def fit_gbm(x: np.ndarray, y: np.ndarray, params: dict, rounds: int | None, weight: np.ndarray | None = None) -> tuple[lgb.Booster, int]:
    """With `rounds` None, early-stops on a tenth of the rows kept aside (never the evaluation fold)."""
    if rounds is not None:
        booster = lgb.train(params, lgb.Dataset(x, y, weight=weight), rounds)
        return booster, rounds
    fit_idx, stop_idx = train_test_split(np.arange(len(y)), test_size=0.1, stratify=y, random_state=params["seed"])
    train = lgb.Dataset(x[fit_idx], y[fit_idx], weight=None if weight is None else weight[fit_idx])
    valid = lgb.Dataset(x[stop_idx], y[stop_idx], reference=train)
    booster = lgb.train(params, train, MAX_ROUNDS, valid_sets=[valid], callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)])
    return booster, max(10, booster.best_iteration)


def cross_validate(x: np.ndarray, y: np.ndarray, schema: list[dict], options: BinaryOptions) -> dict:
    params = lgb_params(len(y), options.seed)
    folds = StratifiedKFold(n_splits=options.folds, shuffle=True, random_state=options.seed)
    oof_gbm = np.zeros(len(y))
    oof_lr = np.zeros(len(y))
    gbm_auc, lr_auc, gbm_ks, rounds = [], [], [], []
    for k, (fit_idx, val_idx) in enumerate(folds.split(x, y), start=1):
        booster, best = fit_gbm(x[fit_idx], y[fit_idx], params, None)
        oof_gbm[val_idx] = booster.predict(x[val_idx], num_iteration=best)
        transform, lr = linear_baseline.fit(x[fit_idx], y[fit_idx], schema)
        oof_lr[val_idx] = linear_baseline.predict(transform, lr, x[val_idx])
        gbm_auc.append(auc(y[val_idx], oof_gbm[val_idx]))
        gbm_ks.append(ks(y[val_idx], oof_gbm[val_idx]))
        lr_auc.append(auc(y[val_idx], oof_lr[val_idx]))
        rounds.append(best)
        say(f"cv fold {k}/{options.folds}: lightgbm auc {gbm_auc[-1]:.4f} ({best} trees), logistic auc {lr_auc[-1]:.4f}")
    return {
        "params": params,
        "rounds": int(np.median(rounds)),
        "oof": oof_gbm,
        "gbm": {"folds": options.folds, "auc": round(float(np.mean(gbm_auc)), 4), "aucStd": round(float(np.std(gbm_auc)), 4), "ks": round(float(np.mean(gbm_ks)), 4), "oofAuc": round(auc(y, oof_gbm) or 0, 4)},
        "lr": {"folds": options.folds, "auc": round(float(np.mean(lr_auc)), 4), "aucStd": round(float(np.std(lr_auc)), 4), "ks": round(float(ks(y, oof_lr) or 0), 4)},
    }


def fairness_report(test_idx: np.ndarray, y: np.ndarray, p: np.ndarray, threshold: float, options: BinaryOptions) -> dict:
    report: dict = {"attributes": {}, "note": "Protected attributes are not model features; they are joined back to the held-out rows only to measure. approvalRate is the favourable-outcome rate: " + ("score at or above the threshold (the positive class is the good outcome)." if options.favourable_above else "score below the threshold (the positive class is the bad outcome).")}
    for column, values in options.protected.items():
        report["attributes"][column] = fairness.group_table(values.iloc[test_idx].reset_index(drop=True), y, p, threshold, options.favourable_above)
    if options.age is not None:
        report["attributes"]["age_band"] = fairness.group_table(fairness.age_band(options.age.iloc[test_idx].reset_index(drop=True)), y, p, threshold, options.favourable_above)
    return report


def train_binary(table: Table, options: BinaryOptions) -> dict:
    """Returns the files of the model directory (name -> ONNX proto or JSON value)."""
    y = table.y
    idx = np.arange(len(y))
    train_idx, test_idx = train_test_split(idx, test_size=options.test_size, stratify=y, random_state=options.seed)
    say(f"split: {len(train_idx)} training rows, {len(test_idx)} held-out test rows (stratified, seed {options.seed}); positive rate {y.mean():.4f}")
    frame_train = table.frame.iloc[train_idx].reset_index(drop=True)
    frame_test = table.frame.iloc[test_idx].reset_index(drop=True)
    y_train, y_test = y[train_idx], y[test_idx]
    schema = fit_schema(frame_train, y_train, table.columns)
    x_train, x_test = encode(frame_train, schema), encode(frame_test, schema)
    say(f"features: {len(schema)} ({sum(f['type'] == 'numeric' for f in schema)} numeric, {sum(f['type'] == 'categorical' for f in schema)} categorical, {sum(f['type'] == 'boolean' for f in schema)} boolean)")

    cv = cross_validate(x_train, y_train, schema, options)
    threshold = best_f1_threshold(y_train, cv["oof"])
    say(f"threshold {threshold:.4f}: max F1 on out-of-fold predictions")

    booster, _ = fit_gbm(x_train, y_train, cv["params"], cv["rounds"])
    transform, lr = linear_baseline.fit(x_train, y_train, schema)
    p_test = booster.predict(x_test)
    p_test_lr = linear_baseline.predict(transform, lr, x_test)
    test = binary_report(y_test, p_test, threshold)
    test_lr = binary_report(y_test, p_test_lr, threshold)
    say(f"test: lightgbm auc {test['auc']}, ks {test['ks']}; logistic auc {test_lr['auc']}")

    fair = None
    if options.protected or options.age is not None:
        fair = fairness_report(test_idx, y_test, p_test, threshold, options)
        if options.protected:
            booster, p_test, test, fair = mitigate(booster, x_train, y_train, x_test, y_test, train_idx, test_idx, threshold, cv, test, fair, options)

    gbm_onnx = lightgbm_onnx(booster.dump_model(), len(schema), options.name)
    lr_onnx = linear_baseline.to_onnx(transform, lr, len(schema), f"{options.name}-baseline")
    served = run(gbm_onnx, x_test)["probability"][:, 0]
    served_lr = run(lr_onnx, x_test)["probability"][:, 0]
    gap, gap_lr = float(np.max(np.abs(served - p_test))), float(np.max(np.abs(served_lr - p_test_lr)))
    if gap > 1e-6 or gap_lr > 1e-9:
        raise RuntimeError(f"ONNX export disagrees with the trained model: {gap:.3g} (lightgbm), {gap_lr:.3g} (logistic)")
    say(f"onnx export checked on {len(x_test)} test rows: largest difference {gap:.2g} (lightgbm), {gap_lr:.2g} (logistic)")

    verify = np.arange(min(VERIFY_ROWS, len(x_test)))
    card = {
        "schema": CARD_SCHEMA,
        "name": options.name,
        "version": options.version,
        "task": "binary",
        "description": options.description,
        "trainedAt": trained_at(),
        "data": {
            "source": options.source,
            "sha256": options.sha256,
            "rows": int(len(y)),
            "target": options.target,
            "positive": options.positive,
            "positiveRate": round(float(y.mean()), 6),
            "split": {"train": int(len(train_idx)), "test": int(len(test_idx)), "seed": options.seed, "stratified": True},
            "droppedRows": table.dropped_rows,
            "dropped": table.dropped,
        },
        "features": schema,
        "reasons": {k: v for k, v in options.reasons.items() if any(f["name"] == k for f in schema)},
        "algorithm": {"name": "lightgbm", "version": lgb.__version__, "params": cv["params"], "rounds": booster.num_trees(), "trees": "trees.json"},
        "threshold": {"value": round(threshold, 6), "objective": "max F1 on out-of-fold predictions"},
        "metrics": {"cv": cv["gbm"], "test": test},
        "baseline": {"name": "logistic_regression", "file": "baseline.onnx", "transform": "clip 1-99th pct, median impute + missing indicators, standardise; categorical weight of evidence", "metrics": {"cv": cv["lr"], "test": test_lr}},
        "fairness": fair,
        "drift": {
            "features": {f["name"]: (drift.categorical_baseline(x_train[:, j], len(f["categories"])) if f["type"] == "categorical" else drift.numeric_baseline(x_train[:, j])) for j, f in enumerate(schema)},
            "score": drift.numeric_baseline(p_test),
        },
        "verification": "verification.json",
    }
    verification = {
        "records": records(frame_test.iloc[verify], schema),
        "encoded": [rounded(row, 17) for row in x_test[verify]],
        "probability": rounded(served[verify], 15),
        "baselineProbability": rounded(served_lr[verify], 15),
        "contributions": [rounded(row, 15) for row in booster.predict(x_test[verify], pred_contrib=True)],
    }
    return {"model.onnx": gbm_onnx, "baseline.onnx": lr_onnx, "trees.json": booster.dump_model(), "verification.json": verification, "card.json": card}


def mitigate(booster, x_train, y_train, x_test, y_test, train_idx, test_idx, threshold, cv, test, fair, options: BinaryOptions):
    """Reweighing on the first protected attribute; adopted only if it narrows the gap at little cost."""
    column, values = next(iter(options.protected.items()))
    before = fair["attributes"][column]
    weights = fairness.reweighing(values.iloc[train_idx].reset_index(drop=True), y_train)
    candidate, _ = fit_gbm(x_train, y_train, cv["params"], cv["rounds"], weights)
    p_candidate = candidate.predict(x_test)
    after = fairness.group_table(values.iloc[test_idx].reset_index(drop=True), y_test, p_candidate, threshold, options.favourable_above)
    candidate_auc = auc(y_test, p_candidate) or 0
    air_gain = (after["adverseImpactRatio"] or 0) - (before["adverseImpactRatio"] or 0)
    auc_cost = (test["auc"] or 0) - candidate_auc
    adopted = air_gain >= MIN_AIR_GAIN and auc_cost <= MAX_AUC_COST
    fair["mitigation"] = {
        "method": f"reweighing (Kamiran & Calders) on {column}: each (group, outcome) cell weighted so group and outcome are independent in training",
        "attribute": column,
        "before": {k: before[k] for k in ("aucGap", "approvalRateGap", "adverseImpactRatio")} | {"auc": test["auc"]},
        "after": {k: after[k] for k in ("aucGap", "approvalRateGap", "adverseImpactRatio")} | {"auc": round(candidate_auc, 4)},
        "adopted": adopted,
        "rule": f"adopt when the adverse impact ratio rises by >= {MIN_AIR_GAIN} and test AUC falls by <= {MAX_AUC_COST}",
    }
    say(f"fairness: {column} adverse impact ratio {before['adverseImpactRatio']} -> {after['adverseImpactRatio']} with reweighing (auc {test['auc']} -> {candidate_auc:.4f}): {'adopted' if adopted else 'not adopted'}")
    if not adopted:
        return booster, booster.predict(x_test), test, fair
    test = binary_report(y_test, p_candidate, threshold)
    fair = fairness_report(test_idx, y_test, p_candidate, threshold, options) | {"mitigation": fair["mitigation"]}
    return candidate, p_candidate, test, fair
