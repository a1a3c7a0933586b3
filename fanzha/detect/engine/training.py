"""Training and evaluation entry points (called by ``fanzha detect train`` / ``eval``)."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

import numpy as np

from .corpus import DataError, dedupe, read_paths
from .cues import find_type_hints
from .detector import Detector
from .features import ngram_counts, prepare
from .model import FRAUD, Artifact, FraudModel, ScoreCombiner, fraud_probability, save_artifact
from .synth import WRITTEN_SOURCE, Sample, call_variants, generate, written
from .taxonomy import NORMAL, type_name

CALIBRATION_SHARE = 0.15
THRESHOLD = 0.5
# Hyper-parameters of the shipped model (v3): class weights inversely proportional to class
# frequency (chosen on a validation split carved from the corpus training portion: macro-F1
# 0.932 vs 0.926 unweighted at C = 8; C = 2 / 32 gave 0.914 / 0.928, C = 32 weighted 0.934,
# within noise of C = 8 and slower to fit).
MODEL_PARAMS: dict[str, object] = {"class_weight": "balanced"}
# Sample weights of the main model, on top of the class weights. Balanced over 18 classes, the
# normal class got 1/18 of the weight, and the project's written legitimate texts (calls, chats and
# stories that use fraud's words) 6 % of that: the model had little reason to get them right.
NORMAL_WEIGHT = 8.0  # every normal text
WRITTEN_NORMAL_WEIGHT = 4.0  # a written legitimate text, on top of NORMAL_WEIGHT
WRITTEN_FRAUD_WEIGHT = 2.0  # a written scam
# The fraud model (normal against all fraud pooled; with the main model it gives the score): the
# same sample weights, and the written texts FRAUD_MODEL_WRITTEN_WEIGHT times more. Against one
# pooled fraud class the legitimate texts that use fraud's words are told apart far better than
# against 17 types, each of which the normal class must outscore: on the own sets, with dialogues
# left out, 9 false alarms of 476 against 23, the same 18 scams missed; the two together 10 and
# 17, and fewer misses on unseen dialogues than either (docs/detection.md, model-v10).
FRAUD_MODEL_WRITTEN_WEIGHT = 4.0
Log = Callable[[str], None]


def build_samples(paths: Iterable[str | Path], seed: int = 0, include_synth: bool = True) -> list[Sample]:
    """Read and de-duplicate ``paths``; add the project-written material unless told not to."""
    samples = read_paths(paths)
    if include_synth:
        samples += generate(seed) + written()
    return dedupe(samples)


def split(samples: Sequence[Sample], share: float, seed: int) -> tuple[list[Sample], list[Sample]]:
    """Stratified by label: ``share`` of each label goes to the second part."""
    rng = random.Random(seed)
    by_label: dict[str, list[Sample]] = {}
    for s in samples:
        by_label.setdefault(s.label, []).append(s)
    first: list[Sample] = []
    second: list[Sample] = []
    for label in sorted(by_label):
        group = by_label[label][:]
        rng.shuffle(group)
        cut = max(1, round(len(group) * share)) if len(group) > 1 else 0
        second += group[:cut]
        first += group[cut:]
    return first, second


def sample_weights(samples: Sequence[Sample]) -> list[float]:
    """The main model's weight of each sample (``NORMAL_WEIGHT`` and the written texts' weights)."""
    out = []
    for s in samples:
        written = s.source.startswith(WRITTEN_SOURCE)
        if s.label == NORMAL:
            out.append(NORMAL_WEIGHT * (WRITTEN_NORMAL_WEIGHT if written else 1.0))
        else:
            out.append(WRITTEN_FRAUD_WEIGHT if written else 1.0)
    return out


def fraud_weights(samples: Sequence[Sample]) -> list[float]:
    """The fraud model's weight of each sample (``FRAUD_MODEL_WRITTEN_WEIGHT``)."""
    return [
        w * (FRAUD_MODEL_WRITTEN_WEIGHT if s.source.startswith(WRITTEN_SOURCE) else 1.0)
        for w, s in zip(sample_weights(samples), samples, strict=True)
    ]


