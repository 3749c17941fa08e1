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


def write_json(path: str, value: object) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, allow_nan=False)
        f.write("\n")


def write_model(out: str, files: dict[str, object]) -> None:
    """Writes each file: ONNX protos as bytes, everything else as JSON."""
    os.makedirs(out, exist_ok=True)
    for name, value in files.items():
        path = os.path.join(out, name)
        if isinstance(value, onnx.ModelProto):
            with open(path, "wb") as f:
                f.write(value.SerializeToString())
        else:
            write_json(path, value)


def rounded(values, digits: int = 12) -> list:
    return [None if v != v else round(float(v), digits) for v in values]
