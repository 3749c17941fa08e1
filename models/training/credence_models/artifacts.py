"""Writing a model directory (models/CARD.md) and the facts every card carries."""
from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone

import onnx

CARD_SCHEMA = "credence.model-card/1"


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def trained_at() -> str:
    """SOURCE_DATE_EPOCH pins the date for reproducible artifacts (the reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def write_json(path: str, value: object, indent: int | None = 1) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=indent, allow_nan=False, separators=None if indent else (",", ":"))
        f.write("\n")


# Files a model directory may hold (models/CARD.md): one a retrain no longer writes is removed, so a
# directory never mixes two runs (a scorecard champion beside the last run's model.onnx).
MODEL_FILES = ("model.onnx", "baseline.onnx", "card.json", "trees.json", "verification.json", "scorecard.json", "scorecard-verification.json", "linear.json")


def write_model(out: str, files: dict[str, object]) -> None:
    """Writes each file: ONNX protos as bytes, everything else as JSON."""
    os.makedirs(out, exist_ok=True)
    for stale in MODEL_FILES:
        if stale not in files and os.path.exists(os.path.join(out, stale)):
            os.remove(os.path.join(out, stale))
    for name, value in files.items():
        path = os.path.join(out, name)
        if isinstance(value, onnx.ModelProto):
            with open(path, "wb") as f:
                f.write(value.SerializeToString())
        elif name == "trees.json":
            write_json(path, compact_dump(value), indent=None)  # machine-read, and the largest file
        else:
            write_json(path, value)


def rounded(values, digits: int = 12) -> list:
    return [None if v != v else round(float(v), digits) for v in values]


# What TreeSHAP and tree-walking need from LightGBM's dump; the rest (gains, indices, weights)
# would triple the committed file for nothing the runtime reads.
_TREE_KEYS = {"split_feature", "threshold", "decision_type", "default_left", "missing_type", "left_child", "right_child", "internal_count", "leaf_value", "leaf_count"}
_DUMP_KEYS = {"name", "version", "num_class", "num_tree_per_iteration", "max_feature_idx", "objective", "feature_names"}


def compact_dump(dump: dict) -> dict:
    def node(n: dict) -> dict:
        out = {k: v for k, v in n.items() if k in _TREE_KEYS and k not in ("left_child", "right_child")}
        if "left_child" in n:
            out["left_child"] = node(n["left_child"])
            out["right_child"] = node(n["right_child"])
        return out

    return {**{k: v for k, v in dump.items() if k in _DUMP_KEYS}, "tree_info": [{"tree_index": t["tree_index"], "num_leaves": t["num_leaves"], "tree_structure": node(t["tree_structure"])} for t in dump["tree_info"]]}