def fit_artifact(samples: Sequence[Sample], seed: int = 0, log: Log = print, **params: object) -> Artifact:
    """Fit the models on most of ``samples`` and the score combiner on a held-out share.

    The fraud probability is that of the main model (normal and every type) and of the fraud model
    (normal against fraud, ``fraud_weights``) together (``model.fraud_probability``); the main
    model and the type model choose the type. The type model is fitted on the fraud texts only,
    plus part of their short messages retold as calls (``synth.call_variants``), so that a
    conversation's type is decided by what is said in it. The retold calls stay out of the main
    model: there they made ordinary service calls look like fraud (twice the false alarms on
    unseen ones). ``DataError`` where ``samples`` lack normal or fraud texts."""
    if len({s.label == NORMAL for s in samples}) < 2:
        raise DataError("训练数据需要同时包含正常文本和诈骗文本")
    fit_part, calib_part = split(samples, CALIBRATION_SHARE, seed)
    model_params = {**MODEL_PARAMS, **params}
    _, texts, hits = prepare([s.text for s in fit_part])
    labels = [s.label for s in fit_part]
    log(f"训练样本 {len(fit_part)} 条，校准样本 {len(calib_part)} 条")
    model = FraudModel(random_state=seed, **model_params)  # type: ignore[arg-type]
    counts = ngram_counts(texts, model.n_features, model.ngram_max)  # shared with the fraud model
    model.fit_counts(counts, hits, labels, sample_weights(fit_part))
    fraud = [i for i, label in enumerate(labels) if label != NORMAL]
    type_model = None
    if len({labels[i] for i in fraud}) > 1:
        calls = call_variants([fit_part[i] for i in fraud], seed)
        log(f"类型模型：诈骗样本 {len(fraud)} 条，另有 {len(calls)} 条短信改写为通话")
        _, c_texts, c_hits = prepare([s.text for s in calls])
        type_model = FraudModel(random_state=seed, **model_params)  # type: ignore[arg-type]
        type_model.fit_prepared(
            [texts[i] for i in fraud] + c_texts,
            [hits[i] for i in fraud] + c_hits,
            [labels[i] for i in fraud] + [s.label for s in calls],
        )
    fraud_model = FraudModel(random_state=seed, **model_params)  # type: ignore[arg-type]
    fraud_model.fit_counts(
        counts, hits, [NORMAL if lab == NORMAL else FRAUD for lab in labels], fraud_weights(fit_part)
    )
    _, c_texts, c_hits = prepare([s.text for s in calib_part])
    c_counts = ngram_counts(c_texts, model.n_features, model.ngram_max)
    p_fraud = fraud_probability(model, fraud_model, c_counts, c_hits)
    y = np.asarray([s.label != NORMAL for s in calib_part])
    combiner = ScoreCombiner().fit(p_fraud, c_hits, y)
    meta = {"n_fit": len(fit_part), "n_calibration": len(calib_part), "seed": seed}
    return Artifact(model, combiner, THRESHOLD, meta, type_model, fraud_model)


def train(
    paths: Iterable[str | Path],
    out_path: str | Path,
    seed: int = 0,
    include_synth: bool = True,
    log: Log = print,
) -> Artifact:
    """Train on ``paths`` (+ project material) and save the artifact to ``out_path``."""
    started = time.perf_counter()
    samples = build_samples(paths, seed, include_synth)
    log(f"读取并去重后共 {len(samples)} 条样本")
    artifact = fit_artifact(samples, seed, log)
    artifact.meta.update(
        trained=dt.date.today().isoformat(),
        sources=sorted({s.source for s in samples}),
        seconds=round(time.perf_counter() - started, 1),
    )
    save_artifact(artifact, out_path)
    log(f"模型已保存到 {out_path}（用时 {artifact.meta['seconds']} 秒）")
    return artifact


