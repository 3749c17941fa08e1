"""Seeded synthetic lending portfolio: borrowers, their simulated months, and the tables models learn from.

Every borrower gets a persona and latent traits (ability to pay, willingness to pay, income level
and seasonality, an optional income shock, a daily routine). We then simulate, month by month,
the 24 months before the application (what the bank statement and the credit bureau see) and 15
months of the loan: income arrives, essentials are spent, existing loans, the credit card and
our instalment are paid as far as cash, willingness and attention allow, and the collections
team calls when an instalment is late. Every table is computed from that history, so each label
is an outcome of the simulation and each feature a noisy, sometimes missing, observation of it.
models/training/portfolio.md documents every distribution and parameter.

Nothing leaves this module as money: every amount is a ratio in basis points (integers), so the
data is currency-neutral. Internally amounts are in units of a typical monthly income (1.0).

    python -m credence_models.portfolio --seed 7 --borrowers 40000 --out DIR
"""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .progress import say

BPS = 10_000
PRE = 24  # months simulated before the application: the bureau's 24-month window, the longest statement
LOAN = 15  # loan months simulated: 12 for the default label, the rest so month-12 snapshots have a next month
OUTCOME = 12  # defaulted_12m looks at loan months 1..12
MONTHS = np.arange(-PRE, LOAN + 1)  # month 0 is the application (and disbursement) month
T = MONTHS.size
DEFAULT_DPD = 90

# Essential spending never falls below this (rent, food), whatever the income: why low incomes are
# a little riskier at the same loan-to-income, and the only path by which gender's income gap
# reaches outcomes.
SUBSISTENCE = 0.22
GENDER_INCOME = {"F": 0.90, "M": 1.0, "X": 0.95}
GENDER_X_SHARE = 0.015
UNVERIFIED_INCOME_SHARE = 0.75  # features.ts: declared income counts for 75% when no statement verifies it
SAVINGS_LEAK = 0.08  # share of the balance spent each month whatever happens
CARD_INTEREST = 0.03  # monthly, on revolving card debt
CARD_MIN_DUE = 0.05  # of the revolving balance
PAY_TOLERANCE = 0.02  # of an instalment: residues this small do not make a loan past due

EMPLOYMENT = ("salaried", "self_employed", "student", "retired", "unemployed", "other")
BUCKETS = ("0", "1-30", "31-60", "61-90", "90+")
TREATMENTS = ("self_cure", "reminder", "flexible_schedule", "restructure", "field_or_legal")
DAYPARTS = ((8, 11), (12, 16), (17, 20))  # morning, afternoon, evening: lawful calling hours 08:00-21:00
LAWFUL_HOURS = np.arange(8, 21)
# The dialer spreads attempts over the lawful day, a little heavier late morning and early evening.
DIALER = np.array([5, 8, 10, 10, 9, 8, 7, 7, 7, 8, 9, 7, 5], dtype=float)
DIALER /= DIALER.sum()
ANSWER_FLOOR = 0.15  # even at a bad hour some calls get answered
# When people pay with UPI regardless of routine: shops open late morning, evening errands.
UPI_MARKET_HOURS = np.array([1, 0.5, 0.3, 0.3, 0.3, 0.5, 2, 4, 6, 8, 10, 12, 12, 10, 8, 8, 9, 11, 13, 13, 10, 7, 4, 2], dtype=float)
UPI_MARKET_HOURS /= UPI_MARKET_HOURS.sum()
TIMEZONES = np.array([330, 345, 360, 300, 240, 0, -300])
TIMEZONE_SHARE = np.array([0.93, 0.02, 0.015, 0.01, 0.015, 0.005, 0.005])


@dataclass(frozen=True)
class Persona:
    name: str
    share: float  # of the portfolio
    age: tuple[int, int]
    female: float  # share F among those not X (X is GENDER_X_SHARE everywhere; the rest M)
    employment: dict[str, float]
    income: float  # median usual monthly income, typical-income units
    income_spread: float  # lognormal sigma of usual income across borrowers
    volatility: float  # lognormal sigma of income month to month
    zero_income: float  # monthly chance of a month with no income (between gigs, job change)
    seasonality: str  # flat | bonus | festive | business | harvest
    ability: tuple[float, float]  # Beta: sets the essential share of income
    willingness: tuple[float, float]  # Beta: monthly chance of paying what one can
    friction: float  # median monthly chance an instalment is simply missed (forgot, mandate failed)
    shock: float  # chance of an income shock somewhere in the simulated months
    bureau: float  # chance of a credit file with tradelines
    consent: float  # chance of consenting to share bank data
    card: float  # chance of a credit card, among bureau hits
    existing_dti: float  # mean existing loan repayments / usual income, among those with an open loan
    new_emi: float  # mean new instalment / usual income
    terms: dict[int, float]
    monthly_rate: float
    upi: float  # mean UPI transactions a month
    engagement: tuple[float, float]  # Beta: chance of answering a call at one's best hour
    promise: float  # chance an answered collections call ends in a promise to pay
    routine: str  # daily-routine family (ROUTINES)
    income_capture: tuple[float, float] = (1.0, 1.0)  # share of income landing in the linked account
    expense_shock: float = 0.015  # monthly chance of a one-off essential expense (medical, repair)
    inquiries: float = 0.8  # mean hard inquiries in 6 months, before stress adds more
    walkaway: float = 0.0  # chance of deciding to stop paying this loan at some month (dispute, emigration, strategy)


PERSONAS: tuple[Persona, ...] = (
    Persona("salaried_prime", share=0.215, age=(28, 58), female=0.41, employment={"salaried": 1.0},
            income=1.6, income_spread=0.45, volatility=0.03, zero_income=0.002, seasonality="bonus",
            ability=(9, 2), willingness=(150, 1), friction=0.005, shock=0.06, bureau=0.98, consent=0.85, card=0.75,
            existing_dti=0.12, new_emi=0.15, terms={12: 0.15, 24: 0.25, 36: 0.30, 48: 0.15, 60: 0.15},
            monthly_rate=0.011, upi=30, engagement=(5, 3), promise=0.7, routine="office", inquiries=0.5, walkaway=0.008),
    Persona("salaried_near_prime", share=0.17, age=(24, 55), female=0.41, employment={"salaried": 0.9, "other": 0.1},
            income=1.0, income_spread=0.40, volatility=0.05, zero_income=0.005, seasonality="bonus",
            ability=(4, 3), willingness=(60, 1.5), friction=0.015, shock=0.1, bureau=0.95, consent=0.85, card=0.55,
            existing_dti=0.22, new_emi=0.20, terms={6: 0.1, 12: 0.3, 24: 0.3, 36: 0.2, 48: 0.1},
            monthly_rate=0.016, upi=35, engagement=(4, 3), promise=0.6, routine="office", inquiries=0.9, walkaway=0.025),
    Persona("self_employed", share=0.13, age=(25, 62), female=0.30, employment={"self_employed": 0.9, "other": 0.1},
            income=1.2, income_spread=0.60, volatility=0.22, zero_income=0.02, seasonality="business",
            ability=(4.5, 3), willingness=(60, 1.5), friction=0.015, shock=0.12, bureau=0.75, consent=0.80, card=0.5,
            existing_dti=0.20, new_emi=0.20, terms={6: 0.2, 12: 0.35, 24: 0.3, 36: 0.15},
            monthly_rate=0.017, upi=70, engagement=(3, 3), promise=0.6, routine="shop", income_capture=(0.5, 1.0), inquiries=0.8, walkaway=0.025),
    Persona("gig_worker", share=0.11, age=(20, 45), female=0.22, employment={"other": 0.6, "self_employed": 0.3, "unemployed": 0.1},
            income=0.7, income_spread=0.35, volatility=0.28, zero_income=0.05, seasonality="festive",
            ability=(3.2, 3.5), willingness=(40, 1.5), friction=0.025, shock=0.15, bureau=0.55, consent=0.90, card=0.3,
            existing_dti=0.15, new_emi=0.18, terms={3: 0.2, 6: 0.3, 9: 0.2, 12: 0.2, 18: 0.1},
            monthly_rate=0.020, upi=55, engagement=(3, 3), promise=0.55, routine="gig", income_capture=(0.7, 1.0), inquiries=1.0, walkaway=0.04),
    Persona("new_to_credit_upi", share=0.10, age=(21, 23), female=0.48,
            employment={"salaried": 0.55, "self_employed": 0.12, "student": 0.25, "other": 0.08},
            income=0.6, income_spread=0.30, volatility=0.08, zero_income=0.01, seasonality="flat",
            ability=(7, 3), willingness=(100, 1.5), friction=0.01, shock=0.06, bureau=0.0, consent=0.97, card=0.0,
            existing_dti=0.0, new_emi=0.12, terms={3: 0.25, 6: 0.35, 9: 0.15, 12: 0.25},
            monthly_rate=0.018, upi=80, engagement=(5, 3), promise=0.7, routine="young", inquiries=0.8, walkaway=0.02),
    Persona("seasonal_farmer", share=0.09, age=(25, 65), female=0.20, employment={"self_employed": 0.8, "other": 0.2},
            income=0.8, income_spread=0.45, volatility=0.20, zero_income=0.0, seasonality="harvest",
            ability=(5, 3), willingness=(60, 1.5), friction=0.02, shock=0.12, bureau=0.40, consent=0.70, card=0.1,
            existing_dti=0.15, new_emi=0.20, terms={6: 0.3, 9: 0.2, 12: 0.4, 18: 0.1},
            monthly_rate=0.015, upi=10, engagement=(4, 3), promise=0.6, routine="farm", income_capture=(0.3, 0.9), inquiries=0.3, walkaway=0.01),
    Persona("retired_pensioner", share=0.05, age=(58, 75), female=0.45, employment={"retired": 1.0},
            income=0.8, income_spread=0.35, volatility=0.02, zero_income=0.003, seasonality="flat",
            ability=(6, 2), willingness=(150, 1), friction=0.008, shock=0.05, bureau=0.80, consent=0.75, card=0.3,
            existing_dti=0.08, new_emi=0.12, terms={6: 0.2, 12: 0.4, 24: 0.3, 36: 0.1},
            monthly_rate=0.013, upi=10, engagement=(6, 2), promise=0.8, routine="retired", expense_shock=0.03, inquiries=0.3, walkaway=0.005),
    Persona("subprime_overextended", share=0.07, age=(23, 55), female=0.38,
            employment={"salaried": 0.5, "self_employed": 0.2, "unemployed": 0.15, "other": 0.15},
            income=0.8, income_spread=0.40, volatility=0.15, zero_income=0.03, seasonality="flat",
            ability=(2, 5), willingness=(8, 1.5), friction=0.03, shock=0.12, bureau=0.95, consent=0.80, card=0.8,
            existing_dti=0.35, new_emi=0.20, terms={6: 0.2, 12: 0.4, 24: 0.3, 36: 0.1},
            monthly_rate=0.025, upi=35, engagement=(2, 3), promise=0.6, routine="office", inquiries=2.0, walkaway=0.08),
    Persona("strategic_defaulter", share=0.025, age=(27, 50), female=0.38, employment={"salaried": 0.5, "self_employed": 0.5},
            income=1.5, income_spread=0.40, volatility=0.05, zero_income=0.002, seasonality="flat",
            ability=(8, 2), willingness=(100, 1), friction=0.01, shock=0.0, bureau=0.90, consent=0.80, card=0.6,
            existing_dti=0.15, new_emi=0.22, terms={12: 0.2, 24: 0.3, 36: 0.3, 48: 0.1, 60: 0.1},
            monthly_rate=0.015, upi=40, engagement=(2, 5), promise=0.8, routine="office", inquiries=1.5, walkaway=1.0),
    Persona("sudden_distress", share=0.04, age=(28, 55), female=0.41, employment={"salaried": 0.65, "self_employed": 0.35},
            income=1.1, income_spread=0.40, volatility=0.05, zero_income=0.003, seasonality="flat",
            ability=(6, 3), willingness=(100, 1.5), friction=0.01, shock=1.0, bureau=0.95, consent=0.85, card=0.5,
            existing_dti=0.20, new_emi=0.20, terms={12: 0.3, 24: 0.3, 36: 0.25, 48: 0.15},
            monthly_rate=0.015, upi=35, engagement=(7, 2), promise=0.8, routine="office", inquiries=0.6, walkaway=0.0),
)
PERSONA_INDEX = {q.name: i for i, q in enumerate(PERSONAS)}
assert all(set(q.employment) <= set(EMPLOYMENT) for q in PERSONAS), "employment_status outside the documented values"
FARMER, STRATEGIC, DISTRESS, NEW_TO_CREDIT = (PERSONA_INDEX[k] for k in ("seasonal_farmer", "strategic_defaulter", "sudden_distress", "new_to_credit_upi"))

