"""Every candidate model on the same stratified folds, and the champion rule.

Candidates (complexity 1 is simplest): the tuned logistic regression (1), the WoE scorecard (2),
LightGBM (3). Each is a procedure `fit(rows) -> model` that tunes itself only on the rows it is
given, so running it inside each outer fold is nested cross-validation: the fold it is scored on
is never seen by its tuning.

Champion: the highest mean CV AUC, except that a candidate within TIE of the best loses to a
simpler one. The logistic regression is therefore either the champion or more than TIE behind
the best candidate the rule could choose, so a champion with a lower CV AUC than the logistic
baseline cannot happen (choose_champion; tests/test_champion.py).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from sklearn.model_selection import StratifiedKFold

from . import gbm, logistic, scorecard
from .metrics import auc, ks
from .progress import say

TIE = 0.005
RULE = f"highest CV AUC; a candidate within {TIE} CV AUC of the best loses to a simpler one"
COMPLEXITY = {"logistic_regression": 1, "woe_scorecard": 2, "lightgbm": 3}


@dataclass
class Candidate:
    name: str
    fit: Callable[[np.ndarray, np.ndarray, np.ndarray | None], object]  # (x, y, weight) -> model with .margin(x) and .params

    @property
    def complexity(self) -> int:
        return COMPLEXITY[self.name]


@dataclass
class CvResult:
    name: str
    complexity: int
    oof_margin: np.ndarray
    auc_by_fold: list[float]
    ks_by_fold: list[float]
    seconds: float
    params_by_fold: list[dict] = field(default_factory=list)

    def summary(self, folds: int, y: np.ndarray) -> dict:
        return {
            "folds": folds,
            "auc": round(float(np.mean(self.auc_by_fold)), 4),
            "aucStd": round(float(np.std(self.auc_by_fold)), 4),
            "aucByFold": [round(a, 4) for a in self.auc_by_fold],
            "ks": round(float(np.mean(self.ks_by_fold)), 4),
            "ksStd": round(float(np.std(self.ks_by_fold)), 4),
            "oofAuc": round(auc(y, self.oof_margin) or 0, 4),
            "seconds": round(self.seconds, 1),
        }


def standard(schema: list[dict], seed: int, directions: dict[str, str], rows: int) -> list[Candidate]:
    inner = 5 if rows < 10_000 else 3
    woe_directions = {k: {"increasing": "ascending", "decreasing": "descending"}[v] for k, v in directions.items()}
    constraints = gbm.constraints(schema, directions)
    return [
        Candidate("logistic_regression", lambda x, y, w: logistic.fit(x, y, schema, seed, w, inner_folds=inner)),
        Candidate("woe_scorecard", lambda x, y, w: scorecard.fit(x, y, schema, seed, woe_directions, w, inner_folds=inner)),
        Candidate("lightgbm", lambda x, y, w: gbm.fit(x, y, seed, constraints, w)),
    ]


def outer_folds(y: np.ndarray, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


def cross_validate(candidates: list[Candidate], x: np.ndarray, y: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]]) -> list[CvResult]:
    results = []
    for cand in candidates:
        start = time.monotonic()
        oof = np.zeros(len(y))
        aucs, kss, params = [], [], []
        for k, (fit_idx, val_idx) in enumerate(folds, start=1):
            model = cand.fit(x[fit_idx], y[fit_idx], None)
            oof[val_idx] = model.margin(x[val_idx])
            aucs.append(auc(y[val_idx], oof[val_idx]) or 0.5)
            kss.append(ks(y[val_idx], oof[val_idx]) or 0.0)
            params.append({**getattr(model, "params", {}), **({"rounds": model.rounds} if hasattr(model, "rounds") else {})})
        r = CvResult(cand.name, cand.complexity, oof, aucs, kss, time.monotonic() - start, params)
        say(f"cv {cand.name}: auc {np.mean(aucs):.4f} ± {np.std(aucs):.4f} (folds {', '.join(f'{a:.3f}' for a in aucs)}), ks {np.mean(kss):.4f}, {r.seconds:.1f}s")
        results.append(r)
    return results


def choose_champion(cv_auc: dict[str, float]) -> tuple[str, str]:
    """The champion's name and why, from each candidate's mean CV AUC."""
    best_name = max(cv_auc, key=lambda n: (cv_auc[n], -COMPLEXITY[n]))
    best = cv_auc[best_name]
    tied = [n for n in cv_auc if cv_auc[n] >= best - TIE]
    champion = min(tied, key=lambda n: (COMPLEXITY[n], -cv_auc[n]))
    figures = ", ".join(f"{n} {cv_auc[n]:.4f}" for n in sorted(cv_auc, key=lambda n: -cv_auc[n]))
    if champion == best_name:
        others = [n for n in cv_auc if n != champion]
        simpler_close = [n for n in others if COMPLEXITY[n] < COMPLEXITY[champion]]
        why = f"{champion} has the highest CV AUC ({figures})"
        if simpler_close:
            why += f"; every simpler candidate is more than {TIE} behind"
    else:
        why = f"{best_name} has the highest CV AUC but {champion} is within {TIE} of it and simpler ({figures})"
    return champion, why