def predict_labels(
    detector: Detector, texts: Sequence[str], batch: int = 2000, among: Collection[str] | None = None
) -> tuple[list[str], np.ndarray]:
    """Predicted label (type code or ``normal``) and calibrated score for each text; the type is
    chosen as ``Detector.type_of`` does, among the types ``among`` where it is given."""
    labels: list[str] = []
    scores: list[float] = []
    for i in range(0, len(texts), batch):
        norms, mtexts, hits = prepare(texts[i : i + batch])
        sc, types = detector.score_prepared(mtexts, hits)
        for s, row, doc_hits, norm in zip(sc, types, hits, norms, strict=True):
            flagged = s >= detector.threshold
            code = detector.type_of(row, doc_hits, find_type_hints(norm), among)[0] if flagged else NORMAL
            labels.append(code)
            scores.append(float(s))
    return labels, np.asarray(scores)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def report(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Binary and per-type precision/recall/F1, FP rate on normal text, confusion matrix."""
    g_f = np.asarray([g != NORMAL for g in gold])
    p_f = np.asarray([p != NORMAL for p in pred])
    binary = _prf(int((g_f & p_f).sum()), int((~g_f & p_f).sum()), int((g_f & ~p_f).sum()))
    labels = sorted(set(gold) | set(pred), key=lambda c: (c != NORMAL, c))
    per_type = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        per_type[lab] = _prf(tp, fp, fn)
    gold_labels = [lab for lab in labels if per_type[lab]["support"] > 0]
    confusion = {
        g: {p: sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p) for p in labels}
        for g in gold_labels
    }
    n_normal = int((~g_f).sum())
    type_recall = {lab: per_type[lab]["recall"] for lab in gold_labels if lab != NORMAL}
    detect_recall = {
        lab: round(
            sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != NORMAL)
            / per_type[lab]["support"],
            4,
        )
        for lab in gold_labels
        if lab != NORMAL
    }
    return {
        "n": len(gold),
        "binary": binary,
        "fp_rate_normal": round(int((~g_f & p_f).sum()) / n_normal, 4) if n_normal else None,
        "macro_f1": round(float(np.mean([per_type[lab]["f1"] for lab in gold_labels])), 4)
        if gold_labels
        else 0.0,
        "per_type": per_type,
        "type_recall": type_recall,
        "detection_recall": detect_recall,
        "confusion": confusion,
    }


def evaluate(detector: Detector, samples: Sequence[Sample]) -> tuple[dict, str]:
    """Evaluate ``detector`` on labelled ``samples``; returns the report and a printable table."""
    pred, _ = predict_labels(detector, [s.text for s in samples])
    rep = report([s.label for s in samples], pred)
    return rep, format_report(rep)


def evaluate_paths(detector: Detector, paths: Iterable[str | Path]) -> tuple[dict, str]:
    return evaluate(detector, dedupe(read_paths(paths)))


def _name(code: str) -> str:
    try:
        return type_name(code)
    except KeyError:
        return code


def format_report(rep: dict) -> str:
    b = rep["binary"]
    lines = [
        f"样本数 {rep['n']}    诈骗/正常二分类：精确率 {b['precision']:.4f}  "
        f"召回率 {b['recall']:.4f}  F1 {b['f1']:.4f}",
        f"正常文本误报率 {rep['fp_rate_normal']}    各类宏平均F1 {rep['macro_f1']:.4f}",
        "",
        f"{'类型':<14}{'精确率':>8}{'召回率':>8}{'F1':>8}{'检出率':>8}{'样本数':>8}",
    ]
    for code, m in rep["per_type"].items():
        det = rep["detection_recall"].get(code, "")
        lines.append(
            f"{_name(code):<14}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}{det!s:>10}{m['support']:>9}"
        )
    lines += ["", "混淆矩阵（行：真实，列：预测）", "\t".join(["", *rep["per_type"].keys()])]
    for g, row in rep["confusion"].items():
        lines.append("\t".join([g, *(str(v) for v in row.values())]))
    return "\n".join(lines)
