"""The peer a user would otherwise pick: FastAPI serving the same application-pd LightGBM booster.

`uvicorn app:app --app-dir bench/python-peer [--workers 2]`. Each worker rebuilds the booster at
import (peer_model.build) and refuses to start unless it reproduces verification.json.
`POST /v1/score` takes and answers what Credence's does:
  {"model": "application-pd", "records": [{...}], "explain": 0}
  -> {"model": "application-pd", "version": "1.0.0", "scores": [{"probability": 0.03, "decision": false}]}
Invalid records answer 400 with problem details naming each record and feature.
"""
from __future__ import annotations

import os
import resource
import sys
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

import peer_model

# 10,000 concurrent connections need as many descriptors: take the hard limit, as Node does at start.
_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (_hard, _hard))

model = peer_model.build(say=lambda m: print(m, file=sys.stderr, flush=True))
app = FastAPI(title="Credence bench peer", openapi_url=None, docs_url=None, redoc_url=None)
PROBLEM = "application/problem+json"


class ScoreRequest(BaseModel):
    model: str
    records: list[dict[str, Any]] = Field(min_length=1, max_length=1000)
    explain: int = Field(0, ge=0, le=10)  # reasons per record, as Credence's; the peer serves none


class Score(BaseModel):
    probability: float
    decision: bool


class ScoreResponse(BaseModel):
    model: str
    version: str
    scores: list[Score]


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.body = {"type": "about:blank", "title": title, "status": status, "detail": detail} | ({"errors": errors} if errors else {})


@app.exception_handler(Problem)
async def problem(_request: Request, exc: Problem) -> JSONResponse:
    return JSONResponse(exc.body, status_code=exc.body["status"], media_type=PROBLEM)


@app.exception_handler(RequestValidationError)
async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"field": ".".join(str(p) for p in e["loc"][1:]), "message": e["msg"]} for e in exc.errors()]
    return await problem(_request, Problem(400, "The request is not valid", "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors))


@app.get("/health")
async def health() -> dict[str, str | int]:
    # The pid tells the bench which worker answered: it waits until every worker has its model.
    return {"status": "ok", "pid": os.getpid()}


# async: scoring a request is well under a millisecond of CPU, less than a hop to the threadpool.
@app.post("/v1/score")
async def score(body: ScoreRequest) -> ScoreResponse:
    if body.model != model.name:
        raise Problem(400, "The request is not valid", f"model: this peer serves {model.name} only", [{"field": "model", "message": f"this peer serves {model.name} only"}])
    if body.explain:
        raise Problem(400, "Explanations are not served", "the peer serves scores only (explain: 0)")
    try:
        x = model.encode(body.records)
    except peer_model.RecordError as e:
        raise Problem(400, "The request is not valid", str(e), e.errors) from e
    probabilities = model.predict(x)
    threshold = model.threshold
    return ScoreResponse(model=model.name, version=model.version, scores=[Score(probability=p, decision=p >= threshold) for p in probabilities.tolist()])
