"""Scores for numbers and devices: explainable rules blended with a logistic-regression model.

The model is a plain parameter file (``data/number_model.npz``: feature names, scaler, weights,
imputation values) read with numpy — no pickle, nothing from the network. ``train.py`` fits it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

DATA = Path(__file__).with_name("data")
MODEL_PATH = DATA / "number_model.npz"
MODEL_WEIGHT = 0.7  # final score = 0.7 · model probability + 0.3 · rule score
DEFAULT_THRESHOLD = 0.5
DEVICE_THRESHOLD = 0.6
Cols = dict[str, np.ndarray]

# model inputs: name → (transform, the input table it depends on)
_TRANSFORMS: dict[str, tuple[Callable[[Cols], np.ndarray], str]] = {
    "log_calls_per_active_day": (lambda c: np.log1p(c["calls_per_active_day"]), "calls"),
    "log_max_daily_calls": (lambda c: np.log1p(c["max_daily_calls"]), "calls"),
    "log_distinct_callees": (lambda c: np.log1p(c["distinct_callees"]), "calls"),
    "new_callee_ratio": (lambda c: c["new_callee_ratio"], "calls"),
    "callback_rate": (lambda c: c["callback_rate"], "calls"),
    "repeat_callee_share": (lambda c: c["repeat_callee_share"], "calls"),
    "outgoing_share": (lambda c: c["outgoing_share"], "calls"),
    "answer_rate": (lambda c: c["answer_rate"], "calls"),
    "short_share": (lambda c: c["short_share"], "calls"),
    "afternoon_share": (lambda c: c["afternoon_share"], "calls"),
    "log_mean_talk_s": (lambda c: np.log1p(c["mean_talk_s"]), "calls"),
    "log_in_callers": (lambda c: np.log1p(c["in_callers"]), "calls"),
    "log_handsets": (lambda c: np.log1p(c["handsets"]), "calls"),
    "no_imei_share": (lambda c: c["no_imei_share"], "calls"),
    "log_sims_per_handset": (lambda c: np.log1p(c["sims_per_handset"]), "calls"),
    "log_cells": (lambda c: np.log1p(c["cells"]), "calls"),
    "regular_gaps": (lambda c: ((c["gap_cv"] >= 0) & (c["gap_cv"] < 0.25)).astype(float), "calls"),
    "dormant_share": (lambda c: np.clip(c["dormant_days"], 0, 30) / 30.0, "calls"),
    "log_sms_in_days": (lambda c: np.log1p(c["sms_in_days"]), "sms"),
    "log_account_age": (lambda c: np.log1p(np.maximum(c["account_age_days"], 0)), "subscribers"),
    "shutdown": (lambda c: c["shutdown"].astype(float), "subscribers"),
    "log_numbers_on_card": (lambda c: np.log1p(c["numbers_on_card"]), "subscribers"),
}
MODEL_FEATURES = list(_TRANSFORMS)


def columns(table: pa.Table) -> Cols:
    return {name: table.column(name).to_numpy(zero_copy_only=False) for name in table.column_names}


def model_matrix(c: Cols, tables: set[str], impute: np.ndarray | None = None) -> np.ndarray:
    """Model inputs; features whose input table is absent take the training population's median."""
    x = np.column_stack([fn(c).astype(np.float64) for fn, _ in _TRANSFORMS.values()])
    if impute is not None:
        for j, (_, source) in enumerate(_TRANSFORMS.values()):
            if source not in tables:
                x[:, j] = impute[j]
    return x


