"""Every candidate model on the same stratified folds, and the champion rule.

Candidates (complexity 1 is simplest): the tuned logistic regression (1), the WoE scorecard (2),
LightGBM (3). Each is a procedure `fit(rows) -> model` that tunes itself only on the rows it is
given, so running it inside each outer fold is nested cross-validation: the fold it is scored on
is never seen by its tuning.

The logistic candidate is the better of two configurations on the same outer folds: the tuned fit
(penalty and clipping by inner-CV log loss) and the unregularised textbook fit (keep_logistic). The
tuning criterion is log loss, which need not rank best, so without this the "strong" baseline could
trail the fit a credit team would make first.

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
    configuration: str = ""  # logistic_regression only: "tuned" or "textbook"

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
        Candidate("logistic_regression", lambda x, y, w: logistic.fit(x, y, schema, seed, w, inner_folds=inner), "tuned"),
        Candidate("woe_scorecard", lambda x, y, w: scorecard.fit(x, y, schema, seed, woe_directions, w, inner_folds=inner)),
        Candidate("lightgbm", lambda x, y, w: gbm.fit(x, y, seed, constraints, w)),
    ]


def textbook(schema: list[dict]) -> Candidate:
    return Candidate("logistic_regression", lambda x, y, w: logistic.textbook(x, y, schema, w), "textbook")


LOGISTIC_RULE = "the tuned or the textbook configuration, whichever has the higher CV AUC on the same folds; a tie goes to the textbook fit (simpler)"


def keep_logistic(pool: list[Candidate], cv: dict[str, CvResult], schema: list[dict], x: np.ndarray, y: np.ndarray,
                  folds: list[tuple[np.ndarray, np.ndarray]]) -> tuple[list[Candidate], dict[str, CvResult], dict]:
    """Cross-validates the textbook fit on the folds the tuned logistic was scored on and keeps the
    better as `logistic_regression`: in the pool (so the final refit is the kept configuration) and
    in cv. This is the same kind of selection the champion rule makes across candidates (the best
    CV AUC on shared folds, ties to the simpler), made one level down, and like it, the kept figure
    carries the small optimism of picking the better of two on the folds that score them; the
    held-out test rows, scored once, are the unbiased check. Returns the pool, cv and the card's
    record of both figures and the choice."""
    tuned = cv["logistic_regression"]
    plain = textbook(schema)
    book = cross_validate([plain], x, y, folds)[0]
    tuned_auc, book_auc = float(np.mean(tuned.auc_by_fold)), float(np.mean(book.auc_by_fold))
    kept = "tuned" if tuned_auc > book_auc else "textbook"
    if kept == "tuned":
        why = f"the tuned fit's CV AUC {tuned_auc:.4f} is above the textbook fit's {book_auc:.4f}"
    else:
        why = f"the textbook fit's CV AUC {book_auc:.4f} is {'equal to' if tuned_auc == book_auc else 'above'} the tuned fit's {tuned_auc:.4f}"
    say(f"logistic_regression: kept the {kept} configuration ({why})")
    record = {
        "tuned": {"description": "C and clipping chosen by inner-CV log loss inside each fold", "cvAuc": round(tuned_auc, 4)},
        "textbook": {"description": "unregularised, unclipped fit on the same columns and folds", "cvAuc": round(book_auc, 4)},
        "kept": {"configuration": kept, "rule": LOGISTIC_RULE, "why": why},
    }
    if kept == "tuned":
        return pool, cv, record
    book.seconds += tuned.seconds  # the candidate's cost is both cross-validations
    return [plain if c.name == "logistic_regression" else c for c in pool], {**cv, "logistic_regression": book}, record


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
        label = f"{cand.name} ({cand.configuration})" if cand.configuration else cand.name
        say(f"cv {label}: auc {np.mean(aucs):.4f} ± {np.std(aucs):.4f} (folds {', '.join(f'{a:.3f}' for a in aucs)}), ks {np.mean(kss):.4f}, {r.seconds:.1f}s")
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