# Daily routines: (hour when the phone is free, weight). A borrower's main and secondary peaks are
# two different components of their persona's mixture, jittered.
ROUTINES = {
    "office": ((8.5, 0.15), (13.0, 0.25), (19.0, 0.45), (20.5, 0.15)),
    "shop": ((10.0, 0.3), (14.5, 0.4), (21.0, 0.3)),
    "gig": ((9.0, 0.2), (11.0, 0.2), (15.5, 0.35), (21.5, 0.25)),
    "young": ((12.5, 0.3), (17.0, 0.25), (21.0, 0.45)),
    "farm": ((7.0, 0.35), (13.0, 0.25), (19.5, 0.4)),
    "retired": ((10.0, 0.5), (16.0, 0.35), (18.5, 0.15)),
}


# ----------------------------------------------------------------------------------------------
# Borrowers and their latent traits
# ----------------------------------------------------------------------------------------------

def _per(p: SimpleNamespace, attr: str) -> np.ndarray:
    """A persona attribute, one value per borrower."""
    return np.array([getattr(q, attr) for q in PERSONAS])[p.persona]


def _categorical(rng: np.random.Generator, p: SimpleNamespace, attr: str) -> np.ndarray:
    """Draw a per-persona categorical (a dict of value -> probability) for every borrower."""
    out = np.empty(p.n, dtype=object)
    for i, q in enumerate(PERSONAS):
        members = np.flatnonzero(p.persona == i)
        table = getattr(q, attr)
        values = list(table)
        weights = np.array([table[v] for v in values], dtype=float)
        out[members] = np.array(values, dtype=object)[rng.choice(len(values), size=members.size, p=weights / weights.sum())]
    return out


def _population(rng: np.random.Generator, n: int) -> SimpleNamespace:
    p = SimpleNamespace(n=n)
    shares = np.array([q.share for q in PERSONAS])
    p.persona = rng.choice(len(PERSONAS), size=n, p=shares / shares.sum())
    p.persona_name = np.array([q.name for q in PERSONAS], dtype=object)[p.persona]
    _demographics(rng, p)
    _traits(rng, p)
    _seasonality(rng, p)
    _shocks(rng, p)
    _credit_file(rng, p)
    _statement(rng, p)
    _loan(rng, p)
    _routine(rng, p)
    return p


def _demographics(rng: np.random.Generator, p: SimpleNamespace) -> None:
    lo, hi = (np.array([q.age[k] for q in PERSONAS])[p.persona] for k in (0, 1))
    # new_to_credit_upi are 22-year-olds: a tight spread around the middle of 21..23.
    shape = np.where(p.persona == NEW_TO_CREDIT, 8.0, 2.0)
    p.age = np.rint(lo + (hi - lo) * rng.beta(shape, shape)).astype(int)
    u = rng.random(p.n)
    p.gender = np.where(u < GENDER_X_SHARE, "X", np.where(u < GENDER_X_SHARE + (1 - GENDER_X_SHARE) * _per(p, "female"), "F", "M")).astype(object)
    p.employment = _categorical(rng, p, "employment")
    gap = np.array([GENDER_INCOME[g] for g in p.gender])
    p.L = _per(p, "income") * np.exp(_per(p, "income_spread") * rng.standard_normal(p.n)) * gap
    # People round their income up when declaring it.
    p.declared = p.L * np.exp(rng.normal(0.07, 0.12, p.n))
    p.timezone = TIMEZONES[rng.choice(TIMEZONES.size, size=p.n, p=TIMEZONE_SHARE)]


