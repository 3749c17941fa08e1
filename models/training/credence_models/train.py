"""`npm run models:train -- --data FILE.csv --target COLUMN --positive VALUE --out DIR`

Trains every candidate (logistic regression, WoE scorecard, LightGBM) on any CSV with a binary
target, chooses and calibrates the champion, prints progress (stderr) and the metrics (stdout),
writes the model directory described in models/CARD.md and logs the run to MLflow (tracking.py).
"""
from __future__ import annotations

import argparse
import json
import sys

from .artifacts import sha256_file, write_model
from .binary import BinaryOptions, train_binary
from .progress import say
from .table import read_csv, type_columns
from . import tracking


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="models:train", description="Train a binary credit model from a CSV and export it to ONNX with a model card.")
    p.add_argument("--data", required=True, help="CSV file with a header row")
    p.add_argument("--target", required=True, help="the outcome column")
    p.add_argument("--positive", required=True, help="the target value that counts as the positive (bad) outcome, e.g. 1 or bad")
    p.add_argument("--out", required=True, help="directory to write model.onnx, card.json and friends into")
    p.add_argument("--name", help="model name for the card (default: the output directory's name)")
    p.add_argument("--version", default="1.0.0")
    p.add_argument("--description", default="")
    p.add_argument("--protected", action="append", default=[], help="protected attribute: never a feature, measured for fairness (repeatable)")
    p.add_argument("--age", help="age column: fairness by age band (stays a feature unless also --exclude'd)")
    p.add_argument("--exclude", action="append", default=[], help="column that must not be a feature, e.g. one that leaks the outcome (repeatable)")
    p.add_argument("--features", help="comma-separated columns to use (default: every usable column)")
    p.add_argument("--reasons", help="JSON file mapping feature -> {code, text}: adverse-action reasons")
    p.add_argument("--monotone", action="append", default=[], metavar="FEATURE=increasing|decreasing",
                   help="the risk (positive class) must rise (increasing) or fall (decreasing) with this numeric feature: a LightGBM constraint and the scorecard's bin trend (repeatable)")
    p.add_argument("--no-tracking", action="store_true", help="do not log the run to MLflow")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--test-size", type=float, default=0.2)
    return p.parse_args(argv)


def parse_monotone(values: list[str]) -> dict[str, str]:
    out = {}
    for v in values:
        name, _, direction = v.rpartition("=")
        if not name or direction not in ("increasing", "decreasing"):
            raise SystemExit(f"error: --monotone {v!r}: expected FEATURE=increasing or FEATURE=decreasing")
        out[name.strip()] = direction
    return out


def print_metrics(card: dict) -> None:
    t = card["metrics"]["test"]
    cands = card["candidates"]
    print(f"model {card['name']} {card['version']} -> {len(card['features'])} features; champion {card['champion']['name']}")
    print(f"{'':24}" + "".join(f"{c['name']:>22}" for c in cands))
    print(f"{'cv auc (mean ± sd)':24}" + "".join(f"{c['cv']['auc']:>14.4f} ± {c['cv']['aucStd']:.3f}" for c in cands))
    print(f"{'cv ks (mean ± sd)':24}" + "".join(f"{c['cv']['ks']:>14.4f} ± {c['cv']['ksStd']:.3f}" for c in cands))
    print(f"{'test auc (raw)':24}" + "".join(f"{c['test']['auc']:>22.4f}" for c in cands))
    print(f"{'test ks (raw)':24}" + "".join(f"{c['test']['ks']:>22.4f}" for c in cands))
    print(f"{'cv seconds':24}" + "".join(f"{c['cv']['seconds']:>22.1f}" for c in cands))
    print(f"champion: {card['champion']['why']}")
    cal = card["calibration"]
    losses = cal.get("crossValidatedLogLoss", {})
    print(f"calibration: {cal['method']} (cv log loss {losses.get(cal['method'])}; raw model's, the reference: {losses.get('none')}); test ece {cal['ece']['before']:.4f} -> {cal['ece']['after']:.4f}; served test auc {t['auc']}, ks {t['ks']}, brier {t['brier']}")
    print(f"at threshold {t['threshold']}: f1 {t['f1']}, precision {t['precision']}, recall {t['recall']}, confusion {json.dumps(t['confusion'])}")
    print(f"trained in {card['training']['seconds']}s")
    for attribute, table in (card.get("fairness") or {}).get("attributes", {}).items():
        print(f"fairness {attribute}: auc gap {table['aucGap']}, approval-rate gap {table['approvalRateGap']}, adverse impact ratio {table['adverseImpactRatio']}")


def main(argv: list[str]) -> int:
    args = parse(argv)
    say(f"reading {args.data}")
    raw = read_csv(args.data)
    say(f"{len(raw)} rows, {len(raw.columns)} columns")
    keep = [c.strip() for c in args.features.split(",")] if args.features else None
    for column in [*args.protected, *([args.age] if args.age else [])]:
        if column not in raw.columns:
            raise SystemExit(f"error: column {column!r} is not in the CSV")
    table = type_columns(raw, args.target, args.positive, exclude=[*args.exclude, *args.protected], keep=keep)
    if table.dropped_rows:
        say(f"dropped {table.dropped_rows} rows with no {args.target}")
    for d in table.dropped:
        say(f"not a feature: {d['column']} ({d['reason']})")
    reasons = {}
    if args.reasons:
        with open(args.reasons, encoding="utf-8") as f:
            reasons = json.load(f)
    options = BinaryOptions(
        name=args.name or args.out.rstrip("/").split("/")[-1],
        version=args.version,
        description=args.description,
        seed=args.seed,
        folds=args.folds,
        test_size=args.test_size,
        protected={c: table.raw[c] for c in args.protected},
        age=table.raw[args.age] if args.age else None,
        reasons=reasons,
        source=args.data.split("/")[-1],
        sha256=sha256_file(args.data),
        target=args.target,
        positive=args.positive,
        monotone=parse_monotone(args.monotone),
    )
    files = train_binary(table, options)
    write_model(args.out, files)
    say(f"wrote {', '.join(files)} to {args.out}")
    print_metrics(files["card.json"])
    if not args.no_tracking:
        run_id = tracking.log_run(args.out, files["card.json"], {k: v for k, v in vars(args).items() if k != "no_tracking"})
        print(f"mlflow run {run_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
