"""One learner for every model of the comparison, so only the data differs.

LightGBM on the training rows only: each candidate setting is scored by cross-validated AUC on
the same stratified folds (early stopping on a tenth of each fold's training rows, never on the
fold being scored), the best setting (ties: fewer leaves) is refitted on all training rows with
the median best round count, and its out-of-fold predictions fit a Platt calibration (the
credit policy's cut-off reads a probability) and set any threshold chosen without the test rows.
The test rows are scored once, by the refitted model.

This is the comparison's own fixed protocol rather than the training pipeline's candidate search
(binary.py), so the measurement stays put while the pipeline evolves.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from ..metrics import auc
from ..progress import say

MAX_ROUNDS = 2000
EARLY_STOP = 50
LEAVES = (7, 15, 31)  # the searched setting; everything else fixed below
EPS = 1e-6


def params(leaves: int, seed: int) -> dict:
    # Deterministic with a fixed thread count (binary.py's 2): the same table on every run.
    return {
        "objective": "binary", "learning_rate": 0.05, "num_leaves": leaves, "min_child_samples": 40,
        "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0, "max_bin": 255,
        "verbose": -1, "seed": seed, "deterministic": True, "force_row_wise": True, "num_threads": 2,
    }


def fit(x: np.ndarray, y: np.ndarray, settings: dict, rounds: int | None = None) -> tuple[lgb.Booster, int]:
    if rounds is not None:
        return lgb.train(settings, lgb.Dataset(x, y), rounds), rounds
    fit_idx, stop_idx = train_test_split(np.arange(len(y)), test_size=0.1, stratify=y, random_state=settings["seed"])
    train = lgb.Dataset(x[fit_idx], y[fit_idx])
    valid = lgb.Dataset(x[stop_idx], y[stop_idx], reference=train)
    booster = lgb.train(settings, train, MAX_ROUNDS, valid_sets=[valid], callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)])
    return booster, max(10, booster.best_iteration)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))[:, None]


@dataclass
class Trained:
    name: str
    features: list[str]
    leaves: int
    rounds: int
    cv_auc: float
    cv_auc_std: float
    grid: list[dict]
    oof: np.ndarray  # calibrated PD of each training row, from the fold model that did not see it
    test: np.ndarray  # calibrated PD of each test row, from the refitted model
    seconds: float
    calibration: dict = field(default_factory=dict)


def train(name: str, x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]],
          features: list[str], seed: int, leaves: tuple[int, ...] = LEAVES) -> Trained:
    start = time.monotonic()
    grid, best = [], None
    for n in leaves:
        settings = params(n, seed)
        oof = np.zeros(len(y_train))
        aucs, rounds = [], []
        for fit_idx, val_idx in folds:
            booster, r = fit(x_train[fit_idx], y_train[fit_idx], settings)
            oof[val_idx] = booster.predict(x_train[val_idx], num_iteration=r)
            aucs.append(auc(y_train[val_idx], oof[val_idx]) or 0.0)
            rounds.append(r)
        entry = {"numLeaves": n, "cvAuc": round(float(np.mean(aucs)), 4), "cvAucStd": round(float(np.std(aucs)), 4), "rounds": int(np.median(rounds))}
        grid.append(entry)
        say(f"{name}: {n} leaves, cv auc {entry['cvAuc']:.4f} ± {entry['cvAucStd']:.4f} ({entry['rounds']} trees)")
        # Compared at the reported precision, so a tie goes to the simpler (earlier) setting.
        if best is None or entry["cvAuc"] > best[0]["cvAuc"]:
            best = (entry, oof)
    entry, raw_oof = best
    booster, _ = fit(x_train, y_train, params(entry["numLeaves"], seed), entry["rounds"])
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(_logit(raw_oof), y_train)
    calibrate = lambda p: platt.predict_proba(_logit(p))[:, 1]  # noqa: E731
    seconds = time.monotonic() - start
    say(f"{name}: chose {entry['numLeaves']} leaves, refitted on {len(y_train)} rows in {seconds:.1f}s")
    return Trained(
        name=name, features=features, leaves=entry["numLeaves"], rounds=entry["rounds"], cv_auc=entry["cvAuc"], cv_auc_std=entry["cvAucStd"],
        grid=grid, oof=calibrate(raw_oof), test=calibrate(booster.predict(x_test)), seconds=seconds,
        calibration={"method": "Platt (logistic on the log-odds), fitted on the out-of-fold predictions", "slope": round(float(platt.coef_[0, 0]), 4), "intercept": round(float(platt.intercept_[0]), 4)},
    )