def _traits(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.ability = rng.beta(*(np.array([q.ability[k] for q in PERSONAS])[p.persona] for k in (0, 1)))
    p.willingness = rng.beta(*(np.array([q.willingness[k] for q in PERSONAS])[p.persona] for k in (0, 1)))
    p.engagement = rng.beta(*(np.array([q.engagement[k] for q in PERSONAS])[p.persona] for k in (0, 1)))
    p.friction = np.clip(_per(p, "friction") * np.exp(rng.normal(0, 0.5, p.n)), 0, 0.3)
    p.promise = _per(p, "promise")
    # Ability sets how much of income essentials take; the rest pays debts, then discretionary spending.
    p.essential_share = 0.78 - 0.5 * p.ability
    # Share of a monthly surplus kept in the account (the rest is discretionary spending).
    p.keep = np.clip(0.2 + 0.6 * p.ability, 0.2, 0.8)
    p.volatility = _per(p, "volatility")
    p.zero_income = _per(p, "zero_income")
    p.expense_shock = _per(p, "expense_shock")
    p.upi_rate = _per(p, "upi") * np.exp(rng.normal(0, 0.5, p.n))
    # Walking away: strategic defaulters pay normally until the month (1..6) they decide to stop;
    # a few mainstream borrowers stop too (a dispute, emigration), at any month of the first year.
    walks = rng.random(p.n) < _per(p, "walkaway")
    p.stop_month = np.where(walks, np.where(p.persona == STRATEGIC, rng.integers(1, 7, p.n), rng.integers(1, 13, p.n)), 10_000)


def _seasonality(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.season = _per(p, "seasonality")
    # Self-employed income behaves like a business whatever the persona (a strategic defaulter or a
    # distressed borrower who runs a shop has a shop's income), so employment does not give the persona away.
    business = (p.employment == "self_employed") & (p.season != "harvest")
    p.season = np.where(business, "business", p.season)
    p.volatility = np.where(business, np.maximum(p.volatility, 0.18), p.volatility)
    p.app_calendar = rng.integers(0, 12, p.n)  # applications arrive all year round
    p.bonus = np.where((p.season == "bonus") & (rng.random(p.n) < 0.4), rng.uniform(0.5, 1.5, p.n), 0.0)
    p.amplitude = np.select([p.season == "festive", p.season == "business"], [rng.uniform(0.1, 0.25, p.n), rng.uniform(0.1, 0.35, p.n)], 0.0)
    p.peak_month = np.where(p.season == "festive", 9.5, rng.uniform(0, 12, p.n))
    p.off_season = rng.uniform(0.15, 0.4, p.n)  # farmers' monthly trickle (dairy, labour) between harvests
    p.harvest_shift = rng.integers(-1, 2, p.n)


def _shocks(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.has_shock = rng.random(p.n) < _per(p, "shock")
    p.shock_start = rng.integers(-PRE, LOAN + 1, p.n)
    p.shock_months = rng.integers(2, 10, p.n)
    p.shock_severity = rng.uniform(0.0, 0.6, p.n)  # income multiplier while it lasts
    p.shock_recovery = np.ones(p.n)
    distress = p.persona == DISTRESS
    # sudden_distress: good history, then job loss or business collapse during the loan.
    p.shock_start = np.where(distress, rng.integers(2, 9, p.n), p.shock_start)
    p.shock_months = np.where(distress, rng.integers(4, 11, p.n), p.shock_months)
    p.shock_severity = np.where(distress, rng.uniform(0.0, 0.4, p.n), p.shock_severity)
    p.shock_recovery = np.where(distress, rng.uniform(0.6, 0.95, p.n), 1.0)
    p.medical = distress & (rng.random(p.n) < 0.3)
    p.medical_cost = rng.uniform(1.0, 3.0, p.n)


def _credit_file(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.bureau_hit = rng.random(p.n) < _per(p, "bureau")
    # A report that exists but has no tradelines (inquiries only): the TS extractor keeps its hard
    # inquiries and reads it as a thin file.
    p.inquiry_only = ~p.bureau_hit & (rng.random(p.n) < 0.25)
    # Young files: the first tradeline opened within the bureau's 24-month window (0 = this month),
    # more often for the young. Their obligations start then, so the window holds fewer payments.
    young = p.bureau_hit & (rng.random(p.n) < np.where(p.age < 26, 0.5, 0.15))
    p.credit_start = np.where(young, -rng.integers(0, 24, p.n), -10_000)
    p.card = p.bureau_hit & (rng.random(p.n) < _per(p, "card"))
    p.cards = np.where(p.card, 1 + (rng.random(p.n) < 0.25), 0)
    p.card_limit = p.L * rng.uniform(0.5, 2.5, p.n)
    p.card_usage = rng.beta(2, 5, p.n)  # spending put on the card and paid in full each month
    p.card_debt0 = np.minimum(p.card_limit * rng.beta(1, 4, p.n) * 2 * (1 - p.ability), p.card_limit * (1 - p.card_usage))
    open_loan = p.bureau_hit & ((rng.random(p.n) < 0.65) | (young & ~p.card))  # a young file is its first loan or card
    unreported = ~p.bureau_hit & (rng.random(p.n) < 0.05)  # chit fund, informal lender: on the statement, not the bureau
    p.existing_emi = np.where(open_loan, p.L * rng.gamma(4.0, _per(p, "existing_dti") / 4.0 + 1e-9), 0.0)
    p.existing_emi = np.where(unreported, p.L * rng.uniform(0.05, 0.15, p.n), p.existing_emi)
    p.open_loans = np.where(open_loan, 1 + rng.poisson(0.3, p.n), 0)
    # A file with nothing open usually still shows a loan repaid within the last two years.
    p.closed_in_window = p.bureau_hit & ~young & (rng.random(p.n) < np.where(p.card | open_loan, 0.3, 0.7))
    p.closed_emi = np.where(p.closed_in_window, p.L * rng.uniform(0.05, 0.15, p.n), 0.0)
    p.closed_end = rng.integers(-23, 0, p.n)  # the month the closed loan's last instalment fell due
    p.old_closed = np.where(p.bureau_hit & ~young, rng.poisson(0.8 * np.maximum(p.age - 18, 0) / 20), 0)
    years_of_credit = np.maximum(p.age - 18, 1) * 12
    established = np.minimum(years_of_credit, 24 + np.rint(np.maximum(years_of_credit - 24, 0) * rng.beta(2, 3, p.n)))
    p.oldest_tradeline = np.where(young, -p.credit_start, established).astype(int)
    p.old_chargeoff = p.bureau_hit & (rng.random(p.n) < 0.03 * (1 - p.ability))
    p.public_records = rng.poisson(0.01 + 0.08 * (1 - _honesty(p.willingness)))
    p.inquiry_rate = _per(p, "inquiries")


def _statement(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.consent = rng.random(p.n) < _per(p, "consent")
    months = rng.choice([12, 6, 24, 3], size=p.n, p=[0.5, 0.15, 0.10, 0.05] / np.array(0.8))
    months = np.where(rng.random(p.n) < 0.2, rng.integers(1, 25, p.n), months)
    # Young borrowers' accounts are young: the statement cannot go back further than the account.
    account_age = np.where(p.persona == NEW_TO_CREDIT, rng.integers(6, 49, p.n), 10_000)
    months = np.minimum(months, account_age)
    months = np.where(rng.random(p.n) < 0.01, 0, months)  # a statement shorter than a month: nothing usable
    p.statement_months = np.where(p.consent, months, 0)
    lo, hi = (np.array([q.income_capture[k] for q in PERSONAS])[p.persona] for k in (0, 1))
    p.capture = rng.uniform(lo, hi)
    p.capture = np.where(rng.random(p.n) < 0.05, 0.0, p.capture)  # salary lands in an account not shared
    p.repayments_seen = rng.random(p.n) < 0.85  # loan EMIs debited from the shared account


def _loan(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.term = _categorical(rng, p, "terms").astype(int)
    p.rate = _per(p, "monthly_rate")
    p.emi = p.L * _per(p, "new_emi") * rng.gamma(6.0, 1 / 6.0, p.n)
    p.principal = p.emi * (1 - (1 + p.rate) ** -p.term) / p.rate
    p.due_day = rng.integers(1, 29, p.n)
    slack = p.L * (1 - p.essential_share) - p.existing_emi - p.emi
    # Balance at the start of the simulation, anywhere from a fifth of its steady state to a little
    # above: savers are still building up when they apply, the stretched are running down.
    p.buffer0 = p.keep * np.maximum(slack, 0) / SAVINGS_LEAK * rng.uniform(0.2, 1.2, p.n) + (p.persona == FARMER) * p.L


def _routine(rng: np.random.Generator, p: SimpleNamespace) -> None:
    p.peak1 = np.zeros(p.n)
    p.peak2 = np.zeros(p.n)
    for i, q in enumerate(PERSONAS):
        members = np.flatnonzero(p.persona == i)
        hours = np.array([h for h, _ in ROUTINES[q.routine]])
        weights = np.array([w for _, w in ROUTINES[q.routine]])
        first = rng.choice(hours.size, size=members.size, p=weights)
        # The secondary peak is another component of the mixture, any of the others equally likely.
        second = (first + 1 + rng.integers(0, hours.size - 1, members.size)) % hours.size
        p.peak1[members] = hours[first]
        p.peak2[members] = hours[second]
    p.peak1 += rng.normal(0, 0.7, p.n)
    p.peak2 += rng.normal(0, 0.7, p.n)
    p.peak2_weight = rng.uniform(0.3, 0.7, p.n)
    p.routine_width = rng.uniform(1.0, 2.2, p.n)


def _honesty(willingness: np.ndarray) -> np.ndarray:
    """Willingness mapped to 0..1 where it matters (below 0.8 a month, one barely pays at all)."""
    return np.clip((willingness - 0.8) / 0.2, 0, 1)


def _answer_profile(p: SimpleNamespace, who: np.ndarray, hour: np.ndarray) -> np.ndarray:
    """Chance of picking up at `hour` relative to the best hour: the latent daily routine."""
    def bump(peak: np.ndarray) -> np.ndarray:
        d = np.abs(hour - peak) % 24
        d = np.minimum(d, 24 - d)
        return np.exp(-(d ** 2) / (2 * p.routine_width[who] ** 2))

    return ANSWER_FLOOR + (1 - ANSWER_FLOOR) * np.maximum(bump(p.peak1[who]), p.peak2_weight[who] * bump(p.peak2[who]))


# ----------------------------------------------------------------------------------------------
# Income paths
# ----------------------------------------------------------------------------------------------

def _season_factor(p: SimpleNamespace, calendar: np.ndarray) -> np.ndarray:
    """Income multiplier per calendar month (0 = January); each profile averages about 1 over a year."""
    col = lambda a: a[:, None]  # noqa: E731
    f = np.ones(calendar.shape)
    f += col(p.bonus) * (calendar == 2)  # annual bonus in March
    cyclic = col(np.isin(p.season, ["festive", "business"]))
    f = np.where(cyclic, 1 + col(p.amplitude) * np.cos(2 * np.pi * (calendar - col(p.peak_month)) / 12), f)
    # Harvests: rabi in April, kharif in October-November (shifted a month either way per farm);
    # the rest of the year only the off-season trickle.
    harvest_mass = 12 - 9 * col(p.off_season)
    shift = col(p.harvest_shift)
    farm = np.full(calendar.shape, 1.0) * col(p.off_season)
    farm = np.where(calendar == (3 + shift) % 12, 0.45 * harvest_mass, farm)
    farm = np.where((calendar == (9 + shift) % 12) | (calendar == (10 + shift) % 12), 0.275 * harvest_mass, farm)
    return np.where(col(p.season == "harvest"), farm, f)


def _shock_factor(p: SimpleNamespace) -> np.ndarray:
    t = MONTHS[None, :]
    start, length = p.shock_start[:, None], p.shock_months[:, None]
    during = p.has_shock[:, None] & (t >= start) & (t < start + length)
    after = p.has_shock[:, None] & (t >= start + length)
    return np.where(during, p.shock_severity[:, None], np.where(after, p.shock_recovery[:, None], 1.0))


def _income(rng: np.random.Generator, p: SimpleNamespace) -> tuple[np.ndarray, np.ndarray]:
    """Monthly income credits (n, T) and the seasonal factor behind them."""
    calendar = (p.app_calendar[:, None] + MONTHS[None, :]) % 12
    season = _season_factor(p, calendar)
    sigma = p.volatility[:, None]
    noise = np.exp(sigma * rng.standard_normal((p.n, T)) - sigma ** 2 / 2)
    working = rng.random((p.n, T)) >= p.zero_income[:, None]
    return p.L[:, None] * season * noise * working * _shock_factor(p), season


# ----------------------------------------------------------------------------------------------
# The month-by-month simulation
# ----------------------------------------------------------------------------------------------

def _simulate(rng: np.random.Generator, p: SimpleNamespace, income: np.ndarray) -> SimpleNamespace:
    n = p.n
    h = _history(n)
    opened = p.credit_start <= -PRE
    s = SimpleNamespace(buffer=p.buffer0.copy(), card_debt=np.where(p.card & opened, p.card_debt0, 0.0), has_card=p.card & opened,
                        existing_emi=p.existing_emi.copy(), closed_emi=p.closed_emi.copy(), ex_arrears=np.zeros(n),
                        card_late=np.zeros(n, dtype=int), chargeoffs=np.zeros(n, dtype=int), cum_paid=np.zeros(n),
                        prev_dpd=np.zeros(n, dtype=int), stop_month=p.stop_month.copy(), attempts_dp=np.zeros((n, 3), dtype=int),
                        answered_dp=np.zeros((n, 3), dtype=int), last_answered=np.full(n, -1))
    other = np.where(rng.random((n, T)) < 0.25, p.L[:, None] * rng.uniform(0, 0.25, (n, T)), 0.0)  # family transfers: not income
    one_off = np.where(rng.random((n, T)) < p.expense_shock[:, None], p.L[:, None] * rng.lognormal(-0.3, 0.6, (n, T)), 0.0)
    one_off += np.where(p.medical[:, None] & (MONTHS[None, :] == p.shock_start[:, None]), p.L[:, None] * p.medical_cost[:, None], 0.0)
    essentials = np.maximum(SUBSISTENCE, p.essential_share * p.L)[:, None] * rng.normal(1, 0.07, (n, T)) + one_off
    unit = np.maximum(p.existing_emi, p.closed_emi)  # one existing instalment, to express arrears in days
    for j, t in enumerate(MONTHS):
        s.has_card |= p.card & (t == p.credit_start)  # a young file's card opens
        cash = s.buffer + income[:, j] + other[:, j]
        ess = essentials[:, j]
        loan_due, card_due, owed = _dues(p, s, t)
        h.stopped[:, j] = t >= s.stop_month
        promised, promise_amount = _contact_month(rng, p, s, h, j, t, owed, np.maximum(cash - ess, 0))
        intend, intend_loans, intend_card, reason = _intentions(rng, p, s, t, owed, loan_due, card_due, promised)
        need = ess + intend + intend_loans + intend_card
        headroom = np.where(s.has_card, np.maximum(p.card_limit * (1 - p.card_usage) - s.card_debt, 0), 0.0)
        draw = np.minimum(headroom, np.maximum(need - cash, 0))
        h.shortfall[:, j] = need > cash
        s.card_debt += draw
        cash = cash + draw
        paid, paid_loans, paid_card = _allocate(np.maximum(cash - ess, 0), intend, intend_loans, intend_card, promised, promise_amount)
        reason = np.where((reason == 0) & (owed > 0) & (paid < owed * (1 - PAY_TOLERANCE)), 3, reason)  # 3: unable
        _settle_existing(rng, p, s, h, j, t, unit, loan_due, card_due, paid_loans, paid_card)
        _settle_loan(p, s, h, j, t, paid, reason, promised, promise_amount)
        surplus = cash - s.buffer - ess - paid - paid_loans - paid_card  # this month's flows, card draw included
        new_buffer = _save(p, s, surplus)
        h.net[:, j] = new_buffer - s.buffer
        s.buffer = new_buffer
        h.utilisation[:, j] = np.where(s.has_card, (p.card_usage * p.card_limit + s.card_debt) / p.card_limit, np.nan)
    h.income = income
    h.attempts_dp, h.answered_dp, h.last_answered, h.chargeoffs = s.attempts_dp, s.answered_dp, s.last_answered, s.chargeoffs
    return h


def _allocate(available, intend, intend_loans, intend_card, promised, promise_amount):
    """Split what is available after essentials: an amount promised to our collector comes first
    (that is why honest borrowers keep partial promises), the rest pro rata across all lenders."""
    reserved = np.where(promised, np.minimum(np.minimum(promise_amount, intend), available), 0.0)
    rest, wanted = available - reserved, intend - reserved + intend_loans + intend_card
    share = np.where(wanted > rest, rest / np.maximum(wanted, 1e-12), 1.0)
    return reserved + (intend - reserved) * share, intend_loans * share, intend_card * share


def _save(p: SimpleNamespace, s: SimpleNamespace, surplus: np.ndarray) -> np.ndarray:
    """The account balance after the month: a surplus first pays down the card, then is partly spent
    and partly kept; a deficit comes straight out of the balance. Savings also leak slowly (lumpy
    purchases, family), so balances settle instead of growing for ever and start-up drift fades."""
    repay = np.minimum(s.card_debt, 0.4 * np.maximum(surplus, 0))
    s.card_debt = (s.card_debt - repay) * (1 + CARD_INTEREST)
    saved = np.where(surplus > 0, p.keep * (surplus - repay), surplus)
    return np.maximum(s.buffer * (1 - SAVINGS_LEAK) + saved, 0)


def _history(n: int) -> SimpleNamespace:
    f = lambda: np.zeros((n, T))  # noqa: E731
    i = lambda: np.zeros((n, T), dtype=np.int32)  # noqa: E731
    return SimpleNamespace(paid=f(), dpd=i(), net=f(), stopped=np.zeros((n, T), dtype=bool), utilisation=f(), shortfall=np.zeros((n, T), dtype=bool),
                           ex_dpd=i(), loan_due=i(), loan_on_time=i(), card_due=i(), card_on_time=i(), bounced=i(), paid_loans=f(),
                           attempts=i(), answered=i(), promises=i(), kept=i(), reason=np.zeros((n, T), dtype=np.int8))


def _dues(p: SimpleNamespace, s: SimpleNamespace, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """This month's existing-loan and card dues, and what is owed on our loan (arrears + instalment)."""
    running = t >= p.credit_start
    loan_due = np.where(running, s.existing_emi, 0.0) + np.where(t <= p.closed_end, s.closed_emi, 0.0) + s.ex_arrears
    card_due = np.where(s.has_card & (s.card_debt > 0), CARD_MIN_DUE * s.card_debt, 0.0)
    owed = np.maximum(p.emi * np.clip(t, 0, p.term) - s.cum_paid, 0) if t >= 1 else np.zeros(p.n)
    return loan_due, card_due, owed


def _intentions(rng, p, s, t, owed, loan_due, card_due, promised):
    """What each borrower means to pay this month, and why an instalment would be missed.

    reason: 1 friction (forgot, mandate failed), 2 chose not to pay, 0 otherwise (3, unable, is set
    once cash is known).
    """
    stopped = t >= s.stop_month
    w = np.where(stopped, 0.03, p.willingness)
    w = np.where(promised & ~stopped, w + (1 - w) * 0.6, w)  # a promise made on a call usually holds
    forgot = rng.random(p.n) < p.friction * np.where(promised, 0.25, 1.0)  # a call is a reminder
    willing = rng.random(p.n) < w
    # Pressure works on some who walked away once notices start (30+ DPD): they clear the arrears,
    # and half of them give up the plan for good.
    cured = stopped & (s.prev_dpd > 30) & (rng.random(p.n) < 0.10)
    willing |= cured
    s.stop_month = np.where(cured & (rng.random(p.n) < 0.5), 10_000, s.stop_month)
    intend = np.where(willing & ~forgot, owed, 0.0)
    token = stopped & ~willing & (rng.random(p.n) < 0.15)  # a token payment to stall collections
    intend = np.where(token, np.minimum(owed, 0.15 * p.emi), intend)
    reason = np.where(owed > 0, np.where(forgot, 1, np.where(willing, 0, 2)), 0).astype(np.int8)
    # Existing lenders: auto-debits make forgetting rarer; strategic defaulters keep paying them.
    pays_existing = (rng.random(p.n) < np.where(p.persona == STRATEGIC, 0.99, p.willingness)) & (rng.random(p.n) >= 0.5 * p.friction)
    return intend, np.where(pays_existing, loan_due, 0.0), np.where(pays_existing, card_due, 0.0), reason


def _settle_existing(rng, p, s, h, j, t, unit, loan_due, card_due, paid_loans, paid_card) -> None:
    """Existing loans and card after this month's payments: the bureau's history and the statement's debits."""
    had_loan = loan_due > 0
    short = loan_due - paid_loans
    s.ex_arrears = np.where(short > PAY_TOLERANCE * unit, short, 0.0)
    card_missed = (card_due > 0) & (paid_card < card_due * (1 - PAY_TOLERANCE))
    s.card_late = np.where(card_missed, s.card_late + 1, 0)
    s.card_debt = s.card_debt - paid_card
    loan_dpd = np.where(s.ex_arrears > 0, 30 * np.ceil(s.ex_arrears / np.maximum(unit, 1e-12) - PAY_TOLERANCE) - 15, 0)
    card_dpd = np.where(s.card_late > 0, 30 * s.card_late - 15, 0)
    h.ex_dpd[:, j] = np.maximum(loan_dpd, card_dpd)
    h.loan_due[:, j] = had_loan
    h.loan_on_time[:, j] = had_loan & (s.ex_arrears == 0)
    # An open card has a payment due every month (its statement); paid in full or at least the minimum is on time.
    h.card_due[:, j] = s.has_card
    h.card_on_time[:, j] = s.has_card & ~card_missed
    h.paid_loans[:, j] = paid_loans
    # An auto-debit that fails bounces, and is often presented a second time.
    bounce = had_loan & (s.ex_arrears > 0)
    h.bounced[:, j] = bounce * (1 + (rng.random(p.n) < 0.5))
    # 180 days past due: the lender charges the account off; it stops being paid or owed.
    charged = h.ex_dpd[:, j] >= 165
    s.chargeoffs += charged & (t < 0)
    s.existing_emi = np.where(charged, 0.0, s.existing_emi)
    s.closed_emi = np.where(charged, 0.0, s.closed_emi)
    s.ex_arrears = np.where(charged, 0.0, s.ex_arrears)
    s.has_card &= ~charged
    s.card_debt = np.where(charged, 0.0, s.card_debt)
    s.card_late = np.where(charged, 0, s.card_late)


def _settle_loan(p, s, h, j, t, paid, reason, promised, promise_amount) -> None:
    """Our loan after this month's payment: days past due at month end, promises kept."""
    if t < 1:
        return
    s.cum_paid += paid
    h.paid[:, j] = paid
    h.reason[:, j] = np.where(reason > 0, reason, 0)
    covered = np.floor(s.cum_paid / p.emi + PAY_TOLERANCE)  # instalments fully paid, oldest first
    oldest_unpaid = covered + 1
    dpd = np.where(oldest_unpaid <= np.minimum(t, p.term), 30 * (t - oldest_unpaid) + 30 - p.due_day, 0).astype(np.int32)
    h.dpd[:, j] = dpd
    kept = promised & (paid >= 0.95 * promise_amount)
    h.kept[:, j] = np.where(kept, h.promises[:, j], 0)
    s.prev_dpd = dpd


def _contact_month(rng, p, s, h, j, t, owed, spare):
    """Calls this month: a welcome call, pre-due reminders, collections once an instalment is late.

    Each attempt gets an hour; it is answered with the borrower's engagement times their routine's
    profile at that hour. Answered collections calls can end in a promise to pay an amount.
    """
    none = np.zeros(p.n, dtype=bool), np.zeros(p.n)
    if t < 1:
        return none
    bucket = _bucket(s.prev_dpd)
    delinquent = bucket > 0
    active = t <= p.term
    rate = np.where(delinquent, np.array([0, 2.5, 4.0, 5.0, 4.0])[bucket], np.where(active, 0.25, 0.0))
    attempts = rng.poisson(rate)
    if t == 1:
        attempts += (rng.random(p.n) < 0.7) * (1 + rng.poisson(0.5, p.n))
    stopped = t >= s.stop_month
    w_now = np.where(stopped, 0.03, p.willingness)
    # Delinquent borrowers avoid the lender's calls unless they mean to pay.
    engagement = p.engagement * np.where(delinquent, 0.5 + 0.5 * _honesty(w_now), 1.0) * np.where(stopped, 0.6, 1.0)
    who = np.repeat(np.arange(p.n), attempts)
    hour = 8 + rng.choice(LAWFUL_HOURS.size, size=who.size, p=DIALER)
    picked = rng.random(who.size) < np.minimum(engagement[who] * _answer_profile(p, who, hour), 0.95)
    part = _daypart(hour)
    s.attempts_dp += np.bincount(who * 3 + part, minlength=3 * p.n).reshape(p.n, 3)
    s.answered_dp += np.bincount(who * 3 + part, weights=picked, minlength=3 * p.n).reshape(p.n, 3).astype(int)
    if picked.any():
        reversed_who = who[picked][::-1]
        last, first_index = np.unique(reversed_who, return_index=True)
        s.last_answered[last] = hour[picked][::-1][first_index]
    answered = np.bincount(who, weights=picked, minlength=p.n).astype(int)
    # Honest borrowers promise what they expect to manage (sometimes optimistically); those who walked away promise it all.
    amount = np.where(stopped, owed, np.minimum(owed, spare * rng.uniform(0.8, 1.3, p.n)))
    can_promise = delinquent & (amount >= 0.1 * p.emi)
    promises = np.where(can_promise, rng.binomial(answered, p.promise), 0)
    h.attempts[:, j], h.answered[:, j], h.promises[:, j] = attempts, answered, promises
    return promises > 0, amount


def _daypart(hour: np.ndarray) -> np.ndarray:
    return np.select([hour <= DAYPARTS[0][1], hour <= DAYPARTS[1][1]], [0, 1], 2)


def _bucket(dpd: np.ndarray) -> np.ndarray:
    """0 current, 1: 1-30, 2: 31-60, 3: 61-90, 4: 90+."""
    return np.select([dpd <= 0, dpd <= 30, dpd <= 60, dpd < DEFAULT_DPD], [0, 1, 2, 3], 4)


def _upi_counts(rng: np.random.Generator, p: SimpleNamespace, income: np.ndarray) -> np.ndarray:
    """UPI transactions a month: more when income is in, fewer in a bad month."""
    relative = np.clip(income / p.L[:, None], 0.2, 2.0) ** 0.5
    return rng.poisson(p.upi_rate[:, None] * relative * rng.gamma(5.0, 0.2, (p.n, T))).astype(np.int32)


# ----------------------------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------------------------

def _ints(values: np.ndarray, present: np.ndarray | None = None) -> pd.arrays.IntegerArray:
    """An integer column with empty cells where `present` is false (or values are NaN)."""
    v = np.asarray(values, dtype=float)
    mask = ~np.isfinite(v) if present is None else ~(np.asarray(present, dtype=bool) & np.isfinite(v))
    return pd.arrays.IntegerArray(np.where(mask, 0, np.rint(np.nan_to_num(v))).astype(np.int64), mask)


def _ratio_bps(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den in basis points, NaN where den is not positive."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    out = np.full(num.shape, np.nan)
    ok = den > 0
    out[ok] = num[ok] / den[ok] * BPS
    return out


def _col(month: int) -> int:
    """Column of history arrays for a month (0 = application month)."""
    return month + PRE


def _applications(p: SimpleNamespace, h: SimpleNamespace, defaulted: np.ndarray, rng: np.random.Generator) -> tuple[pd.DataFrame, SimpleNamespace]:
    bureau = _bureau_features(p, h, rng)
    stmt = _statement_features(p, h, rng)
    assessed = np.where(stmt.verified, stmt.avg_income, p.declared * UNVERIFIED_INCOME_SHARE)
    dti = np.where(stmt.present, _ratio_bps(stmt.avg_repayments, assessed), np.nan)
    loan_to_income = _ratio_bps(p.principal, assessed)
    frame = pd.DataFrame({
        "borrower_id": p.borrower_id,
        "persona": p.persona_name,
        "age": p.age,
        "gender": p.gender,
        "employment_status": p.employment,
        "bureau_hit": p.bureau_hit.astype(int),
        "tradelines": _ints(bureau.tradelines, p.bureau_hit),
        "on_time_ratio_bps": _ints(bureau.on_time_ratio, p.bureau_hit),
        "worst_dpd_24m": _ints(bureau.worst_dpd, p.bureau_hit),
        "revolving_utilisation_bps": _ints(bureau.utilisation, p.bureau_hit),
        "months_since_oldest_tradeline": _ints(p.oldest_tradeline, p.bureau_hit),
        "hard_inquiries_6m": _ints(bureau.inquiries, p.bureau_hit | p.inquiry_only),
        "derogatory_records": _ints(bureau.derogatory, p.bureau_hit),
        "statement_months": _ints(p.statement_months, stmt.present),
        "months_with_income": _ints(stmt.months_with_income, stmt.present),
        "income_cv_bps": _ints(stmt.income_cv, stmt.present),
        "net_inflow_rate_bps": _ints(stmt.net_rate, stmt.present),
        "bounced_debits": _ints(stmt.bounced, stmt.present),
        "dti_bps": _ints(dti, stmt.present),
        "income_verified": stmt.verified.astype(int),
        "loan_to_income_bps": _ints(loan_to_income),
        "term_months": p.term,
        "defaulted_12m": defaulted.astype(int),
    })
    declared_to_verified = np.where(stmt.verified, _ratio_bps(p.declared, stmt.avg_income), np.nan)
    return frame, SimpleNamespace(loan_to_income=loan_to_income, declared_to_verified=declared_to_verified)


def _bureau_features(p: SimpleNamespace, h: SimpleNamespace, rng: np.random.Generator) -> SimpleNamespace:
    """The credit report as of the application: built from the 24 simulated months before it."""
    window = slice(0, PRE)  # months -24..-1
    due = h.loan_due[:, window].sum(1) * np.maximum(p.open_loans, 1) + h.card_due[:, window].sum(1) * p.cards
    on_time = h.loan_on_time[:, window].sum(1) * np.maximum(p.open_loans, 1) + h.card_on_time[:, window].sum(1) * p.cards
    stress = h.shortfall[:, PRE - 6:PRE].mean(1)  # people short of cash shop for credit
    card_open = np.isfinite(h.utilisation[:, _col(0)])
    return SimpleNamespace(
        tradelines=p.cards + p.open_loans + p.closed_in_window + np.maximum(p.old_closed, (p.cards + p.open_loans + p.closed_in_window == 0)),
        # Floor, as the TS extractor does, so 9,999.6 never reads as a perfect record; no payments due: unknown.
        on_time_ratio=np.where(due > 0, np.floor(on_time * BPS / np.maximum(due, 1)), np.nan),
        worst_dpd=h.ex_dpd[:, window].max(1),
        utilisation=np.where(card_open, h.utilisation[:, _col(0)] * BPS, np.nan),
        inquiries=rng.poisson(p.inquiry_rate) + rng.poisson(1.5 * stress) + np.where(p.inquiry_only, 1, 0),
        derogatory=h.chargeoffs + p.old_chargeoff + p.public_records,
    )


def _statement_features(p: SimpleNamespace, h: SimpleNamespace, rng: np.random.Generator) -> SimpleNamespace:
    """Bank/UPI statement features over months -k..-1, the rules of transaction-features.ts."""
    k = p.statement_months
    present = p.consent & (k > 0)
    cols = np.arange(T)[None, :]
    window = (cols >= PRE - k[:, None]) & (cols < PRE) & present[:, None]
    months = np.maximum(k, 1)
    seen_income = h.income * p.capture[:, None] * window
    total = seen_income.sum(1)
    mean = total / months
    variance = (((seen_income - mean[:, None]) ** 2) * window).sum(1) / months
    # The account sees its share of everything; transfers between one's own accounts add noise.
    net = (h.net + p.L[:, None] * 0.08 * rng.standard_normal(h.net.shape)) * p.capture[:, None] * window
    repayments = (h.paid_loans * window).sum(1) * p.repayments_seen / months
    verified = present & (mean > 0)
    return SimpleNamespace(
        present=present,
        verified=verified,
        avg_income=mean,
        avg_repayments=repayments,
        months_with_income=((seen_income > 0) & window).sum(1),
        income_cv=np.where(total > 0, np.sqrt(variance) / np.where(mean > 0, mean, 1) * BPS, np.nan),
        net_rate=np.where(mean > 0, _ratio_bps(net.sum(1) / months, mean), np.nan),
        bounced=(h.bounced * window).sum(1),
    )


def _monthly(p: SimpleNamespace, h: SimpleNamespace, upi: np.ndarray) -> pd.DataFrame:
    cols = slice(_col(1), _col(LOAN) + 1)
    months = np.arange(1, LOAN + 1)
    n = p.n
    due = (months[None, :] <= p.term[:, None]).astype(int)
    flat = lambda a: np.asarray(a).reshape(-1)  # noqa: E731
    return pd.DataFrame({
        "borrower_id": np.repeat(p.borrower_id, LOAN),
        "month": np.tile(months, n),
        "income_bps_of_mean": flat(np.rint(h.income[:, cols] / p.L[:, None] * BPS)).astype(np.int64),
        "upi_txn_count": flat(upi[:, cols]),
        "instalment_due": flat(due),
        "amount_paid_bps": flat(np.rint(h.paid[:, cols] / p.emi[:, None] * BPS)).astype(np.int64),
        "dpd_end_of_month": flat(h.dpd[:, cols]),
        "contact_attempts": flat(h.attempts[:, cols]),
        "contacts_answered": flat(h.answered[:, cols]),
        "promises_made": flat(h.promises[:, cols]),
        "promises_kept": flat(h.kept[:, cols]),
    })


def _loan_features(p: SimpleNamespace, h: SimpleNamespace, upi: np.ndarray, who: np.ndarray, month: np.ndarray) -> dict:
    """The behaviour/collections feature columns for loans `who` as of the end of loan month `month`."""
    n = who.size
    m = month
    j = _col(m)
    dpd = h.dpd[who]
    cols = np.arange(T)[None, :]
    since_booking = (cols >= _col(1)) & (cols <= j[:, None])
    last = lambda k: (cols > (j - k)[:, None]) & (cols <= j[:, None])  # noqa: E731
    due_month = since_booking & (cols - PRE <= p.term[who][:, None])
    on_time = ((dpd == 0) & due_month).sum(1)
    due_count = due_month.sum(1)
    due_3m = (due_month & last(3)).sum(1) * p.emi[who]
    paid_3m = (h.paid[who] * last(3)).sum(1)
    income = h.income[who] * p.capture[who][:, None] * last(12)
    top3 = np.sort(income, axis=1)[:, -3:].sum(1)
    upi6 = np.where(last(6), upi[who], 0).astype(float)
    upi_mean = upi6.sum(1) / 6
    upi_sd = np.sqrt((((upi6 - upi_mean[:, None]) ** 2) * last(6)).sum(1) / 6)
    observed = p.consent[who]
    attempts = (h.attempts[who] * since_booking).sum(1)
    answered = (h.answered[who] * since_booking).sum(1)
    promises = (h.promises[who] * since_booking).sum(1)
    kept = (h.kept[who] * since_booking).sum(1)
    rows = np.arange(n)
    return {
        "borrower_id": p.borrower_id[who],
        "persona": p.persona_name[who],
        "age": p.age[who],
        "gender": p.gender[who],
        "months_on_book": m,
        "current_dpd": dpd[rows, j],
        "max_dpd_6m": (np.where(last(6) & since_booking, dpd, 0)).max(1),
        "dpd_trend_3m": dpd[rows, j] - np.where(m > 3, dpd[rows, np.maximum(j - 3, 0)], 0),
        "on_time_payment_ratio_bps": _ints(np.where(due_count > 0, np.floor(on_time * BPS / np.maximum(due_count, 1)), np.nan)),
        "repayment_velocity_bps": _ints(_ratio_bps(paid_3m, due_3m)),
        "credit_utilisation_bps": _ints(h.utilisation[who, j] * BPS),
        "income_seasonality_bps": _ints(np.where(observed, _ratio_bps(top3, income.sum(1)), np.nan)),
        "transaction_regularity_bps": _ints(np.where(observed & (upi_mean > 0), BPS * np.maximum(0, 1 - upi_sd / np.maximum(upi_mean, 1e-12)), np.nan)),
        "communication_engagement_bps": _ints(_ratio_bps(answered, attempts)),
        "promise_to_pay_count_90d": (h.promises[who] * last(3)).sum(1),
        "promises_kept_ratio_bps": _ints(_ratio_bps(kept, promises)),
    }


def _behaviour(rng: np.random.Generator, p: SimpleNamespace, h: SimpleNamespace, upi: np.ndarray) -> pd.DataFrame:
    """One snapshot per loan, at a random month >= 3 while instalments are still due and before 90+."""
    months = np.arange(1, LOAN + 1)
    bucket = _bucket(h.dpd[:, _col(1):])
    eligible = (months >= 3) & (months[None, :] <= np.minimum(p.term, OUTCOME)[:, None]) & (bucket < 4)
    pick = np.where(eligible, rng.random(eligible.shape), -1).argmax(1)
    who = np.flatnonzero(eligible.any(1))
    month = months[pick[who]]
    frame = pd.DataFrame(_loan_features(p, h, upi, who, month))
    now, nxt = bucket[who, month - 1], bucket[who, month]
    frame["rolled_forward_30d"] = (nxt > now).astype(int)
    return frame


def _collections(rng: np.random.Generator, p: SimpleNamespace, h: SimpleNamespace, upi: np.ndarray, season: np.ndarray) -> pd.DataFrame:
    """One row per delinquent episode (consecutive months past due), seen at a random month of it.

    A random month rather than the first, so buckets beyond 1-30 appear as often as collections
    meets them; one row per episode, so long episodes do not outweigh short ones.
    """
    bucket = _bucket(h.dpd[:, _col(0):])  # month 0 first, always current
    late = bucket[:, 1:LOAN] > 0  # months 1..LOAN-1: the last month has no next month to observe
    starts = late & ~np.c_[np.zeros(p.n, dtype=bool), late[:, :-1]]
    episode = np.cumsum(starts.reshape(-1)) - 1  # row-major, so episodes never span two loans
    positions = np.flatnonzero(late.reshape(-1))
    order = np.lexsort((rng.random(positions.size), episode[positions]))
    last_of_episode = np.r_[episode[positions][order][1:] != episode[positions][order][:-1], True]
    chosen = positions[order][last_of_episode]
    who, idx = np.divmod(chosen, LOAN - 1)
    month = idx + 1
    frame = pd.DataFrame(_loan_features(p, h, upi, who, month))
    j = _col(month)
    frame.insert(frame.columns.get_loc("promises_kept_ratio_bps") + 1, "bucket", np.array(BUCKETS, dtype=object)[bucket[who, month]])
    arrears = np.maximum(p.emi[who] * np.minimum(month, p.term[who]) - h.paid[who, _col(1):].cumsum(1)[np.arange(who.size), month - 1], 0)
    frame["paid_within_30d"] = (h.paid[who, j + 1] >= (1 - PAY_TOLERANCE) * np.minimum(p.emi[who], arrears)).astype(int)
    frame["treatment"] = _treatment(p, h, season, who, month, bucket[who, month])
    return frame


def _treatment(p, h, season, who, month, bucket) -> np.ndarray:
    """What collections should do, from the latent state (ground truth for evaluating segments).

    First match wins: walked away -> field/legal; forgot -> self-cure (engaged, 1-30) or a reminder;
    income shock -> restructure; seasonal trough with a harvest ahead -> flexible schedule; chose not
    to pay -> a reminder early if basically willing, else field/legal; instalments that cannot fit
    the budget -> restructure (willing) or field/legal; a temporary shortfall -> self-cure or a
    reminder at 1-30, a flexible schedule at 31-90, restructure (willing) or field/legal at 90+.
    """
    j = _col(month)
    stopped = h.stopped[who, j]
    shock_end = p.shock_start[who] + p.shock_months[who]
    shocked = p.has_shock[who] & (month >= p.shock_start[who]) & ((month < shock_end + 2) | (p.shock_recovery[who] < 0.75))
    ahead = np.stack([season[who, np.minimum(j + k, T - 1)] for k in range(1, 5)], 1).max(1)
    trough = (season[who, j] < 0.7) & (ahead >= 1.3)
    slack = p.L[who] * (1 - p.essential_share[who]) - p.existing_emi[who] - p.emi[who]
    structural = slack < -0.05 * p.L[who]
    willing = _honesty(p.willingness[who]) >= 0.5
    reason = h.reason[who, j]
    engaged = p.engagement[who] >= 0.5
    rules = [
        (stopped, "field_or_legal"),
        ((reason == 1) & (bucket == 1) & engaged, "self_cure"),
        (reason == 1, "reminder"),
        (shocked, "restructure"),
        (trough, "flexible_schedule"),
        ((reason == 2) & (bucket <= 2) & willing, "reminder"),
        (reason == 2, "field_or_legal"),
        (structural & willing, "restructure"),
        (structural, "field_or_legal"),
        ((bucket == 1) & engaged, "self_cure"),
        (bucket == 1, "reminder"),
        (bucket <= 3, "flexible_schedule"),
        (willing, "restructure"),
    ]
    assert {t for _, t in rules} <= set(TREATMENTS)
    return np.select([c for c, _ in rules], [t for _, t in rules], "field_or_legal").astype(object)


def _contacts(rng: np.random.Generator, p: SimpleNamespace, h: SimpleNamespace, upi: np.ndarray) -> pd.DataFrame:
    """Best hour to call: the latent routine's peak within lawful hours, and noisy observations of it."""
    everyone = np.arange(p.n)
    profile = np.stack([_answer_profile(p, everyone, np.full(p.n, hr, dtype=float)) for hr in LAWFUL_HOURS], 1)
    best = LAWFUL_HOURS[profile.argmax(1)]
    # UPI activity by hour: partly one's free time, partly when shops are open.
    hours = np.arange(24)
    d = np.abs(hours[None, :] - p.peak1[:, None]) % 24
    own = np.exp(-np.minimum(d, 24 - d) ** 2 / (2 * (p.routine_width[:, None] + 0.5) ** 2))
    mix = 0.55 * own / own.sum(1, keepdims=True) + 0.45 * UPI_MARKET_HOURS[None, :]
    cols = np.arange(T)[None, :]
    seen = p.consent[:, None] & (cols >= PRE - p.statement_months[:, None])
    total = (upi * seen).sum(1)
    by_hour = rng.multinomial(total, mix / mix.sum(1, keepdims=True))
    upi_peak = np.where(total > 0, by_hour.argmax(1), np.nan)
    # SMS reminders each instalment month and more when late; a click happens when the phone is in hand.
    months = np.arange(1, LOAN + 1)
    late = (h.dpd[:, _col(1):] > 0).sum(1)
    sms = (months[None, :] <= p.term[:, None]).sum(1) + 2 * late
    clicked = rng.binomial(sms, 0.03 + 0.25 * p.engagement) > 0
    click_hour = np.where(rng.random(p.n) < 0.7, np.rint(p.peak1 + rng.normal(0, 1.5, p.n)) % 24, rng.integers(7, 24, p.n))
    ratio = lambda k: _ints(_ratio_bps(h.answered_dp[:, k], h.attempts_dp[:, k]))  # noqa: E731
    return pd.DataFrame({
        "borrower_id": p.borrower_id,
        "persona": p.persona_name,
        "age": p.age,
        "gender": p.gender,
        "employment_status": p.employment,
        "timezone_offset_minutes": p.timezone,
        "upi_peak_hour": _ints(upi_peak),
        "answered_morning_ratio_bps": ratio(0),
        "answered_afternoon_ratio_bps": ratio(1),
        "answered_evening_ratio_bps": ratio(2),
        "last_answered_hour": _ints(np.where(h.last_answered >= 0, h.last_answered, np.nan)),
        "sms_click_hour": _ints(np.where(clicked, click_hour, np.nan)),
        "best_hour": best,
    })


# ----------------------------------------------------------------------------------------------
# Fraud: applications, identities and the identity graph
# ----------------------------------------------------------------------------------------------

FRAUD_COLUMNS = ("bureau_hit", "months_since_oldest_tradeline", "declared_to_verified_income_bps", "loan_to_income_bps", "age")


class _Tokens:
    """Opaque identifiers handed out in order, renumbered at the end so numbers reveal nothing."""

    def __init__(self) -> None:
        self.count = 0

    def new(self, k: int = 1) -> np.ndarray:
        out = np.arange(self.count, self.count + k)
        self.count += k
        return out


def _fraud_and_identities(rng: np.random.Generator, p: SimpleNamespace, extra: SimpleNamespace) -> tuple[pd.DataFrame, pd.DataFrame]:
    n_apps = max(p.n // 2, 100)
    pool = _genuine_pool(p, extra)
    ids = {k: _Tokens() for k in ("person", "phone", "device", "bank", "address", "email")}
    ring_sizes = _ring_sizes(rng, n_apps)
    counts = {"synthetic_identity": round(0.003 * n_apps), "account_takeover": round(0.0015 * n_apps), "income_inflation": round(0.003 * n_apps)}
    n_genuine = n_apps - int(ring_sizes.sum()) - sum(counts.values())
    n_reapply = round(0.05 * n_genuine)
    genuine = _genuine_applications(rng, pool, ids, n_genuine - n_reapply + counts["income_inflation"])
    inflation = genuine.iloc[-counts["income_inflation"]:].copy() if counts["income_inflation"] else genuine.iloc[:0].copy()
    genuine = genuine.iloc[:len(genuine) - len(inflation)]
    parts = [genuine, _reapplications(rng, genuine, ids, n_reapply), _income_inflation(rng, inflation),
             _rings(rng, pool, ids, ring_sizes), _synthetic(rng, pool, ids, counts["synthetic_identity"]),
             _takeovers(rng, genuine, ids, counts["account_takeover"])]
    table = pd.concat(parts, ignore_index=True)
    table["hour_of_year"] = table["day"] * 24 + table["hour"]
    table = table.sort_values(["hour_of_year", "tiebreak"], kind="mergesort").reset_index(drop=True)
    table["application_id"] = [f"app_{i + 1:06d}" for i in range(len(table))]
    features = _graph_features(table)
    fraud = pd.DataFrame({"application_id": table["application_id"], **features})
    for column in FRAUD_COLUMNS:
        fraud[column] = _ints(table[column].to_numpy(dtype=float))
    fraud["identity_mismatches"] = table["identity_mismatches"].to_numpy()
    fraud["is_fraud"] = (table["fraud_kind"] != "").astype(int)
    fraud["fraud_kind"] = table["fraud_kind"].replace("", np.nan)
    fraud = fraud[["application_id", "applications_same_national_id_30d", "applications_same_device_24h", "phone_shared_with_other_ids",
                   "device_shared_with_other_ids", "bank_account_shared_with_other_ids", "email_shared_with_other_ids", "identity_mismatches",
                   *FRAUD_COLUMNS, "is_fraud", "fraud_kind"]]
    identities = _identity_table(rng, table)
    return fraud, identities


def _genuine_pool(p: SimpleNamespace, extra: SimpleNamespace) -> pd.DataFrame:
    """Genuine applicants are borrowers from the portfolio: their application features carry over."""
    return pd.DataFrame({
        "bureau_hit": p.bureau_hit.astype(int),
        "months_since_oldest_tradeline": np.where(p.bureau_hit, p.oldest_tradeline, np.nan),
        "declared_to_verified_income_bps": np.rint(extra.declared_to_verified),
        "loan_to_income_bps": np.rint(extra.loan_to_income),
        "age": p.age.astype(float),
    })


def _ring_sizes(rng: np.random.Generator, n_apps: int) -> np.ndarray:
    rings = max(1, round(int(rng.integers(40, 61)) * n_apps / 20_000))
    sizes = np.arange(3, 16)
    weights = sizes ** -1.6  # most rings are small, a few are large
    return rng.choice(sizes, size=rings, p=weights / weights.sum())


def _mismatches(rng: np.random.Generator, k: int, mean: float, at_least: int = 0) -> np.ndarray:
    """Name/bank holder, date of birth, address, phone KYC: how many disagree (0..4)."""
    return np.clip(rng.poisson(mean, k), at_least, 4)


def _frame(k: int, **columns) -> pd.DataFrame:
    base = {"ring": -1, "fraud_kind": "", "tiebreak": 0.0}
    base.update(columns)
    return pd.DataFrame({c: (np.full(k, v) if np.isscalar(v) else v) for c, v in base.items()})


def _genuine_applications(rng, pool, ids, k) -> pd.DataFrame:
    """Genuine people: households share an address (and sometimes a bank account or a device), cyber
    cafes share a device across strangers, hostels share an address, recycled phone numbers recur."""
    rows = pool.iloc[rng.choice(len(pool), size=k, replace=len(pool) < k)].reset_index(drop=True)
    person = ids["person"].new(k)
    phone, device, bank, email = ids["phone"].new(k), ids["device"].new(k), ids["bank"].new(k), ids["email"].new(k)
    household = np.repeat(np.arange(k), rng.choice([1, 2, 3, 4, 5], size=k, p=[0.70, 0.15, 0.08, 0.05, 0.02]))[:k]
    address = ids["address"].new(k)[household]
    first = np.r_[True, household[1:] != household[:-1]]
    second = ~first & np.r_[False, first[:-1]]  # the second member of a multi-person household
    joint = second & (rng.random(k) < 0.12)
    bank = np.where(joint, np.r_[bank[:1], bank[:-1]], bank)  # a joint account with the first member
    family_device = second & (rng.random(k) < 0.15)
    device = np.where(family_device, np.r_[device[:1], device[:-1]], device)
    family_email = second & (rng.random(k) < 0.05)
    email = np.where(family_email, np.r_[email[:1], email[:-1]], email)
    day = rng.integers(0, 365, k)
    for _ in range(max(1, k // 1000)):  # cyber cafe: one device, strangers, over a couple of months
        members = rng.choice(k, size=int(rng.integers(5, 21)), replace=False)
        device[members] = ids["device"].new()[0]
        day[members] = int(rng.integers(0, 305)) + rng.integers(0, 60, members.size)
    for _ in range(max(1, k // 2000)):  # hostel or company dorm: one address, strangers
        members = rng.choice(k, size=int(rng.integers(5, 21)), replace=False)
        address[members] = ids["address"].new()[0]
    recycled = rng.random(k) < 0.003  # the telco reassigned someone else's old number
    phone = np.where(recycled, phone[rng.integers(0, k, k)], phone)
    return _frame(k, person=person, phone=phone, device=device, bank=bank, address=address, email=email,
                  day=day, hour=rng.choice(24, size=k, p=UPI_MARKET_HOURS), tiebreak=rng.random(k),
                  identity_mismatches=rng.choice([0, 1, 2], size=k, p=[0.86, 0.11, 0.03]), **{c: rows[c].to_numpy() for c in FRAUD_COLUMNS})


def _reapplications(rng, genuine: pd.DataFrame, ids, k: int) -> pd.DataFrame:
    """The same person applying again with the same identifiers (sometimes a new phone handset): not a ring."""
    again = genuine.iloc[rng.choice(len(genuine), size=k, replace=False)].copy().reset_index(drop=True)
    again["day"] = again["day"] + rng.integers(1, 121, k)
    again["hour"] = rng.choice(24, size=k, p=UPI_MARKET_HOURS)
    again["tiebreak"] = rng.random(k)
    new_handset = rng.random(k) < 0.1
    again.loc[new_handset, "device"] = ids["device"].new(int(new_handset.sum()))
    again["loan_to_income_bps"] = np.rint(again["loan_to_income_bps"] * rng.uniform(0.6, 1.2, k))
    return again


def _income_inflation(rng, rows: pd.DataFrame) -> pd.DataFrame:
    """Real people, real identifiers, a declared income 1.6-4x what the statement shows."""
    k = len(rows)
    rows = rows.copy()
    with_statement = rng.random(k) < 0.85
    rows["declared_to_verified_income_bps"] = np.where(with_statement, np.rint(rng.uniform(16_000, 40_000, k)), np.nan)
    rows["loan_to_income_bps"] = np.rint(rows["loan_to_income_bps"] * rng.uniform(1.3, 2.5, k))
    rows["identity_mismatches"] = _mismatches(rng, k, 0.3)
    rows["fraud_kind"] = "income_inflation"
    return rows


def _fraud_profile(rng, pool: pd.DataFrame, k: int, thin: np.ndarray, statement: float, ratio: tuple[float, float],
                   loan_multiple: tuple[float, float], ages: tuple[int, int]) -> dict:
    """Application features of fraudulent applications: a borrowed file (stolen identity) or a thin new one."""
    borrowed = pool.iloc[rng.choice(len(pool), size=k)].reset_index(drop=True)
    thin_hit = rng.random(k) < 0.5
    hit = np.where(thin, thin_hit, borrowed["bureau_hit"].to_numpy())
    oldest = np.where(thin, np.where(thin_hit, rng.integers(2, 19, k), np.nan), borrowed["months_since_oldest_tradeline"].to_numpy())
    return {
        "bureau_hit": hit.astype(int),
        "months_since_oldest_tradeline": oldest,
        "declared_to_verified_income_bps": np.where(rng.random(k) < statement, np.rint(rng.uniform(*ratio, k) * BPS), np.nan),
        "loan_to_income_bps": np.rint(borrowed["loan_to_income_bps"].to_numpy() * rng.uniform(*loan_multiple, k)),
        "age": rng.integers(ages[0], ages[1] + 1, k).astype(float),
    }


def _rings(rng, pool, ids, sizes: np.ndarray) -> pd.DataFrame:
    """Rings: different person_ids linked in chains by reused phones, devices, bank accounts, addresses."""
    frames = []
    kinds = ("phone", "device", "bank", "address")
    reuse = {"phone": 0.3, "device": 0.35, "bank": 0.35, "address": 0.3, "email": 0.1}
    for r, size in enumerate(sizes):
        members = {k: [] for k in (*kinds, "email")}
        for i in range(size):
            for kind in members:
                used = members[kind]
                members[kind].append(used[int(rng.integers(len(used)))] if used and rng.random() < reuse[kind] else int(ids[kind].new()[0]))
            if i > 0:  # always linked to someone earlier in the ring, through one identifier or another
                kind = kinds[int(rng.integers(len(kinds)))]
                members[kind][i] = members[kind][int(rng.integers(i))]
        start = int(rng.integers(0, 330))
        day = start + np.floor(np.cumsum(rng.exponential(4.0, size)) - 4.0).clip(0).astype(int)
        profile = _fraud_profile(rng, pool, size, rng.random(size) < 0.5, 0.5, (1.3, 3.0), (1.5, 3.0), (21, 45))
        frames.append(_frame(size, person=ids["person"].new(size), **{k: np.array(v) for k, v in members.items()},
                             day=day, hour=rng.integers(8, 24, size), ring=r, fraud_kind="ring", tiebreak=rng.random(size),
                             identity_mismatches=_mismatches(rng, size, 1.3), **profile))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _synthetic(rng, pool, ids, k: int) -> pd.DataFrame:
    """Made-up identities with fresh identifiers and a thin, recently built file; some share a device."""
    device = ids["device"].new(k)
    farmed = rng.random(k) < 0.3
    device = np.where(farmed & (np.arange(k) > 0), np.r_[device[:1], device[:-1]], device)
    profile = _fraud_profile(rng, pool, k, np.ones(k, dtype=bool), 0.4, (1.2, 2.5), (1.2, 2.5), (21, 38))
    return _frame(k, person=ids["person"].new(k), phone=ids["phone"].new(k), device=device, bank=ids["bank"].new(k),
                  address=ids["address"].new(k), email=ids["email"].new(k), day=rng.integers(0, 365, k),
                  hour=rng.integers(0, 24, k), fraud_kind="synthetic_identity", tiebreak=rng.random(k),
                  identity_mismatches=_mismatches(rng, k, 1.5, at_least=1), **profile)


def _takeovers(rng, genuine: pd.DataFrame, ids, k: int) -> pd.DataFrame:
    """Someone else applies as an existing applicant: same person and address, new device, mule account."""
    victims = genuine.iloc[rng.choice(len(genuine), size=k, replace=False)].copy().reset_index(drop=True)
    victims["day"] = victims["day"] + rng.integers(1, 121, k)
    victims["hour"] = rng.integers(0, 24, k)
    victims["device"] = ids["device"].new(k)
    victims["phone"] = np.where(rng.random(k) < 0.7, ids["phone"].new(k), victims["phone"])
    victims["email"] = np.where(rng.random(k) < 0.6, ids["email"].new(k), victims["email"])
    mules = ids["bank"].new(max(1, k // 2))
    victims["bank"] = mules[rng.integers(0, mules.size, k)]  # mule accounts serve several takeovers
    victims["declared_to_verified_income_bps"] = np.where(rng.random(k) < 0.4, victims["declared_to_verified_income_bps"], np.nan)
    victims["loan_to_income_bps"] = np.rint(victims["loan_to_income_bps"] * rng.uniform(1.5, 3.0, k))
    victims["identity_mismatches"] = _mismatches(rng, k, 0.8, at_least=1)
    victims["fraud_kind"] = "account_takeover"
    victims["tiebreak"] = rng.random(k)
    return victims


def _prior_count(key: np.ndarray, time: np.ndarray, window: float) -> np.ndarray:
    """For each row, earlier rows (in row order, which is time order) with the same key within `window`."""
    order = np.lexsort((np.arange(key.size), key))
    k, t = key[order], time[order]
    combined = k.astype(float) * 1e7 + t
    left = np.searchsorted(combined, combined - window, side="left")
    out = np.empty(key.size, dtype=np.int64)
    out[order] = np.arange(key.size) - left
    return out


def _shared_with_others(key: np.ndarray, person: np.ndarray, time: np.ndarray) -> np.ndarray:
    """Distinct other person_ids that used this identifier at or before this application."""
    first = pd.DataFrame({"k": key, "p": person, "t": time}).groupby(["k", "p"], sort=False)["t"].min().reset_index()
    first = first.sort_values(["k", "t"], kind="mergesort")
    combined = first["k"].to_numpy(dtype=float) * 1e7 + first["t"].to_numpy()
    starts = np.searchsorted(combined, key.astype(float) * 1e7 - 0.5, side="left")
    upto = np.searchsorted(combined, key.astype(float) * 1e7 + time, side="right")
    return upto - starts - 1


def _graph_features(table: pd.DataFrame) -> dict:
    """Velocity and sharing counts as a real-time check sees them: only applications up to this one."""
    time = table["hour_of_year"].to_numpy(dtype=float)
    person = table["person"].to_numpy()
    return {
        "applications_same_national_id_30d": _prior_count(person, time, 30 * 24),
        "applications_same_device_24h": _prior_count(table["device"].to_numpy(), time, 24),
        "phone_shared_with_other_ids": _shared_with_others(table["phone"].to_numpy(), person, time),
        "device_shared_with_other_ids": _shared_with_others(table["device"].to_numpy(), person, time),
        "bank_account_shared_with_other_ids": _shared_with_others(table["bank"].to_numpy(), person, time),
        "email_shared_with_other_ids": _shared_with_others(table["email"].to_numpy(), person, time),
    }


def _identity_table(rng, table: pd.DataFrame) -> pd.DataFrame:
    def tokens(prefix: str, values: pd.Series) -> np.ndarray:
        # Renumber through a random permutation: token numbers must not reveal which were made for fraud.
        unique, inverse = np.unique(values.to_numpy(), return_inverse=True)
        shuffled = rng.permutation(unique.size)
        return np.array([f"{prefix}_{i:06d}" for i in shuffled[inverse]], dtype=object)

    rings = table["ring"].to_numpy()
    ring_token = tokens("rg", pd.Series(rings))
    return pd.DataFrame({
        "application_id": table["application_id"],
        "person_id": tokens("ps", table["person"]),
        "phone": tokens("ph", table["phone"]),
        "device_id": tokens("dv", table["device"]),
        "bank_account": tokens("ba", table["bank"]),
        "address": tokens("ad", table["address"]),
        "ring_id": np.where(rings >= 0, ring_token, None),
    })


# ----------------------------------------------------------------------------------------------
# Entry points
# ----------------------------------------------------------------------------------------------

def generate(seed: int, borrowers: int) -> dict[str, pd.DataFrame]:
    """All seven tables for `borrowers` borrowers; the same seed gives the same tables."""
    streams = np.random.default_rng(seed).spawn(8)
    p = _population(streams[0], borrowers)
    p.borrower_id = np.array([f"b_{i:06d}" for i in range(1, borrowers + 1)], dtype=object)
    income, season = _income(streams[1], p)
    h = _simulate(streams[2], p, income)
    upi = _upi_counts(streams[3], p, income)
    defaulted = (h.dpd[:, _col(1):_col(OUTCOME) + 1] >= DEFAULT_DPD).any(1)
    applications, extra = _applications(p, h, defaulted, streams[4])
    fraud, identities = _fraud_and_identities(streams[5], p, extra)
    return {
        "applications": applications,
        "monthly": _monthly(p, h, upi),
        "behaviour": _behaviour(streams[6], p, h, upi),
        "collections": _collections(streams[6], p, h, upi, season),
        "contacts": _contacts(streams[7], p, h, upi),
        "fraud": fraud,
        "identities": identities,
    }


def declared_loan_to_income_bps(seed: int, borrowers: int) -> np.ndarray:
    """`loan_to_income_bps` as a lender without the bank statement computes it: principal over 75% of
    the declared income (features.ts when nothing verifies income), one value per row of
    generate(seed, borrowers)["applications"]. The CSV's column uses the statement's income where it
    verifies, so a bureau-only model must not read it (alt_data.py). Only the population stream is
    redrawn, the first thing generate() draws from it, so the rows match; the data is unchanged."""
    p = _population(np.random.default_rng(seed).spawn(8)[0], borrowers)
    return np.rint(_ratio_bps(p.principal, p.declared * UNVERIFIED_INCOME_SHARE))


TARGETS = {"applications": "defaulted_12m", "behaviour": "rolled_forward_30d", "collections": "paid_within_30d", "fraud": "is_fraud"}


def _summary(name: str, frame: pd.DataFrame) -> str:
    line = f"{name}.csv: {len(frame):,} rows"
    if name in TARGETS:
        line += f", {TARGETS[name]} {frame[TARGETS[name]].mean():.2%}"
    elif name == "monthly":
        line += f", months 90+ DPD {(frame['dpd_end_of_month'] >= DEFAULT_DPD).mean():.2%}, instalments due {frame['instalment_due'].mean():.2%}"
    elif name == "contacts":
        line += f", best_hour mode {frame['best_hour'].mode().iat[0]} ({(frame['best_hour'] == frame['best_hour'].mode().iat[0]).mean():.1%})"
    elif name == "identities":
        line += f", in a ring {frame['ring_id'].notna().mean():.2%}, rings {frame['ring_id'].nunique()}"
    return line


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Seeded synthetic lending portfolio (see models/training/portfolio.md)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--borrowers", type=int, default=40_000)
    parser.add_argument("--out", required=True, help="directory for the CSVs")
    args = parser.parse_args(argv)
    say(f"simulating {args.borrowers:,} borrowers, seed {args.seed}")
    write(generate(args.seed, args.borrowers), args.out)


def write(tables: dict[str, pd.DataFrame], out: str) -> None:
    os.makedirs(out, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(os.path.join(out, f"{name}.csv"), index=False, lineterminator="\n")
        say(_summary(name, frame))


if __name__ == "__main__":
    main()
