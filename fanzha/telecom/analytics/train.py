"""Fit the number model on generated populations (training seeds only) and write the model card.

Run: ``.venv/bin/python -m fanzha.telecom.analytics.train``. Evaluation uses other seeds (see
``EVAL_SEEDS``); the card records both so that nobody evaluates on training data by accident.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa

from . import scoring as S
from .engines.duckdb_engine import DuckDBEngine
from .evaluate import read_labels
from .generator import generate
from .scan import compute_features
from .schema import validate_input

TRAIN_SEEDS = (1001, 1002, 1003)
EVAL_SEEDS = (1, 2, 3)
POSITIVE = {"fraud_caller", "sleeping_card", "simbox_member"}


def labelled_features(folder: Path) -> tuple[np.ndarray, np.ndarray, pa.Table]:
    engine = DuckDBEngine()
    try:
        num, _ = compute_features(engine, validate_input(folder))
    finally:
        engine.close()
    kind, _ = read_labels(folder / "labels.csv")
    y = np.array([kind.get(n, "normal") in POSITIVE for n in num.column("number").to_pylist()], int)
    x = S.model_matrix(S.columns(num), {"calls", "sms", "subscribers"})
    return x, y, num


def train(
    subscribers: int,
    days: int,
    seeds: tuple[int, ...] = TRAIN_SEEDS,
    out: Path = S.MODEL_PATH,
    cache: Path | None = None,
) -> S.NumberModel:
    xs, ys = [], []
    with tempfile.TemporaryDirectory(prefix="fanzha-train-") as tmp:
        for seed in seeds:
            folder = (cache or Path(tmp)) / f"{seed}-{subscribers}-{days}"
            if not (folder / "labels.csv").exists():
                generate(folder, subscribers, days, seed)
            x, y, _ = labelled_features(folder)
            xs.append(x)
            ys.append(y)
    x, y = np.vstack(xs), np.concatenate(ys)
    model = S.NumberModel(C=0.5).fit(x, y)
    card = {
        "model": "logistic regression over standardised call-record features "
        "(fanzha.telecom.analytics.scoring)",
        "trained": dt.date.today().isoformat(),
        "training_data": {
            "generator_seeds": list(seeds),
            "subscribers": subscribers,
            "days": days,
            "numbers": len(y),
            "positives": int(y.sum()),
        },
        "evaluation_seeds_not_used_in_training": list(EVAL_SEEDS),
        "positive_kinds": sorted(POSITIVE),
        "weights": {
            f: round(float(w), 4)
            for f, w in zip(model.features_, model.coef_ if model.coef_ is not None else [], strict=True)
        },
        "final_score": f"{S.MODEL_WEIGHT} x model probability + {1 - S.MODEL_WEIGHT:.1f} x rule score",
        "limits": "Trained on synthetic populations only; "
        "re-fit on labelled carrier data before production use.",
    }
    model.save(out, card)
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="训练号码模型（仅用训练种子）")
    ap.add_argument("--subscribers", type=int, default=20000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--cache", type=Path, default=None, help="keep generated training data here")
    a = ap.parse_args(argv)
    model = train(a.subscribers, a.days, cache=a.cache)
    print(
        "已写入",
        S.MODEL_PATH,
        dict(zip(model.features_, np.round(model.coef_ if model.coef_ is not None else [], 2), strict=True)),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
