"""The LightGBM candidate, its hyper-parameters searched only on the rows it is fitted on.

Procedure (the same inside every outer CV fold and for the final model, so CV measures it
honestly): a stratified fifth of the given rows is held back; each configuration of a small grid
trains on the rest with early stopping on that fifth; the configuration with the best held-back
AUC wins; it is refitted on all the given rows for its early-stopped number of rounds. The rows the
outer fold scores are never seen.

The grids are small-data aware: tables of a few thousand rows get shallow trees (4-15 leaves), L2
of 1 or 10, feature and row subsampling and at most 500 rounds; larger tables get wider trees and
larger minimum leaves. Declared directions become LightGBM monotone constraints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import lightgbm as lgb
import numpy as np
from sklearn.model_selection import train_test_split

from .metrics import auc

SMALL = 5000
HOLDOUT = 0.2
EARLY_STOP = 50


def grid(rows: int) -> tuple[list[dict], int]:
    """Configurations to search and the most rounds, by table size."""
    if rows < SMALL:
        # A few thousand rows: shallow trees, strong L2 as an option, at most 500 rounds.
        configs = [{"num_leaves": leaves, "min_child_samples": 20, "lambda_l2": l2, "learning_rate": 0.05} for leaves in (4, 8, 15) for l2 in (1.0, 10.0)]
        return configs, 500
    configs = [
        {"num_leaves": leaves, "min_child_samples": leaf_rows, "lambda_l2": 5.0, "learning_rate": 0.05}
        for leaves in (15, 31) for leaf_rows in (max(20, rows // 2000), max(100, rows // 400))
    ]
    return configs, 1500


def base_params(seed: int, monotone: list[int] | None) -> dict:
    params = {
        "objective": "binary",
        "feature_fraction": 0.8,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "max_bin": 255,
        "verbose": -1,
        "seed": seed,
        "deterministic": True,
        "force_row_wise": True,
        # One thread: on these table sizes (up to tens of thousands of rows) a second OpenMP thread
        # costs more in synchronisation than it saves, several times over on a busy 2-core machine.
        "num_threads": 1,
    }
    if monotone and any(monotone):
        params["monotone_constraints"] = monotone
        params["monotone_constraints_method"] = "advanced"
    return params


@dataclass
class Gbm:
    booster: lgb.Booster
    params: dict  # exactly what lgb.train was given: the card's algorithm.params
    rounds: int
    search: list[dict] = field(default_factory=list)  # each configuration tried and its held-out AUC

    def margin(self, x: np.ndarray) -> np.ndarray:
        return self.booster.predict(x, raw_score=True)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.booster.predict(x)


def fit(x: np.ndarray, y: np.ndarray, seed: int, monotone: list[int] | None = None, weight: np.ndarray | None = None,
        configs: list[dict] | None = None, max_rounds: int | None = None) -> Gbm:
    default_configs, default_rounds = grid(len(y))
    configs = configs or default_configs
    max_rounds = max_rounds or default_rounds
    base = base_params(seed, monotone)
    fit_idx, hold_idx = train_test_split(np.arange(len(y)), test_size=HOLDOUT, stratify=y, random_state=seed + 3)
    w = (lambda idx: None if weight is None else weight[idx])  # noqa: E731
    train = lgb.Dataset(x[fit_idx], y[fit_idx], weight=w(fit_idx), free_raw_data=False)
    valid = lgb.Dataset(x[hold_idx], y[hold_idx], weight=w(hold_idx), reference=train)
    best: tuple[float, dict, int] | None = None
    searched = []
    for config in configs:
        params = {**base, **config}
        booster = lgb.train(params, train, max_rounds, valid_sets=[valid], callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)])
        rounds = max(10, booster.best_iteration)
        score = auc(y[hold_idx], booster.predict(x[hold_idx], num_iteration=rounds)) or 0.5
        searched.append({**config, "rounds": rounds, "heldOutAuc": round(score, 4)})
        if best is None or score > best[0] + 1e-9:
            best = (score, params, rounds)
    assert best is not None
    _, params, rounds = best
    booster = lgb.train(params, lgb.Dataset(x, y, weight=weight), rounds)
    return Gbm(booster, params, rounds, searched)


def refit(x: np.ndarray, y: np.ndarray, params: dict, rounds: int, weight: np.ndarray | None = None) -> Gbm:
    """A chosen configuration on the given rows or weights (fairness reweighing, the bench's peer), no search."""
    return Gbm(lgb.train(params, lgb.Dataset(x, y, weight=weight), rounds), params, rounds)


def constraints(schema: list[dict], directions: dict[str, str]) -> list[int]:
    """+1: risk rises with the feature; -1: it falls. Categorical codes are ordered per training
    run, so a direction on one is refused rather than silently meaning something else."""
    out = []
    for f in schema:
        d = directions.get(f["name"])
        if d is not None and f["type"] == "categorical":
            raise SystemExit(f"error: --monotone {f['name']}: a direction needs a numeric or boolean feature")
        out.append({"increasing": 1, "decreasing": -1, None: 0}[d])
    return out
