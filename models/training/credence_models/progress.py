"""Progress lines a data scientist can follow: step, what happened, seconds since start."""
from __future__ import annotations

import sys
import time

_start = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - _start:7.1f}s] {message}", file=sys.stderr, flush=True)
