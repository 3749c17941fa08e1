"""The feature schema: how a typed table becomes the double matrix the ONNX model reads.

Categories are coded in order of their smoothed positive rate on the training rows, so a tree
split on the code groups similar-risk categories (what LightGBM's own categorical handling
does), while the ONNX graph stays plain numeric `<=` splits. Rare and unseen categories share
`__other__`, always the last code. The card lists the categories, so the runtime encodes
exactly as training did (models/CARD.md).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .table import Column

OTHER = "__other__"
MAX_CATEGORIES = 100


def min_category_count(rows: int) -> int:
    return max(5, int(rows * 0.002))


def fit_schema(frame: pd.DataFrame, y: np.ndarray, columns: list[Column]) -> list[dict]:
    schema: list[dict] = []
    prior = float(y.mean())
    for col in columns:
        entry: dict = {"name": col.name, "type": col.type, "nullable": col.nullable}
        if col.type == "categorical":
            values = frame[col.name]
            counts = values.value_counts()
            kept = counts[counts >= min_category_count(len(values))].head(MAX_CATEGORIES).index
            rates = {}
            for category in kept:
                mask = (values == category).to_numpy()
                # Smoothed towards the overall rate so a small category is not ranked by noise.
                rates[category] = (y[mask].sum() + 10 * prior) / (mask.sum() + 10)
            entry["categories"] = [c for c, _ in sorted(rates.items(), key=lambda kv: (kv[1], kv[0]))] + [OTHER]
        schema.append(entry)
    return schema


def encode(frame: pd.DataFrame, schema: list[dict]) -> np.ndarray:
    out = np.empty((len(frame), len(schema)), dtype=np.float64)
    for j, feature in enumerate(schema):
        values = frame[feature["name"]]
        if feature["type"] == "categorical":
            codes = {c: float(i) for i, c in enumerate(feature["categories"])}
            other = float(len(feature["categories"]) - 1)
            out[:, j] = values.map(lambda v: np.nan if v is None or (isinstance(v, float) and np.isnan(v)) else codes.get(v, other)).to_numpy(dtype=np.float64)
        else:
            out[:, j] = values.to_numpy(dtype=np.float64)
    return out


def records(frame: pd.DataFrame, schema: list[dict]) -> list[dict]:
    """Rows as the runtime receives them: numbers, booleans, strings, null."""
    rows = []
    for _, row in frame.iterrows():
        record = {}
        for feature in schema:
            v = row[feature["name"]]
            missing = v is None or (isinstance(v, float) and np.isnan(v))
            if missing:
                record[feature["name"]] = None
            elif feature["type"] == "boolean":
                record[feature["name"]] = bool(v)
            elif feature["type"] == "numeric":
                record[feature["name"]] = float(v) if not float(v).is_integer() else int(v)
            else:
                record[feature["name"]] = str(v)
        rows.append(record)
    return rows
