"""The peer's model: application-pd rebuilt as a LightGBM Booster by the project's own pipeline.

No artifact is added for the peer. The card says how the served model was made (the portfolio's
seed and size, the split, the LightGBM parameters and rounds), so the same deterministic steps
(models/training/credence_models) are run again here and the booster is kept in memory. It serves
what Credence serves: the card's calibration applied to the booster's output (the pipeline's own
`calibration.apply`). The result is accepted only if it scores verification.json's records as
model.onnx did (raw) and as the runtime does (calibrated), to 1e-6; otherwise build() raises and
the peer does not start.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL_DIR = os.path.join(ROOT, "models", "artifacts", "application-pd", "1.0.0")
TOLERANCE = 1e-6
sys.path.insert(0, os.path.join(ROOT, "models", "training"))

from credence_models import calibration, gbm, model_set, portfolio  # noqa: E402
from credence_models.encoding import encode, fit_schema  # noqa: E402
from credence_models.table import read_csv, type_columns  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402


class RecordError(ValueError):
    """A record the card's schema cannot encode; `errors` name the record and feature."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Feature:
    name: str
    type: str
    nullable: bool
    codes: dict[str, float]


@dataclass
class PeerModel:
    card: dict
    booster: lgb.Booster
    features: list[Feature]
    check: float = math.inf  # largest |booster - verification.json|, raw and calibrated

    @property
    def name(self) -> str:
        return self.card["name"]

    @property
    def version(self) -> str:
        return self.card["version"]

    @property
    def threshold(self) -> float:
        return self.card["threshold"]["value"]

    def encode(self, records: list[dict[str, Any]]) -> np.ndarray:
        """models/CARD.md's encoding of JSON records, the rules the TypeScript runtime applies."""
        out = np.empty((len(records), len(self.features)), dtype=np.float64)
        errors: list[dict[str, str]] = []

        def problem(i: int, f: Feature, message: str) -> None:
            errors.append({"field": f"records[{i}].{f.name}", "message": message})

        for i, record in enumerate(records):
            for j, f in enumerate(self.features):
                if f.name not in record:
                    problem(i, f, "is required")
                    continue
                v = record[f.name]
                if v is None:
                    if not f.nullable:
                        problem(i, f, "must not be null")
                    out[i, j] = math.nan
                elif f.type == "categorical":
                    if isinstance(v, str):
                        out[i, j] = f.codes.get(v, len(f.codes) - 1)
                    else:
                        problem(i, f, "must be a string")
                elif f.type == "boolean":
                    if isinstance(v, bool):
                        out[i, j] = 1.0 if v else 0.0
                    else:
                        problem(i, f, "must be true or false")
                elif isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                    out[i, j] = v
                else:
                    problem(i, f, "must be a finite number")
        if errors:
            raise RecordError(errors)
        return out

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The booster's own probability (model.onnx's `probability`)."""
        return self.booster.predict(x, num_threads=1)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The served probability: the card's calibration on the raw log-odds (models/CARD.md)."""
        margin = self.booster.predict(x, raw_score=True, num_threads=1)
        return calibration.apply(self.card.get("calibration"), margin)


