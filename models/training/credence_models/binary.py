"""Training a binary model from a typed table: every candidate (logistic regression, WoE scorecard,
LightGBM) cross-validated on the same folds of the training split, the champion chosen by rule,
calibrated on its out-of-fold predictions, tested once on the held-out split, checked for
fairness, exported with its challengers (models/CARD.md)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import lightgbm as lgb
import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split

from . import calibration, candidates, drift, fairness, gbm, logistic, scorecard
from .artifacts import CARD_SCHEMA, rounded, trained_at
from .encoding import encode, fit_schema, records
from .metrics import auc, best_f1_threshold, binary_report, ks
from .progress import say
from .table import Table
from .tree_onnx import lightgbm_onnx, run

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
    missing_reasons: dict[str, dict] = field(default_factory=dict)
    source: str = ""
    sha256: str = ""
    target: str = ""
    positive: str = ""
    favourable_above: bool = False  # the positive class is the good outcome: fairness counts high scores as favourable
    monotone: dict[str, str] = field(default_factory=dict)  # feature -> increasing | decreasing (risk as the feature grows)


def sigmoid(m: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-m))


def fairness_report(test_idx: np.ndarray, y: np.ndarray, p: np.ndarray, threshold: float, options: BinaryOptions) -> dict:
    report: dict = {"attributes": {}, "note": "Protected attributes are not model features; they are joined back to the held-out rows only to measure. approvalRate is the favourable-outcome rate: " + ("score at or above the threshold (the positive class is the good outcome)." if options.favourable_above else "score below the threshold (the positive class is the bad outcome).")}
    for column, values in options.protected.items():
        report["attributes"][column] = fairness.group_table(values.iloc[test_idx].reset_index(drop=True), y, p, threshold, options.favourable_above)
    if options.age is not None:
        report["attributes"]["age_band"] = fairness.group_table(fairness.age_band(options.age.iloc[test_idx].reset_index(drop=True)), y, p, threshold, options.favourable_above)
    return report


def refit_weighted(name: str, model, x: np.ndarray, y: np.ndarray, schema: list[dict], options: BinaryOptions, weight: np.ndarray):
    """The champion's chosen configuration refitted with sample weights (no new search)."""
    if name == "lightgbm":
        return gbm.refit(x, y, model.params, model.rounds, weight)
    if name == "logistic_regression":
        refitted = logistic.fit_once(x, y, schema, model.params["C"], model.params["clip"], weight)
        refitted.params = model.params
        return refitted
    directions = {k: {"increasing": "ascending", "decreasing": "descending"}[v] for k, v in options.monotone.items()}
    return scorecard.fit(x, y, schema, options.seed, directions, weight)


