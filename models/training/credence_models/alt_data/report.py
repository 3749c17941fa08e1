"""The comparison as the Markdown table `models:alt-data` prints (and models/README.md quotes)."""
from __future__ import annotations

from .evaluate import TARGET_LIFT

COLUMNS = (("bureau", "Bureau only"), ("alternative", "Bureau + bank/UPI statement"), ("segmented", "Segmented: thin-file model"))


def _pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{x * 100:.{digits}f}%"


def _signed_pct(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{x * 100:+.{digits}f}%"


def _pp(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:+.2f} pp"


def _auc(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _ci(interval: dict | None, fmt) -> str:
    return "" if interval is None else f" [{fmt(interval['low'])}, {fmt(interval['high'])}]"


def table(r: dict) -> str:
    d, ci, m = r["data"], r["bootstrap"]["intervals"], r["matched"]
    t = d["test"]
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell) -> None:
        rows.append((label, [cell(k) for k, _ in COLUMNS]))

    def challenger(cell):
        return lambda k: "—" if k == "bureau" else cell(k)

    models = r["models"]
    row("Features", lambda k: f"{len(models['alternative']['features'])} thick / {len(models['thinFile']['features'])} thin" if k == "segmented" else str(len(models[k]["features"])))
    row("CV AUC, training rows (chosen leaves)", lambda k: f"thin-file model {models['thinFile']['cvAuc']:.3f} ({models['thinFile']['numLeaves']})" if k == "segmented" else f"{models[k]['cvAuc']:.3f} ± {models[k]['cvAucStd']:.3f} ({models[k]['numLeaves']})")
    auc = r["auc"]
    row("Test AUC", lambda k: _auc(auc["test"][k]["all"]["auc"]))
    row(f"Test AUC, thick files ({t['rows'] - t['thinFile']:,}; {t['bads'] - t['thinFileBads']} bad)", lambda k: _auc(auc["test"][k]["thickFile"]["auc"]))
    row(f"Test AUC, thin files ({t['thinFile']:,}; {t['thinFileBads']} bad)", lambda k: _auc(auc["test"][k]["thinFile"]["auc"]) + _ci(ci.get(f"auc.thinFile.{k}"), _auc))
    row(f"Test AUC, under 25 ({t['under25']:,}; {t['under25Bads']} bad)", lambda k: _auc(auc["test"][k]["under25"]["auc"]) + _ci(ci.get(f"auc.under25.{k}"), _auc))
    for key, label in (("thinFile", "thin files"), ("under25", "under 25")):
        oof = auc["outOfFold"]["bureau"][key]
        row(f"Out-of-fold AUC, {label}, training rows ({oof['rows']:,}; {oof['bads']} bad)", lambda k, key=key: _auc(auc["outOfFold"][k][key]["auc"]))
    row("PD cut-off", lambda k: f"{_pct(m[k]['threshold'], 2)} (policy: {r['policy']['approveAtPoints']} points)" if k == "bureau" else _pct(m[k]["threshold"], 2))
    row("**Approved at the same bad rate**", lambda k: f"**{_pct(m[k]['approvalRate'])}** ({m[k]['approved']:,})")
    row("**Approval lift**", challenger(lambda k: f"**{_signed_pct(m[k]['approvalLift'])}**{_ci(ci[f'matched.{k}.approvalLift'], _signed_pct)}"))
    row("Realised bad rate of the approved", lambda k: f"{_pct(m[k]['badRate'], 2)} ({m[k]['bads']})")
    row("Bad-rate difference", challenger(lambda k: _pp(m[k]["badRateDifference"]) + _ci(ci[f"matched.{k}.badRateDifference"], _pp)))
    row("Expected bad rate (mean calibrated PD)", lambda k: _pct(m[k]["expectedBadRate"], 2))
    row("Bad rate at the bureau-only approval count", lambda k: _pct(m[k]["badRate"], 2) if k == "bureau" else _pct(r["atReferenceApprovals"][k]["badRate"], 2))
    row(f"Thin files approved (of {t['thinFile']:,})", lambda k: f"{_pct(m[k]['thinFile']['share'])} ({m[k]['thinFile']['approved']:,})")
    row(f"Under 25 approved (of {t['under25']:,})", lambda k: f"{_pct(m[k]['under25']['share'])} ({m[k]['under25']['approved']:,})")
    s = r["swap"]
    row("Swap in: approved here, declined by bureau only", challenger(lambda k: f"{s[k]['swapIn']['rows']:,} ({s[k]['swapIn']['thinFile']:,} thin), bad {_pct(s[k]['swapIn']['badRate'], 2)}"))
    row("Swap out: approved by bureau only, declined here", challenger(lambda k: f"{s[k]['swapOut']['rows']:,} ({s[k]['swapOut']['thinFile']:,} thin), bad {_pct(s[k]['swapOut']['badRate'], 2)}"))
    pc = r["atPolicyCutoff"]
    row(f"At the policy cut-off ({_pct(r['policy']['maxPd'], 2)}): approved", lambda k: f"{_pct(pc[k]['approvalRate'])} ({pc[k]['approved']:,})")
    row("… realised bad rate", lambda k: _pct(pc[k]["badRate"], 2))
    tt = r["trainingThreshold"]
    row("Threshold set on training rows: approved", lambda k: f"{_pct(tt[k]['approvalRate'])} ({tt[k]['approved']:,}), cut-off {_pct(tt[k]['threshold'], 2)}")
    row("… realised bad rate on the test rows", lambda k: _pct(tt[k]["badRate"], 2))
    row("… approval lift", challenger(lambda k: _signed_pct(tt[k]["approvalLift"]) + _ci(ci[f"trainingThreshold.{k}.approvalLift"], _signed_pct)))
    row("… bad-rate difference", challenger(lambda k: _pp(tt[k]["badRateDifference"]) + _ci(ci[f"trainingThreshold.{k}.badRateDifference"], _pp)))

    lines = [
        f"Alternative data on the synthetic portfolio ({d['source'].split(' ', 1)[1]}): {t['rows']:,} test rows, {t['bads']} bad "
        f"({_pct(t['bads'] / t['rows'], 2)}); {d['split']['train']:,} training rows, {d['split']['folds']} folds shared by every model.",
        f"Bureau only approves where its PD is at most {_pct(r['policy']['maxPd'], 2)} (the credit policy approves at {r['policy']['approveAtPoints']} points); "
        "each other model approves the most test rows it can at a realised bad rate no higher. [95% bootstrap intervals, "
        f"{r['bootstrap']['reps']:,} resamples of the test rows]",
        "",
        "| | " + " | ".join(label for _, label in COLUMNS) + " |",
        "| --- |" + " --- |" * len(COLUMNS),
        *(f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows),
        "",
    ]
    target, seg = r["target"], r["segmentModel"]
    alt = m["alternative"]
    lines.append(
        f"Target (+{TARGET_LIFT:.0%} approvals at no higher bad rate): {'met' if target['met'] else 'not met'} "
        f"({_signed_pct(alt['approvalLift'])} at {_pp(alt['badRateDifference'])}; lower bound of the interval {_signed_pct(ci['matched.alternative.approvalLift']['low'])}; "
        f"met in {target['bootstrapShareMet']:.1%} of resamples)."
    )
    failed = [k for k, ok in seg["checks"].items() if not ok]
    lines.append(
        f"Thin-file segment model: {'adopt' if seg['adopt'] else 'do not adopt'} (thin-file AUC {seg['thinFileAucGain']:+.3f} against the alternative-data model"
        + (f"; fails: {'; '.join(failed)})." if failed else "; every check passed).")
    )
    return "\n".join(lines)
