"""Credence's training pipeline (models/README.md)."""
import os

# Set before numpy or scipy load OpenBLAS: on these problems (thousands of rows, tens of columns)
# OpenBLAS's threads spin-wait on each other, and one thread fits a logistic regression about eight
# times faster in CPU time than two on a shared 2-core machine. LightGBM keeps its own 2 threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
