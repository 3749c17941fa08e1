"""The peer's in-process figures, as JSON on stdout (progress on stderr); bench/models.bench.ts runs it.

`python bench_inprocess.py [--iterations 20000] [--warmup 2000] [--batches 1000,10000] [--seconds 3]`

Single row (microseconds per call, sequential, after warm-up), cycling verification.json's records:
  predict          booster.predict(one encoded row) and the card's calibration: LightGBM alone
  encode_predict   encode the record by the card, then predict: what a request does
  onnxruntime      model.onnx in onnxruntime on one encoded row, for reference
Batches (rows per second, one thread: LightGBM num_threads=1, onnxruntime intra_op_num_threads=1):
  the same three over batches built by repeating the verification records.
"""
from __future__ import annotations

import os

# One thread everywhere, before numpy/LightGBM start their pools: the figures are per core.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from typing import Callable  # noqa: E402

import lightgbm as lgb  # noqa: E402
import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402

import peer_model  # noqa: E402


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(samples: list[float], p: float) -> float:
    """Nearest rank, as bench/stats.ts."""
    ordered = sorted(samples)
    rank = int(np.ceil(p / 100 * len(ordered)))
    return ordered[min(len(ordered), max(1, rank)) - 1]


def latency(call: Callable[[int], object], iterations: int, warmup: int) -> dict:
    for i in range(warmup):
        call(i)
    samples = []
    clock = time.perf_counter_ns
    for i in range(iterations):
        t0 = clock()
        call(i)
        samples.append((clock() - t0) / 1000)
    r = lambda x: round(x, 1)  # noqa: E731
    return {"n": iterations, "p50": r(percentile(samples, 50)), "p90": r(percentile(samples, 90)), "p99": r(percentile(samples, 99)), "max": r(max(samples)), "mean": round(sum(samples) / len(samples))}


def cpu_times() -> tuple[int, int, int] | None:
    """Jiffies since boot over all cores (/proc/stat): busy here, taken by the hypervisor (steal), in all."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            jiffies = [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return None
    steal = jiffies[7] if len(jiffies) > 7 else 0
    return sum(jiffies) - jiffies[3] - jiffies[4] - steal, steal, sum(jiffies)


def cpu_busy_since(start: tuple[int, int, int] | None) -> dict | None:
    """Shares of all cores busy (by anyone) and stolen since `start`: one thread on 2 cores is 0.5 busy."""
    now = cpu_times()
    if start is None or now is None or now[2] == start[2]:
        return None
    total = now[2] - start[2]
    return {"busy": round((now[0] - start[0]) / total, 2), "steal": round((now[1] - start[1]) / total, 2)}


def throughput(call: Callable[[], object], rows: int, seconds: float) -> dict:
    for _ in range(3):
        call()
    times = []
    started = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - started < seconds:
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return {"rows": rows, "batches": len(times), "batchMs": round(float(np.median(times)) * 1000, 3), "rowsPerSecond": round(rows * len(times) / sum(times))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--warmup", type=int, default=2_000)
    parser.add_argument("--batches", default="1000,10000")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    model = peer_model.build(say=say)
    with open(os.path.join(peer_model.MODEL_DIR, "verification.json"), encoding="utf-8") as f:
        records = json.load(f)["records"]
    encoded = model.encode(records)
    rows = [encoded[i : i + 1] for i in range(len(records))]
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(os.path.join(peer_model.MODEL_DIR, "model.onnx"), options, providers=["CPUExecutionProvider"])
    onnx = lambda x: session.run(["probability"], {"features": x})[0]  # noqa: E731
    if float(np.max(np.abs(onnx(encoded)[:, 0] - model.raw(encoded)))) > peer_model.TOLERANCE:
        raise RuntimeError("onnxruntime and the booster disagree on the verification records")

    n = len(records)
    cpu = cpu_times()  # after the build, which trains on 2 threads
    say(f"single row: {args.iterations} sequential calls each, after {args.warmup} warm-up calls")
    single = {
        "predict": latency(lambda i: model.predict(rows[i % n]), args.iterations, args.warmup),
        "encode_predict": latency(lambda i: model.predict(model.encode([records[i % n]])), args.iterations, args.warmup),
        "onnxruntime": latency(lambda i: onnx(rows[i % n]), args.iterations, args.warmup),
    }
    batches = {}
    for size in (int(s) for s in args.batches.split(",")):
        say(f"batches of {size} rows: at least {args.seconds} s each")
        batch_records = [records[i % n] for i in range(size)]
        batch = model.encode(batch_records)
        batches[str(size)] = {
            "predict": throughput(lambda: model.predict(batch), size, args.seconds),
            "encode_predict": throughput(lambda: model.predict(model.encode(batch_records)), size, args.seconds),
            "onnxruntime": throughput(lambda: onnx(batch), size, args.seconds),
        }
    print(json.dumps({
        "python": platform.python_version(),
        "lightgbm": lgb.__version__,
        "onnxruntime": ort.__version__,
        "numpy": np.__version__,
        "threads": {"lightgbm": 1, "onnxruntime": 1, "OMP_NUM_THREADS": os.environ["OMP_NUM_THREADS"]},
        "cpuBusy": cpu_busy_since(cpu),
        "verification": {"records": n, "largestDifference": model.check},
        "singleRowMicros": single,
        "batches": batches,
    }))


if __name__ == "__main__":
    main()