@dataclass
class NumberModel:
    """Logistic regression over standardised features (scikit-learn contract: fit → self)."""

    C: float = 1.0
    features_: list[str] = field(default_factory=list)
    mean_: np.ndarray | None = None
    scale_: np.ndarray | None = None
    coef_: np.ndarray | None = None
    intercept_: float = 0.0
    impute_: np.ndarray | None = None

    def fit(self, x: np.ndarray, y: np.ndarray) -> NumberModel:
        from sklearn.linear_model import LogisticRegression

        self.features_ = list(MODEL_FEATURES)
        self.mean_ = x.mean(axis=0)
        self.scale_ = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
        self.impute_ = np.median(x, axis=0)
        lr = LogisticRegression(C=self.C, max_iter=2000).fit((x - self.mean_) / self.scale_, y)
        self.coef_ = lr.coef_[0].astype(np.float64)
        self.intercept_ = float(lr.intercept_[0])
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        if self.coef_ is None or self.mean_ is None or self.scale_ is None:
            raise RuntimeError("NumberModel is not fitted")
        z = ((x - self.mean_) / self.scale_) @ self.coef_ + self.intercept_
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))

    def save(self, path: Path, card: dict) -> None:
        assert self.mean_ is not None and self.scale_ is not None and self.coef_ is not None
        assert self.impute_ is not None
        np.savez(
            path,
            features=np.array(self.features_),
            mean=self.mean_,
            scale=self.scale_,
            coef=self.coef_,
            intercept=np.array([self.intercept_]),
            impute=self.impute_,
        )
        path.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> NumberModel:
        with np.load(path, allow_pickle=False) as f:
            features = [str(s) for s in f["features"]]
            if features != MODEL_FEATURES:
                raise ValueError(f"模型文件 {path} 的特征与代码不一致，请重新训练")
            return cls(
                features_=features,
                mean_=f["mean"],
                scale_=f["scale"],
                coef_=f["coef"],
                intercept_=float(f["intercept"][0]),
                impute_=f["impute"],
            )


# --- explainable rules -------------------------------------------------------------------

Rule = tuple[float, Callable[[Cols], np.ndarray], Callable[[Cols, int], str], str]

NUMBER_RULES: list[Rule] = [
    (
        0.2,
        lambda c: c["calls_per_active_day"] >= 50,
        lambda c, i: f"日均外呼 {c['calls_per_active_day'][i]:.0f} 次",
        "calls",
    ),
    (
        0.15,
        lambda c: (c["new_callee_ratio"] >= 0.9) & (c["distinct_callees"] >= 30),
        lambda c, i: (
            f"被叫几乎都是陌生号码（{c['distinct_callees'][i]} 个，不重复率 {c['new_callee_ratio'][i]:.0%}）"
        ),
        "calls",
    ),
    (
        0.15,
        lambda c: (c["callback_rate"] <= 0.05) & (c["distinct_callees"] >= 30),
        lambda c, i: f"几乎无人回拨（回拨率 {c['callback_rate'][i]:.1%}）",
        "calls",
    ),
    (
        0.1,
        lambda c: (c["short_share"] >= 0.5) & (c["out_calls"] >= 30),
        lambda c, i: f"短时或未接通呼叫占 {c['short_share'][i]:.0%}",
        "calls",
    ),
    (
        0.1,
        lambda c: (c["sms_in_days"] == 0) & (c["out_calls"] >= 30),
        lambda c, i: "无短信接收记录（无验证码等正常生活迹象）",
        "sms",
    ),
    (
        0.1,
        lambda c: (c["handsets"] >= 3) | (c["no_imei_share"] >= 0.5),
        lambda c, i: (
            f"频繁更换终端（{c['handsets'][i]} 部）" if c["handsets"][i] >= 3 else "通话无终端标识（IMEI）"
        ),
        "calls",
    ),
    (
        0.1,
        lambda c: c["numbers_on_card"] >= 5,
        lambda c, i: f"同一身份证名下 {c['numbers_on_card'][i]} 个号码",
        "subscribers",
    ),
    (
        0.1,
        lambda c: (c["dormant_days"] >= 7) & (c["max_daily_calls"] >= 30),
        lambda c, i: f"沉睡 {c['dormant_days'][i]} 天后突然外呼（单日最多 {c['max_daily_calls'][i]} 次）",
        "calls",
    ),
    (
        0.05,
        lambda c: (c["outgoing_share"] >= 0.95) & (c["out_calls"] >= 100),
        lambda c, i: f"只打不接（外呼占 {c['outgoing_share'][i]:.0%}）",
        "calls",
    ),
    (
        0.05,
        lambda c: (c["account_age_days"] >= 0) & (c["account_age_days"] < 60),
        lambda c, i: f"入网仅 {c['account_age_days'][i]} 天",
        "subscribers",
    ),
    (
        0.1,
        lambda c: (c["gap_cv"] >= 0) & (c["gap_cv"] < 0.25) & (c["out_calls"] >= 50),
        lambda c, i: f"呼叫间隔高度规律（变异系数 {c['gap_cv'][i]:.2f}）",
        "calls",
    ),
    (
        0.1,
        lambda c: c["sims_per_handset"] >= 8,
        lambda c, i: f"所用设备插过 {c['sims_per_handset'][i]} 张卡",
        "calls",
    ),
]


