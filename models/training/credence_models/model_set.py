"""`npm run models:portfolio` — the platform's own models, trained on the synthetic portfolio.

Generates the seeded portfolio (portfolio.py, documented in ../portfolio.md) into a data
directory, then trains each model through the same CSV path a user's data takes, and writes
models/artifacts/<name>/<version>/. Re-running with the same seed reproduces the same data
(the card's sha256 says so) and the same trees.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import portfolio
from .anomaly import train_anomaly
from .artifacts import sha256_file, write_model
from .binary import BinaryOptions, train_binary
from .multiclass import train_multiclass
from .progress import say
from .table import read_csv, type_columns, type_features
from .train import print_metrics
from . import tracking

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ARTIFACTS = os.path.join(ROOT, "models", "artifacts")
VERSION = "1.0.0"
TRACKING = True

APPLICATION_FEATURES = [
    "employment_status", "bureau_hit", "tradelines", "on_time_ratio_bps", "worst_dpd_24m", "revolving_utilisation_bps",
    "months_since_oldest_tradeline", "hard_inquiries_6m", "derogatory_records", "statement_months", "months_with_income",
    "income_cv_bps", "net_inflow_rate_bps", "bounced_debits", "dti_bps", "income_verified", "loan_to_income_bps", "term_months",
]
BEHAVIOUR_FEATURES = [
    "months_on_book", "current_dpd", "max_dpd_6m", "dpd_trend_3m", "on_time_payment_ratio_bps", "repayment_velocity_bps",
    "credit_utilisation_bps", "income_seasonality_bps", "transaction_regularity_bps", "communication_engagement_bps",
    "promise_to_pay_count_90d", "promises_kept_ratio_bps",
]
CONTACT_FEATURES = ["employment_status", "age", "timezone_offset_minutes", "upi_peak_hour", "answered_morning_ratio_bps", "answered_afternoon_ratio_bps", "answered_evening_ratio_bps", "last_answered_hour", "sms_click_hour"]
FRAUD_FEATURES = [
    "applications_same_national_id_30d", "applications_same_device_24h", "phone_shared_with_other_ids", "device_shared_with_other_ids",
    "bank_account_shared_with_other_ids", "email_shared_with_other_ids", "identity_mismatches", "bureau_hit", "months_since_oldest_tradeline",
    "declared_to_verified_income_bps", "loan_to_income_bps", "age",
]

# Adverse-action reasons for the application model (Regulation B): the codes and texts are those
# of models/scorecard/reasons.ts; a spec checks the card against it.
APPLICATION_REASONS = {
    "on_time_ratio_bps": "DELINQUENCY", "worst_dpd_24m": "DELINQUENCY_LEVEL", "derogatory_records": "DEROGATORY",
    "revolving_utilisation_bps": "UTILISATION", "months_since_oldest_tradeline": "HISTORY_LENGTH", "tradelines": "LIMITED_EXPERIENCE",
    "hard_inquiries_6m": "INQUIRIES", "dti_bps": "OBLIGATIONS", "bounced_debits": "RETURNED_PAYMENTS", "months_with_income": "INCOME_UNVERIFIED",
    "income_verified": "INCOME_UNVERIFIED", "income_cv_bps": "IRREGULAR_INCOME", "employment_status": "IRREGULAR_INCOME", "net_inflow_rate_bps": "CASH_FLOW",
    "statement_months": "BANK_HISTORY", "bureau_hit": "NO_CREDIT_FILE", "loan_to_income_bps": "INSUFFICIENT_INCOME", "term_months": "INSUFFICIENT_INCOME",
}

# When the feature is missing the model is reacting to the absence (no file, no statement), so the
# applicant is told that instead of a level they do not have.
APPLICATION_MISSING_REASONS = {
    "tradelines": "NO_CREDIT_FILE", "on_time_ratio_bps": "LIMITED_EXPERIENCE", "worst_dpd_24m": "LIMITED_EXPERIENCE", "derogatory_records": "LIMITED_EXPERIENCE",
    "revolving_utilisation_bps": "LIMITED_EXPERIENCE", "months_since_oldest_tradeline": "LIMITED_EXPERIENCE", "hard_inquiries_6m": "LIMITED_EXPERIENCE",
    "statement_months": "INCOME_UNVERIFIED", "months_with_income": "INCOME_UNVERIFIED", "income_cv_bps": "INCOME_UNVERIFIED", "net_inflow_rate_bps": "INCOME_UNVERIFIED",
    "bounced_debits": "INCOME_UNVERIFIED", "dti_bps": "INCOME_UNVERIFIED",
}


# Directions no lender would accept a model contradicting: LightGBM monotone constraints and the
# scorecard's bin trends (risk rises or falls as the feature grows).
APPLICATION_MONOTONE = {
    "worst_dpd_24m": "increasing", "derogatory_records": "increasing", "bounced_debits": "increasing",
    "on_time_ratio_bps": "decreasing", "dti_bps": "increasing",
}


def reason_texts() -> dict[str, str]:
    """The texts of models/scorecard/reasons.ts, read from the source so there is one list."""
    import re

    with open(os.path.join(ROOT, "models", "scorecard", "reasons.ts"), encoding="utf-8") as f:
        return dict(re.findall(r"^\s+([A-Z_]+): '([^']+)',$", f.read(), re.MULTILINE))


def binary(data: str, name: str, target: str, features: list[str], description: str, source: str, reasons: dict | None = None, favourable_above: bool = False, missing_reasons: dict | None = None, monotone: dict | None = None) -> None:
    raw = read_csv(data)
    table = type_columns(raw, target, "1", exclude=[], keep=features)
    options = BinaryOptions(
        name=name, version=VERSION, description=description, protected={"gender": table.raw["gender"]}, age=table.raw["age"],
        reasons=reasons or {}, missing_reasons=missing_reasons or {}, source=source, sha256=sha256_file(data), target=target, positive="1",
        favourable_above=favourable_above, monotone=monotone or {},
    )
    files = train_binary(table, options)
    out = os.path.join(ARTIFACTS, name, VERSION)
    write_model(out, files)
    print_metrics(files["card.json"])
    if TRACKING:
        tracking.log_run(out, files["card.json"], {"model": name, "data": source, "target": target, "features": features, "monotone": monotone or {}})


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="models:portfolio")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--borrowers", type=int, default=40000)
    p.add_argument("--data", default=os.path.join(ROOT, ".credence", "portfolio"), help="where the generated CSVs go (not committed)")
    p.add_argument("--only", action="append", default=[], help="train only these models")
    p.add_argument("--no-tracking", action="store_true", help="do not log the binary models' runs to MLflow")
    args = p.parse_args(argv)
    global TRACKING
    TRACKING = not args.no_tracking
    say(f"generating the portfolio: seed {args.seed}, {args.borrowers} borrowers -> {args.data}")
    portfolio.write(portfolio.generate(args.seed, args.borrowers), args.data)
    source = f"credence_models.portfolio seed={args.seed} borrowers={args.borrowers}"
    wanted = lambda name: not args.only or name in args.only  # noqa: E731
    csv = lambda table: os.path.join(args.data, f"{table}.csv")  # noqa: E731

    if wanted("application-pd"):
        say("== application-pd: probability of 90+ DPD within 12 months, at application")
        texts = reason_texts()
        reasons = {f: {"code": code, "text": texts[code]} for f, code in APPLICATION_REASONS.items()}
        missing = {f: {"code": code, "text": texts[code]} for f, code in APPLICATION_MISSING_REASONS.items()}
        binary(csv("applications"), "application-pd", "defaulted_12m", APPLICATION_FEATURES, "Application probability of default (90+ DPD within 12 months). Inputs are the features models/scorecard extracts from the bureau report and the bank/UPI statement.", f"applications.csv from {source}", reasons, missing_reasons=missing, monotone=APPLICATION_MONOTONE)
    if wanted("delinquency-roll"):
        say("== delinquency-roll: probability an active loan rolls to a worse DPD bucket next month")
        binary(csv("behaviour"), "delinquency-roll", "rolled_forward_30d", BEHAVIOUR_FEATURES, "Roll-rate model for active loans: P(DPD bucket worsens within 30 days), from repayment and engagement behaviour.", f"behaviour.csv from {source}")
    if wanted("propensity-to-pay"):
        say("== propensity-to-pay: probability a delinquent account pays within 30 days")
        binary(csv("collections"), "propensity-to-pay", "paid_within_30d", [*BEHAVIOUR_FEATURES, "bucket"], "Propensity to pay for delinquent accounts: P(payment within 30 days). Recovery strategies segment on it (policies/recovery-segments.ts).", f"collections.csv from {source}", favourable_above=True)
    if wanted("contact-hour"):
        say("== contact-hour: the local hour (08-20) a borrower is most likely to answer")
        raw = read_csv(csv("contacts"))
        frame, columns, _ = type_features(raw, exclude=[], keep=CONTACT_FEATURES)
        files = train_multiclass(frame, raw["best_hour"].str.strip().to_numpy(), columns, "contact-hour", "Best local contact hour (08:00-20:00, the lawful calling window) per borrower.", f"contacts.csv from {source}", sha256_file(csv("contacts")))
        write_model(os.path.join(ARTIFACTS, "contact-hour", VERSION), files)
        print(json.dumps({"contact-hour": files["card.json"]["metrics"]["test"]}))
    if wanted("fraud-anomaly"):
        say("== fraud-anomaly: isolation-forest anomaly score over application signals")
        raw = read_csv(csv("fraud"))
        table = type_columns(raw, "is_fraud", "1", exclude=[], keep=FRAUD_FEATURES)
        files = train_anomaly(table.frame, table.y, table.columns, "fraud-anomaly", "Unsupervised anomaly score over application-time fraud signals; labels are used only to evaluate.", f"fraud.csv from {source}", sha256_file(csv("fraud")))
        write_model(os.path.join(ARTIFACTS, "fraud-anomaly", VERSION), files)
        print(json.dumps({"fraud-anomaly": files["card.json"]["metrics"]["test"]}))
    say(f"done: {ARTIFACTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