def train_binary(table: Table, options: BinaryOptions) -> dict:
    """Returns the files of the model directory (name -> ONNX proto or JSON value)."""
    started = time.monotonic()
    y = table.y
    idx = np.arange(len(y))
    train_idx, test_idx = train_test_split(idx, test_size=options.test_size, stratify=y, random_state=options.seed)
    say(f"split: {len(train_idx)} training rows, {len(test_idx)} held-out test rows (stratified, seed {options.seed}); positive rate {y.mean():.4f}")
    frame_train = table.frame.iloc[train_idx].reset_index(drop=True)
    frame_test = table.frame.iloc[test_idx].reset_index(drop=True)
    y_train, y_test = y[train_idx], y[test_idx]
    schema = fit_schema(frame_train, y_train, table.columns)
    unknown = sorted(set(options.monotone) - {f["name"] for f in schema})
    if unknown:
        raise SystemExit(f"error: --monotone names no feature of the model: {', '.join(unknown)}")
    x_train, x_test = encode(frame_train, schema), encode(frame_test, schema)
    say(f"features: {len(schema)} ({sum(f['type'] == 'numeric' for f in schema)} numeric, {sum(f['type'] == 'categorical' for f in schema)} categorical, {sum(f['type'] == 'boolean' for f in schema)} boolean)")

    # 1. Every candidate on the same outer folds; each tunes itself inside the fold's training rows.
    folds = candidates.outer_folds(y_train, options.folds, options.seed)
    fold_of = np.zeros(len(y_train), dtype=np.int64)
    for k, (_, val_idx) in enumerate(folds):
        fold_of[val_idx] = k
    pool = candidates.standard(schema, options.seed, options.monotone, len(y_train))
    cv = {r.name: r for r in candidates.cross_validate(pool, x_train, y_train, folds)}
    pool, cv, logistic_choice = candidates.keep_logistic(pool, cv, schema, x_train, y_train, folds)
    champion, why = candidates.choose_champion({name: float(np.mean(r.auc_by_fold)) for name, r in cv.items()})
    say(f"champion: {champion} ({why})")

    # 2. Each candidate refitted on the whole training split (tuning again on it alone).
    finals = {}
    for cand in pool:
        start = time.monotonic()
        finals[cand.name] = cand.fit(x_train, y_train, None)
        say(f"final {cand.name} fitted in {time.monotonic() - start:.1f}s")

    # 3. Calibration of the champion (always: Platt or isotonic), chosen and fitted on its out-of-fold predictions.
    calib, calib_cv = calibration.choose(cv[champion].oof_margin, y_train, fold_of)
    served_oof = calibration.apply(calib, cv[champion].oof_margin)
    threshold = best_f1_threshold(y_train, served_oof)
    say(f"calibration: {calib['method']} (cross-validated log loss on out-of-fold predictions: {calib_cv}); threshold {threshold:.4f}: max F1 on calibrated out-of-fold predictions")

    margin_test = finals[champion].margin(x_test)
    p_test = calibration.apply(calib, margin_test)
    test = binary_report(y_test, p_test, threshold)
    say(f"test ({champion}, calibrated): auc {test['auc']}, ks {test['ks']}, brier {test['brier']}")

    fair = None
    if options.protected or options.age is not None:
        fair = fairness_report(test_idx, y_test, p_test, threshold, options)
        if options.protected:
            finals[champion], p_test, test, fair = mitigate(champion, finals[champion], x_train, y_train, x_test, y_test, schema, train_idx, test_idx, threshold, calib, test, fair, options)
            margin_test = finals[champion].margin(x_test)

    calib_report = {
        **calib,
        "fittedOn": "out-of-fold predictions of the champion",
        "chosenBy": "platt or isotonic, the lower cross-validated log loss on the out-of-fold predictions (fit on all outer folds but one, scored on that one); a tie goes to platt",
        "crossValidatedLogLoss": calib_cv,
        "reference": "crossValidatedLogLoss.none is the raw probability's, scored the same way; it is never served",
        "why": calibration.WHY_ALWAYS,
        "ece": {"before": round(calibration.ece(y_test, sigmoid(margin_test)), 6), "after": round(calibration.ece(y_test, p_test), 6), "bins": "10 equal-width", "rows": "test"},
        "reliability": {"before": calibration.reliability(y_test, sigmoid(margin_test)), "after": calibration.reliability(y_test, p_test)},
    }
    say(f"ece on the test rows: {calib_report['ece']['before']:.4f} raw -> {calib_report['ece']['after']:.4f} served")

    files, exported = export(champion, finals, schema, x_train, x_test, options)
    lr_model = finals["logistic_regression"]
    p_test_lr = lr_model.predict(x_test)
    card_model = finals["woe_scorecard"]

    candidate_rows = []
    for cand in pool:
        m = finals[cand.name].margin(x_test)
        row = {
            "name": cand.name,
            "complexity": cand.complexity,
            "params": public_params(cand.name, finals[cand.name]),
            "cv": cv[cand.name].summary(options.folds, y_train),
            "test": {"auc": _r(auc(y_test, m)), "ks": _r(ks(y_test, m)), "brier": round(float(np.mean((sigmoid(m) - y_test) ** 2)), 6)},
            "paramsByFold": [public_params(cand.name, None, p) for p in cv[cand.name].params_by_fold],
        }
        if cand.name == "woe_scorecard":
            row["characteristics"] = scorecard.iv_report(card_model, schema)
        if cand.name == "lightgbm":
            row["search"] = finals["lightgbm"].search
        if cand.name == "logistic_regression":
            row.update(logistic_choice)
        candidate_rows.append(row)

    algorithm = algorithm_block(champion, finals[champion])
    verify = np.arange(min(VERIFY_ROWS, len(x_test)))
    verify_records = records(frame_test.iloc[verify], schema)
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
        **({"missingReasons": {k: v for k, v in options.missing_reasons.items() if any(f["name"] == k for f in schema)}} if options.missing_reasons else {}),
        **({"monotone": options.monotone} if options.monotone else {}),
        "algorithm": algorithm,
        "threshold": {"value": round(threshold, 6), "objective": "max F1 on calibrated out-of-fold predictions"},
        "metrics": {"cv": cv[champion].summary(options.folds, y_train), "test": test},
        "candidates": candidate_rows,
        "champion": {"name": champion, "rule": candidates.RULE, "why": why},
        "challengers": [c for c in ({"name": "woe_scorecard", "file": "scorecard.json"}, {"name": "logistic_regression", "file": "baseline.onnx"}) if c["name"] != champion],
        "calibration": calib_report,
        "baseline": {
            "name": "logistic_regression", "file": "baseline.onnx", "linear": "linear.json",
            "transform": "median impute + missing indicators, optional 1-99th pct clip, standardise; categories one-hot (reference: the most common)",
            "metrics": {"cv": cv["logistic_regression"].summary(options.folds, y_train), "test": binary_report(y_test, p_test_lr, threshold)},
        },
        "fairness": fair,
        "drift": {
            "features": {f["name"]: (drift.categorical_baseline(x_train[:, j], len(f["categories"])) if f["type"] == "categorical" else drift.numeric_baseline(x_train[:, j])) for j, f in enumerate(schema)},
            "score": drift.numeric_baseline(p_test),
        },
        "training": {"seconds": round(time.monotonic() - started, 1), "threads": 1},
        "verification": "verification.json",
    }

    served_raw = exported["raw"]
    verification = {
        "records": verify_records,
        "encoded": [rounded(row, 17) for row in x_test[verify]],
        "probability": rounded(served_raw[verify], 15),
        "calibrated": rounded(calibration.apply(calib, exported["margin"][verify], served_raw[verify]), 15),
        "baselineProbability": rounded(exported["baseline"][verify], 15),
        "baselineContributions": [rounded(r, 15) for r in logistic.contributions(lr_model, x_test[verify], schema, files["linear.json"])],
    }
    if champion == "lightgbm":
        verification["contributions"] = [rounded(row, 15) for row in finals["lightgbm"].booster.predict(x_test[verify], pred_contrib=True)]
    elif champion == "logistic_regression":
        verification["contributions"] = verification["baselineContributions"]
    files["scorecard-verification.json"] = scorecard_verification(card_model, x_test[verify], verify_records, schema, options, calib if champion == "woe_scorecard" else None)
    files["verification.json"] = verification
    files["card.json"] = card
    card["training"]["seconds"] = round(time.monotonic() - started, 1)
    say(f"trained in {card['training']['seconds']}s")
    return files


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def public_params(name: str, model, params: dict | None = None) -> dict:
    p = dict(params if params is not None else model.params)
    if name == "lightgbm":
        keep = ("num_leaves", "min_child_samples", "lambda_l2", "learning_rate", "feature_fraction", "bagging_fraction", "monotone_constraints", "rounds")
        out = {k: p[k] for k in keep if k in p}
        if model is not None:
            out["rounds"] = model.rounds
        return out
    # The grid's description once, on the final model's parameters, not on every fold's.
    return {k: v for k, v in p.items() if k != "grid" or params is None}


