"""The synthetic portfolio's applications and which columns a bureau-only lender could see.

portfolio.md says where each column of applications.csv comes from: the credit report
(models/scorecard/bureau-features.ts), the bank / UPI statement (transaction-features.ts) and
what features.ts combines. One column mixes them: `loan_to_income_bps` divides by the
statement's income where the statement verifies it, so the bureau-only model reads the
declared-income version instead (what features.ts computes when there is no statement).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import portfolio
from ..fairness import age_band
from ..model_set import APPLICATION_FEATURES
from ..table import Table, read_csv, type_columns

TARGET = "defaulted_12m"
BUREAU = ["bureau_hit", "tradelines", "on_time_ratio_bps", "worst_dpd_24m", "revolving_utilisation_bps", "months_since_oldest_tradeline", "hard_inquiries_6m", "derogatory_records"]
STATEMENT = ["statement_months", "months_with_income", "income_cv_bps", "net_inflow_rate_bps", "bounced_debits", "dti_bps", "income_verified"]
APPLICATION = ["employment_status", "term_months"]
VERIFIED_LTI = "loan_to_income_bps"  # assessed income: the statement's when it verifies, else 75% of declared
DECLARED_LTI = "declared_loan_to_income_bps"  # always 75% of declared income

# The served application-pd model's inputs are exactly the bureau, statement and application
# columns: the "with alternative data" model is that model's feature set, nothing added.
assert sorted(APPLICATION_FEATURES) == sorted([*BUREAU, *STATEMENT, *APPLICATION, VERIFIED_LTI]), "model_set.APPLICATION_FEATURES changed: update the partition"

FEATURE_SETS = {
    "bureau": [*BUREAU, *APPLICATION, DECLARED_LTI],
    "alternative": list(APPLICATION_FEATURES),
    # Thin files have no tradelines; an inquiry-only report still shows hard inquiries.
    "thin": [*STATEMENT, *APPLICATION, VERIFIED_LTI, "hard_inquiries_6m"],
}


@dataclass
class Applications:
    table: Table  # typed columns of every feature set, one row per borrower
    y: np.ndarray
    thin: np.ndarray  # no credit file with a tradeline (bureau_hit 0): the scorecard's thin-file card
    under25: np.ndarray  # the fairness report's "<25" age band (age is measured, never a feature)


def load(seed: int, borrowers: int) -> Applications:
    frame = portfolio.generate(seed, borrowers)["applications"]
    declared = portfolio.declared_loan_to_income_bps(seed, borrowers)
    unverified = frame["income_verified"].to_numpy() == 0
    # Where no statement verified income the CSV's column already is the declared one: proof the rows line up.
    if not np.array_equal(frame[VERIFIED_LTI].to_numpy(dtype=float)[unverified], declared[unverified]):
        raise RuntimeError("declared loan-to-income does not match applications.csv on unverified rows")
    frame = frame.assign(**{DECLARED_LTI: pd.array(declared.astype(np.int64), dtype="Int64")})
    # Through the CSV typing a user's file gets (table.py), as models:portfolio trains application-pd.
    text = io.StringIO(frame.to_csv(index=False, lineterminator="\n"))
    keep = sorted({c for cols in FEATURE_SETS.values() for c in cols})
    table = type_columns(read_csv(text), TARGET, "1", exclude=[], keep=keep)
    raw = table.raw
    return Applications(
        table=table,
        y=table.y.astype(int),
        thin=raw["bureau_hit"].str.strip().to_numpy() == "0",
        under25=(age_band(raw["age"]) == "<25").to_numpy(),
    )
