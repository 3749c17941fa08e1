"""Small synthetic tables with a known structure, for tests."""
from __future__ import annotations

import numpy as np
import pandas as pd

from credence_models.table import Column, Table


def linear_table(rows: int, seed: int, features: int = 6, noise_features: int = 0, strength: float = 0.9) -> Table:
    """A purely linear log-odds in standard-normal numeric features: the textbook case where a
    logistic regression is the right model and trees can only approximate it."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, features + noise_features))
    beta = np.r_[np.linspace(strength, strength / 3, features), np.zeros(noise_features)]
    y = (rng.uniform(size=rows) < 1 / (1 + np.exp(-(x @ beta - 1.0)))).astype(np.int8)
    names = [f"f{i}" for i in range(x.shape[1])]
    frame = pd.DataFrame(x, columns=names)
    return Table(frame=frame, y=y, columns=[Column(n, "numeric", False) for n in names], raw=frame.astype(str))