def algorithm_block(champion: str, model) -> dict:
    if champion == "lightgbm":
        return {"name": "lightgbm", "version": lgb.__version__, "params": model.params, "rounds": model.booster.num_trees(), "trees": "trees.json"}
    if champion == "logistic_regression":
        return {"name": "logistic_regression", "version": f"scikit-learn {sklearn.__version__}", "params": model.params, "linear": "linear.json"}
    return {"name": "woe_scorecard", "file": "scorecard.json", "params": model.params}


def export(champion: str, finals: dict, schema: list[dict], x_train: np.ndarray, x_test: np.ndarray, options: BinaryOptions) -> tuple[dict, dict]:
    """The model directory's files, each ONNX graph checked against the model it was written from."""
    files: dict = {}
    lr_model = finals["logistic_regression"]
    lr_onnx = logistic.to_onnx(lr_model, schema, f"{options.name}-logistic")
    lr_outputs = run(lr_onnx, x_test)
    served_lr = lr_outputs["probability"][:, 0]
    gap_lr = float(np.max(np.abs(served_lr - lr_model.predict(x_test))))
    if gap_lr > 1e-9:
        raise RuntimeError(f"logistic ONNX export disagrees with the fitted model by {gap_lr:.3g}")
    files["baseline.onnx"] = lr_onnx
    files["linear.json"] = logistic.linear_json(lr_model, schema, x_train)
    files["scorecard.json"] = scorecard.to_json(finals["woe_scorecard"], schema, options.positive)
    margin = finals["woe_scorecard"].margin(x_test)
    raw = sigmoid(margin)
    if champion == "lightgbm":
        booster = finals["lightgbm"].booster
        model_onnx = lightgbm_onnx(booster.dump_model(), len(schema), options.name)
        outputs = run(model_onnx, x_test)
        raw, margin = outputs["probability"][:, 0], outputs["margin"][:, 0]
        gap = float(np.max(np.abs(raw - booster.predict(x_test))))
        if gap > 1e-6:
            raise RuntimeError(f"LightGBM ONNX export disagrees with the booster by {gap:.3g}")
        files["model.onnx"] = model_onnx
        files["trees.json"] = booster.dump_model()
        say(f"onnx export checked on {len(x_test)} test rows: largest difference {gap:.2g} (lightgbm), {gap_lr:.2g} (logistic)")
    elif champion == "logistic_regression":
        files["model.onnx"] = lr_onnx
        raw, margin = served_lr, lr_outputs["margin"][:, 0]
        say(f"onnx export checked on {len(x_test)} test rows: largest difference {gap_lr:.2g} (logistic, the champion)")
    return files, {"raw": raw, "margin": margin, "baseline": served_lr}