def rule_hits(c: Cols, rules: list[Rule], tables: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """(score in [0, 1], boolean hit matrix rules × rows); rules on absent tables never fire."""
    n = len(next(iter(c.values()))) if c else 0
    hits = np.zeros((len(rules), n), bool)
    for k, (_, cond, _, source) in enumerate(rules):
        if source in tables:
            hits[k] = cond(c)
    weights = np.array([r[0] for r in rules])
    return np.minimum(1.0, weights @ hits), hits


def reasons_for(c: Cols, rules: list[Rule], hits: np.ndarray, i: int, limit: int = 5) -> list[str]:
    fired = [k for k in np.flatnonzero(hits[:, i])]
    fired.sort(key=lambda k: -rules[k][0])
    return [rules[k][2](c, i) for k in fired[:limit]]


# --- devices ----------------------------------------------------------------------------

DEVICE_RULES: list[Rule] = [
    (0.3, lambda c: c["sims"] >= 8, lambda c, i: f"一部设备使用 {c['sims'][i]} 张 SIM 卡", "calls"),
    (
        0.15,
        lambda c: (c["cells"] <= 2) & (c["sims"] >= 4),
        lambda c, i: f"位置固定（{c['cells'][i]} 个基站）",
        "calls",
    ),
    (
        0.15,
        lambda c: c["new_callee_ratio"] >= 0.9,
        lambda c, i: f"被叫几乎都是陌生号码（{c['new_callee_ratio'][i]:.0%}）",
        "calls",
    ),
    (
        0.15,
        lambda c: c["callback_rate"] <= 0.05,
        lambda c, i: f"几乎无人回拨（{c['callback_rate'][i]:.1%}）",
        "calls",
    ),
    (
        0.1,
        lambda c: c["short_share"] >= 0.5,
        lambda c, i: f"短时或未接通呼叫占 {c['short_share'][i]:.0%}",
        "calls",
    ),
    (
        0.15,
        lambda c: (c["power_on_spread_s"] >= 0) & (c["power_on_spread_s"] <= 300) & (c["sims"] >= 4),
        lambda c, i: f"各卡同步开机（首呼相差约 {c['power_on_spread_s'][i]:.0f} 秒）",
        "calls",
    ),
]


def score_devices(dev: pa.Table, threshold: float = DEVICE_THRESHOLD) -> pa.Table:
    """Flagged devices: imei, score, reasons (SIM and cell lists are added by the scan)."""
    c = columns(dev)
    score, hits = rule_hits(c, DEVICE_RULES, {"calls"})
    score = np.where(c["sims"] >= 4, score, 0.0) if len(score) else score
    keep = np.flatnonzero(score >= threshold)
    reasons = []
    for i in keep:
        r = reasons_for(c, DEVICE_RULES, hits, int(i), limit=6)
        r.append(f"活动时段 {c['first_hour'][i]}–{c['last_hour'][i]} 时")
        reasons.append("；".join(r))
    return pa.table(
        {
            "imei": dev.column("imei").take(pa.array(keep, pa.int64())),
            "score": pa.array(np.round(score[keep], 4)),
            "reasons": pa.array(reasons, pa.string()),
        }
    )


def number_scores(
    feat: pa.Table, tables: set[str], model: NumberModel | None = None
) -> tuple[np.ndarray, np.ndarray, Cols, np.ndarray]:
    """(final score, model probability, feature columns, rule hits) for every number."""
    model = model or NumberModel.load()
    c = columns(feat)
    if feat.num_rows == 0:
        empty = np.zeros(0)
        return empty, empty, c, np.zeros((len(NUMBER_RULES), 0), bool)
    p = model.predict_proba(model_matrix(c, tables, model.impute_))
    rule, hits = rule_hits(c, NUMBER_RULES, tables)
    return MODEL_WEIGHT * p + (1 - MODEL_WEIGHT) * rule, p, c, hits


def number_kinds(
    c: Cols, score: np.ndarray, simbox: np.ndarray, threshold: float, tables: set[str]
) -> np.ndarray:
    """Kind per number ('' when not flagged): SIM-box member, sleeping card, fraud caller, handset churn."""
    woke = (c["dormant_days"] >= 7) & (c["max_daily_calls"] >= 30)
    long_idle = c["idle_before_days"] >= 60 if "subscribers" in tables else c["dormant_days"] >= 14
    churn = (c["handsets"] >= 3) & (score >= 0.3)
    return np.select(
        [simbox, (score >= threshold) & woke & long_idle, score >= threshold, churn],
        ["simbox_member", "sleeping_card", "fraud_caller", "handset_churn"],
        "",
    )
