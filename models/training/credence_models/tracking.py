"""Every training run logged to MLflow: parameters, every candidate's metrics, the card and the
model directory's files, so runs can be compared in the tool data scientists already use.

Where: MLFLOW_TRACKING_URI when set (a tracking server, or any store MLflow accepts); otherwise a
local SQLite store, `.credence/mlruns/mlflow.db` at the repository root with artifacts beside it
in `.credence/mlruns/artifacts`. MLflow 3.7 made SQLite its default and has deprecated the
file store (./mlruns) since, so the local store is SQLite: `mlflow ui --backend-store-uri
sqlite:///.credence/mlruns/mlflow.db` (the full `mlflow` package has the UI) shows the runs.
mlflow-skinny with SQLAlchemy and Alembic is enough to log there and keeps the training venv small.
"""
from __future__ import annotations

import json
import logging
import os
import re
import tempfile

from .progress import say

EXPERIMENT = "credence-models"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
LOCAL = os.path.join(ROOT, ".credence", "mlruns")


def tracking_uri() -> tuple[str, str | None]:
    """The store, and the artifact location for a new experiment (local store only)."""
    uri = os.environ.get("MLFLOW_TRACKING_URI")
    if uri:
        # A local SQLite store keeps its artifacts beside it (MLflow's default is ./mlruns in
        # whatever directory the run started from); a server decides for itself.
        if uri.startswith("sqlite:///"):
            return uri, "file://" + os.path.join(os.path.dirname(os.path.abspath(uri[len("sqlite:///"):])), "artifacts")
        return uri, None
    os.makedirs(LOCAL, exist_ok=True)
    return f"sqlite:///{os.path.join(LOCAL, 'mlflow.db')}", "file://" + os.path.join(LOCAL, "artifacts")


def _key(text: str) -> str:
    """MLflow keys allow letters, digits, _ - . space / only."""
    return re.sub(r"[^A-Za-z0-9_\-. /]", "_", text)


def flat_metrics(card: dict) -> dict[str, float]:
    out: dict[str, float] = {}
    for cand in card.get("candidates", []):
        for part in ("cv", "test"):
            for k, v in cand.get(part, {}).items():
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v is not None:
                    out[_key(f"{cand['name']}.{part}.{k}")] = float(v)
        for i, a in enumerate(cand.get("cv", {}).get("aucByFold", [])):
            out[_key(f"{cand['name']}.cv.auc_fold{i + 1}")] = float(a)
        for configuration in ("tuned", "textbook"):  # logistic_regression: both configurations it chose between
            if isinstance(cand.get(configuration), dict):
                out[_key(f"{cand['name']}.{configuration}.cv.auc")] = float(cand[configuration]["cvAuc"])
    test = card.get("metrics", {}).get("test", {})
    for k in ("auc", "ks", "f1", "precision", "recall", "brier"):
        if isinstance(test.get(k), (int, float)):
            out[f"champion.test.{k}"] = float(test[k])
    cal = card.get("calibration") or {}
    for k, v in (cal.get("ece") or {}).items():
        if isinstance(v, (int, float)):
            out[f"champion.ece.{k}"] = float(v)
    for k, v in (cal.get("crossValidatedLogLoss") or {}).items():
        out[_key(f"calibration.cvLogLoss.{k}")] = float(v)
    if "training" in card:
        out["training.seconds"] = float(card["training"]["seconds"])
    return out


def flat_params(card: dict, args: dict) -> dict[str, str]:
    params = {_key(f"arg.{k}"): json.dumps(v) if not isinstance(v, str) else v for k, v in args.items() if v not in (None, [], {})}
    params["champion"] = card["champion"]["name"]
    params["calibration"] = (card.get("calibration") or {}).get("method", "none")
    params["features"] = str(len(card["features"]))
    params["data.sha256"] = card["data"]["sha256"]
    params["data.rows"] = str(card["data"]["rows"])
    for cand in card.get("candidates", []):
        for k, v in cand.get("params", {}).items():
            params[_key(f"{cand['name']}.{k}")] = (json.dumps(v) if not isinstance(v, str) else v)[:6000]
    return params


def log_run(out_dir: str, card: dict, args: dict) -> str:
    """Logs the run; returns its id. The model directory is written first, so a failure here never loses a model."""
    import mlflow

    # After the import: mlflow sets up its own logger then. Its first-run "creating tables" notes are noise here.
    logging.getLogger("mlflow").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)

    uri, artifacts = tracking_uri()
    mlflow.set_tracking_uri(uri)
    client = mlflow.MlflowClient()
    experiment = client.get_experiment_by_name(EXPERIMENT)
    experiment_id = experiment.experiment_id if experiment else client.create_experiment(EXPERIMENT, artifact_location=artifacts)
    with mlflow.start_run(experiment_id=experiment_id, run_name=f"{card['name']} {card['version']}") as run:
        mlflow.set_tags({"model": card["name"], "version": card["version"], "champion": card["champion"]["name"], "source": card["data"]["source"]})
        mlflow.log_params(flat_params(card, args))
        mlflow.log_metrics(flat_metrics(card))
        mlflow.log_dict(card, "card.json")
        mlflow.log_artifacts(out_dir, "model")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "candidates.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"candidates": card.get("candidates"), "champion": card["champion"], "calibration": card.get("calibration")}, f, indent=1)
            mlflow.log_artifact(path)
        run_id = run.info.run_id
    say(f"mlflow: run {run_id} in experiment {EXPERIMENT} at {uri}")
    return run_id