def scorecard_verification(card: scorecard.Scorecard, x: np.ndarray, rows: list[dict], schema: list[dict], options: BinaryOptions, calib: dict | None) -> dict:
    """Rows the runtime must reproduce from scorecard.json: points per characteristic, score, the raw
    and served probability (calibrated only when the scorecard is the champion), reason codes."""
    pts = card.points(x)
    margin = card.margin(x)
    served = calibration.apply(calib, margin) if calib else sigmoid(margin)
    names = [schema[j]["name"] for j in card.kept]
    codes = scorecard.reasons(card, x, schema, options.reasons, options.missing_reasons)
    return {
        "calibrated": calib is not None,
        "rows": [
            {"record": rows[r], "score": float(pts[r].sum()), "points": {n: float(pts[r, k]) for k, n in enumerate(names)},
             "rawProbability": float(sigmoid(margin[r])), "probability": float(served[r]), "reasons": codes[r]}
            for r in range(len(x))
        ],
    }


def mitigate(champion: str, model, x_train, y_train, x_test, y_test, schema, train_idx, test_idx, threshold, calib, test, fair, options: BinaryOptions):
    """Reweighing on the first protected attribute; adopted only if it narrows the gap at little cost.
    Reweighing keeps each class's total weight, so the champion's calibration map still applies."""
    column, values = next(iter(options.protected.items()))
    before = fair["attributes"][column]
    weights = fairness.reweighing(values.iloc[train_idx].reset_index(drop=True), y_train)
    candidate = refit_weighted(champion, model, x_train, y_train, schema, options, weights)
    p_candidate = calibration.apply(calib, candidate.margin(x_test))
    after = fairness.group_table(values.iloc[test_idx].reset_index(drop=True), y_test, p_candidate, threshold, options.favourable_above)
    candidate_auc = auc(y_test, p_candidate) or 0
    air_gain = (after["adverseImpactRatio"] or 0) - (before["adverseImpactRatio"] or 0)
    auc_cost = (test["auc"] or 0) - candidate_auc
    adopted = air_gain >= MIN_AIR_GAIN and auc_cost <= MAX_AUC_COST
    fair["mitigation"] = {
        "method": f"reweighing (Kamiran & Calders) on {column}: each (group, outcome) cell weighted so group and outcome are independent in training",
        "attribute": column,
        "model": champion,
        "before": {k: before[k] for k in ("aucGap", "approvalRateGap", "adverseImpactRatio")} | {"auc": test["auc"]},
        "after": {k: after[k] for k in ("aucGap", "approvalRateGap", "adverseImpactRatio")} | {"auc": round(candidate_auc, 4)},
        "adopted": adopted,
        "rule": f"adopt when the adverse impact ratio rises by >= {MIN_AIR_GAIN} and test AUC falls by <= {MAX_AUC_COST}",
    }
    say(f"fairness: {column} adverse impact ratio {before['adverseImpactRatio']} -> {after['adverseImpactRatio']} with reweighing (auc {test['auc']} -> {candidate_auc:.4f}): {'adopted' if adopted else 'not adopted'}")
    if not adopted:
        return model, calibration.apply(calib, model.margin(x_test)), test, fair
    test = binary_report(y_test, p_candidate, threshold)
    fair = fairness_report(test_idx, y_test, p_candidate, threshold, options) | {"mitigation": fair["mitigation"]}
    return candidate, p_candidate, test, fair