def build(model_dir: str = MODEL_DIR, say=lambda _m: None) -> PeerModel:
    def read(name: str) -> Any:
        with open(os.path.join(model_dir, name), encoding="utf-8") as f:
            return json.load(f)

    card, verification = read("card.json"), read("verification.json")
    booster = retrain(card, say)
    # The same trees, split for split and leaf for leaf, as the ones model.onnx was written from.
    if not same(read(card["algorithm"]["trees"]), json.loads(json.dumps(booster.dump_model()))):
        raise RuntimeError("the retrained booster's trees differ from trees.json")
    features = [Feature(f["name"], f["type"], f["nullable"], {c: float(i) for i, c in enumerate(f.get("categories", []))}) for f in card["features"]]
    model = PeerModel(card=card, booster=booster, features=features)
    encoded = model.encode(verification["records"])
    expected = np.array([[math.nan if v is None else v for v in row] for row in verification["encoded"]], dtype=np.float64)
    if not np.array_equal(encoded, expected, equal_nan=True):
        raise RuntimeError("the peer encodes verification.json's records differently from verification.json")
    gap = float(np.max(np.abs(model.raw(encoded) - np.array(verification["probability"]))))
    if not gap <= TOLERANCE:
        raise RuntimeError(f"the retrained booster differs from model.onnx by {gap:.3g} on verification.json (more than {TOLERANCE})")
    served = np.array(verification.get("calibrated", verification["probability"]))
    served_gap = float(np.max(np.abs(model.predict(encoded) - served)))
    if not served_gap <= TOLERANCE:
        raise RuntimeError(f"the peer's calibrated probability differs from verification.json's by {served_gap:.3g} (more than {TOLERANCE})")
    model.check = max(gap, served_gap)
    say(f"peer model {model.name} {model.version}: {booster.num_trees()} trees equal to trees.json, verification.json reproduced to {gap:.2g} (raw) and {served_gap:.2g} ({(card.get('calibration') or {}).get('method', 'none')} calibrated)")
    return model


def same(stored: Any, dumped: Any) -> bool:
    """trees.json keeps a subset of Booster.dump_model()'s keys: every kept value must be equal."""
    if isinstance(stored, dict):
        return isinstance(dumped, dict) and all(k in dumped and same(v, dumped[k]) for k, v in stored.items())
    if isinstance(stored, list):
        return isinstance(dumped, list) and len(stored) == len(dumped) and all(same(a, b) for a, b in zip(stored, dumped))
    return stored == dumped


def retrain(card: dict, say) -> lgb.Booster:
    """model_set.binary -> binary.train_binary up to its final LightGBM fit (gbm.refit), with the card's parameters and rounds."""
    data = card["data"]
    source = re.search(r"seed=(\d+) borrowers=(\d+)", data["source"])
    if source is None:
        raise RuntimeError(f"card.json data.source does not name the portfolio's seed and size: {data['source']!r}")
    seed, borrowers = int(source.group(1)), int(source.group(2))
    say(f"regenerating the portfolio (seed {seed}, {borrowers} borrowers) and retraining {card['name']}")
    # Through CSV text, as model_set does: the card's sha256 is of these bytes, and typing reads text.
    csv = portfolio.generate(seed, borrowers)["applications"].to_csv(index=False, lineterminator="\n")
    digest = hashlib.sha256(csv.encode("utf-8")).hexdigest()
    if digest != data["sha256"]:
        raise RuntimeError(f"regenerated applications.csv has sha256 {digest}, card.json says {data['sha256']}")
    table = type_columns(read_csv(io.StringIO(csv)), data["target"], data["positive"], exclude=[], keep=model_set.APPLICATION_FEATURES)
    y = table.y
    test_size = data["split"]["test"] / data["rows"]
    train_idx, _ = train_test_split(np.arange(len(y)), test_size=test_size, stratify=y, random_state=data["split"]["seed"])
    frame_train = table.frame.iloc[train_idx].reset_index(drop=True)
    schema = fit_schema(frame_train, y[train_idx], table.columns)
    if schema != card["features"]:
        raise RuntimeError("the retrained schema differs from card.json's features")
    if (card.get("fairness") or {}).get("mitigation", {}).get("adopted"):
        raise RuntimeError("card.json's model was refit with fairness reweighing, which the peer does not repeat")
    algorithm = card["algorithm"]
    if algorithm["name"] != "lightgbm":
        raise RuntimeError(f"card.json's champion is {algorithm['name']}; the peer serves LightGBM")
    return gbm.refit(encode(frame_train, schema), y[train_idx], dict(algorithm["params"]), algorithm["rounds"]).booster
