"""Reading a CSV someone brings, without knowing it in advance.

Every column is read as text and typed here, not by pandas' guesses, so the rules are the
ones the TypeScript runtime applies when it scores (models/CARD.md): numbers may carry
thousands separators or a trailing %, booleans are true/false/yes/no, everything else is a
category. Columns that cannot be features (identifiers, dates, free text, constants, nearly
empty) are dropped with a reason the card records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# "none" is not here: in real credit data it is usually a category ("other debtors: none").
MISSING_TOKENS = {"", "na", "n/a", "nan", "null", "?", "#n/a"}
BOOLEAN_TOKENS = {"true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0, "y": 1.0, "n": 0.0, "t": 1.0, "f": 0.0}
# A column is numeric when this share of its present values parse as numbers; the few that do
# not (a stray "unknown") are treated as missing rather than turning the column into a category.
NUMERIC_SHARE = 0.97
# Columns missing in more than this share of rows carry too little to learn from.
MAX_MISSING_SHARE = 0.98
ID_NAME = re.compile(r"(^|[_\s.-])(id|uuid|key|index)$|^unnamed|^id[_\s.-]|identifier", re.IGNORECASE)
DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T].*)?$|^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$|^[A-Za-z]{3}-\d{2,4}$")


@dataclass
class Column:
    name: str
    type: str  # numeric | boolean | categorical
    nullable: bool


@dataclass
class Table:
    """Typed features (numeric/boolean as float with NaN; categorical as str or None) and the target."""

    frame: pd.DataFrame
    y: np.ndarray
    columns: list[Column]
    dropped: list[dict] = field(default_factory=list)
    dropped_rows: int = 0
    raw: pd.DataFrame | None = None  # the rows kept, as text: protected attributes are read from here


def is_missing(text: object) -> bool:
    return text is None or (isinstance(text, float) and np.isnan(text)) or str(text).strip().lower() in MISSING_TOKENS


def missing_mask(values: pd.Series) -> pd.Series:
    return values.str.strip().str.lower().isin(MISSING_TOKENS)


def parse_number(text: str) -> float:
    """The runtime's rule (CARD.md): trim, drop `,` and `_`, drop one trailing %."""
    t = text.strip().replace(",", "").replace("_", "")
    if t.endswith("%"):
        t = t[:-1].strip()
    value = float(t)
    if not np.isfinite(value):
        raise ValueError(text)
    return value


def _numbers(values: pd.Series) -> pd.Series:
    """parse_number over a column, vectorised: non-numbers and infinities become NaN."""
    cleaned = values.str.strip().str.replace(r"[,_]", "", regex=True).str.replace(r"%$", "", regex=True).str.strip()
    numbers = pd.to_numeric(cleaned, errors="coerce")
    return numbers.where(np.isfinite(numbers))


def read_csv(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig", skipinitialspace=True)
    frame.columns = [str(c).strip() if str(c).strip() else f"unnamed_{i}" for i, c in enumerate(frame.columns)]
    return frame


def target_vector(raw: pd.Series, positive: str) -> tuple[np.ndarray, np.ndarray]:
    """1 where the target equals `positive` (as text, or as the same number), 0 elsewhere; NaN where missing."""
    wanted = positive.strip()
    try:
        wanted_number: float | None = parse_number(wanted)
    except ValueError:
        wanted_number = None
    present = ~missing_mask(raw).to_numpy()

    def matches(v: str) -> bool:
        t = v.strip()
        if t == wanted or t.lower() == wanted.lower():
            return True
        if wanted_number is None:
            return False
        try:
            return parse_number(t) == wanted_number
        except ValueError:
            return False

    hit = raw.map(matches).to_numpy()
    return hit.astype(np.int8), present


def type_columns(raw: pd.DataFrame, target: str, positive: str, exclude: list[str], keep: list[str] | None = None) -> Table:
    if target not in raw.columns:
        raise SystemExit(f"error: target column {target!r} is not in the CSV (columns: {', '.join(raw.columns[:30])})")
    y, present = target_vector(raw[target], positive)
    dropped_rows = int((~present).sum())
    raw = raw.loc[present].reset_index(drop=True)
    y = y[present]
    if y.sum() == 0:
        raise SystemExit(f"error: no row has {target} = {positive!r}; values seen: {sorted(set(raw[target].str.strip()))[:10]}")
    if y.sum() == len(y):
        raise SystemExit(f"error: every row has {target} = {positive!r}; a model needs both outcomes")

    frame, columns, dropped = type_features(raw.drop(columns=[target]), exclude, keep)
    return Table(frame=frame, y=y.astype(np.int8), columns=columns, dropped=dropped, dropped_rows=dropped_rows, raw=raw)


def type_features(raw: pd.DataFrame, exclude: list[str], keep: list[str] | None = None) -> tuple[pd.DataFrame, list[Column], list[dict]]:
    """Types every column (numeric, boolean, categorical) or drops it with a reason."""
    columns: list[Column] = []
    dropped: list[dict] = []
    typed: dict[str, pd.Series] = {}
    for name in raw.columns:
        if name in exclude:
            dropped.append({"column": name, "reason": "excluded (--exclude or --protected)"})
            continue
        if keep is not None and name not in keep:
            dropped.append({"column": name, "reason": "not in the model's feature list"})
            continue
        text = raw[name].str.strip()
        missing = missing_mask(text)
        present_values = text[~missing]
        if len(present_values) == 0 or missing.mean() > MAX_MISSING_SHARE:
            dropped.append({"column": name, "reason": f"missing in {missing.mean():.1%} of rows"})
            continue
        lowered = present_values.str.lower()
        distinct = present_values.nunique()
        if distinct <= 1:
            dropped.append({"column": name, "reason": "constant"})
            continue
        if lowered.isin(BOOLEAN_TOKENS.keys()).all() and distinct <= 2:
            typed[name] = text.map(lambda v: np.nan if is_missing(v) else BOOLEAN_TOKENS[v.lower()]).astype(float)
            columns.append(Column(name, "boolean", bool(missing.any())))
            continue
        numbers = _numbers(present_values)
        if numbers.notna().mean() >= NUMERIC_SHARE:
            integral = bool(np.all(np.mod(numbers.dropna(), 1) == 0))
            if integral and distinct == len(present_values) and len(present_values) > 50 and (ID_NAME.search(name) or numbers.dropna().is_monotonic_increasing):
                dropped.append({"column": name, "reason": "identifier: a distinct integer per row"})
                continue
            values = pd.Series(np.nan, index=text.index, dtype=float)
            values[~missing] = numbers
            typed[name] = values
            columns.append(Column(name, "numeric", bool(values.isna().any())))
            continue
        if present_values.head(200).map(lambda v: bool(DATE_LIKE.match(v))).mean() > 0.9:
            dropped.append({"column": name, "reason": "date: derive a duration (e.g. months since) before training"})
            continue
        if distinct > max(50, 0.5 * len(present_values)):
            dropped.append({"column": name, "reason": f"identifier or free text: {distinct} distinct values in {len(present_values)} rows"})
            continue
        typed[name] = text.where(~missing, None)
        columns.append(Column(name, "categorical", bool(missing.any())))
    if not columns:
        raise SystemExit("error: no usable feature columns remain; see the dropped columns above")
    return pd.DataFrame(typed, index=raw.index), columns, dropped
