"""The end-to-end scan: input folder → features → scores → flags, victims reached, a report."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import features as F
from . import scoring as S
from .engines import Engine, make_engine
from .schema import ScanInput, validate_input


@dataclass
class ScanResult:
    number_features: pa.Table
    device_features: pa.Table
    scores: pa.Table  # every calling number: number, score, model_p, rule_score, kind
    flags_numbers: pa.Table
    flags_devices: pa.Table
    reached: pa.Table
    report: dict = field(default_factory=dict)


def compute_features(engine: Engine, inp: ScanInput) -> tuple[pa.Table, pa.Table]:
    engine.load(inp)
    for name, sql, materialise in F.STEPS[:-2]:
        engine.create(name, sql, materialise)
    numbers = engine.query(F.STEPS[-2][1] + " ORDER BY number")
    devices = engine.query(F.STEPS[-1][1] + " ORDER BY imei")
    return numbers, devices


def _flag_devices(engine: Engine, dev: pa.Table) -> tuple[pa.Table, dict[str, list[str]]]:
    """Flagged devices with their SIM numbers and cells; returns the member numbers too."""
    flagged = S.score_devices(dev)
    engine.register("flagged_devices", flagged.select(["imei"]))
    members: dict[str, list[str]] = defaultdict(list)
    for imei, number in _pairs(engine, F.DEVICE_SIMS_SQL):
        members[imei].append(number)
    cells: dict[str, list[str]] = defaultdict(list)
    for imei, cell in _pairs(engine, F.DEVICE_CELLS_SQL):
        cells[imei].append(cell)
    imeis = flagged.column("imei").to_pylist()
    table = pa.table(
        {
            "imei": flagged.column("imei"),
            "score": flagged.column("score"),
            "sims": pa.array([";".join(sorted(members[i])) for i in imeis], pa.string()),
            "cells": pa.array([";".join(sorted(cells[i])) for i in imeis], pa.string()),
            "reasons": flagged.column("reasons"),
        }
    )
    return table, members


def _pairs(engine: Engine, sql: str) -> list[tuple[str, str]]:
    t = engine.query(sql)
    return list(zip(t.column(0).to_pylist(), t.column(1).to_pylist(), strict=True))


def _flag_numbers(
    feat: pa.Table,
    tables: set[str],
    members: dict[str, list[str]],
    dev_scores: dict[str, float],
    threshold: float,
    model: S.NumberModel | None,
) -> tuple[pa.Table, pa.Table]:
    score, p, c, hits = S.number_scores(feat, tables, model)
    numbers = feat.column("number").to_pylist()
    box_of = {n: imei for imei, ns in members.items() for n in ns}
    in_box = np.array([n in box_of for n in numbers], bool)
    box_score = np.array([dev_scores.get(box_of.get(n, ""), 0.0) for n in numbers])
    score = np.where(in_box, np.maximum(score, box_score), score) if len(numbers) else score
    kind = S.number_kinds(c, score, in_box, threshold, tables) if len(numbers) else np.array([], str)
    rule, _ = S.rule_hits(c, S.NUMBER_RULES, tables) if len(numbers) else (np.zeros(0), None)
    scores = pa.table(
        {
            "number": feat.column("number"),
            "score": pa.array(np.round(score, 4), pa.float64()),
            "model_p": pa.array(np.round(p, 4), pa.float64()),
            "rule_score": pa.array(np.round(rule, 4), pa.float64()),
            "kind": pa.array(kind, pa.string()),
        }
    )
    keep = np.flatnonzero(kind != "")
    reasons = []
    for i in keep:
        r = S.reasons_for(c, S.NUMBER_RULES, hits, int(i))
        if in_box[i]:
            r.insert(0, f"使用猫池设备 {box_of[numbers[i]]}")
        r.append(f"模型概率 {p[i]:.2f}")
        reasons.append("；".join(r))
    flags = pa.table(
        {
            "number": feat.column("number").take(pa.array(keep, pa.int64())),
            "score": pa.array(np.round(score[keep], 4), pa.float64()),
            "kind": pa.array(kind[keep], pa.string()),
            "reasons": pa.array(reasons, pa.string()),
        }
    ).sort_by([("score", "descending"), ("number", "ascending")])
    return flags, scores


def run_scan(
    input_dir: Path | str,
    engine_name: str = "duckdb",
    threshold: float = S.DEFAULT_THRESHOLD,
    model: S.NumberModel | None = None,
    workdir: Path | None = None,
) -> ScanResult:
    """Validate, compute features on the chosen engine, score and flag."""
    t0 = time.perf_counter()
    inp = validate_input(input_dir)
    engine = make_engine(engine_name, workdir=workdir)
    try:
        num, dev = compute_features(engine, inp)
        t_feat = time.perf_counter()
        flags_devices, members = _flag_devices(engine, dev)
        dev_scores = dict(
            zip(
                flags_devices.column("imei").to_pylist(),
                flags_devices.column("score").to_pylist(),
                strict=True,
            )
        )
        tables = set(inp.tables)
        flags_numbers, scores = _flag_numbers(num, tables, members, dev_scores, threshold, model)
        engine.register("flagged", flags_numbers.select(["number"]))
        reached = engine.query(F.REACHED_SQL + " ORDER BY flagged_number, victim_number")
    finally:
        engine.close()
    report = _report(inp, engine_name, threshold, num, flags_numbers, flags_devices, reached)
    report["seconds"] = {"features": round(t_feat - t0, 2), "total": round(time.perf_counter() - t0, 2)}
    return ScanResult(num, dev, scores, flags_numbers, flags_devices, reached, report)


def _report(
    inp: ScanInput,
    engine: str,
    threshold: float,
    num: pa.Table,
    fn: pa.Table,
    fd: pa.Table,
    reached: pa.Table,
) -> dict:
    kinds = fn.column("kind").to_pylist()
    return {
        "engine": engine,
        "threshold": threshold,
        "input": str(inp.root),
        "files": {t: len(fs) for t, fs in inp.tables.items()},
        "rows": {t: sum(f.rows for f in fs) for t, fs in inp.tables.items()},
        "skipped_files": [{"file": p.file, "column": p.column, "problem": p.message} for p in inp.skipped],
        "numbers_scored": num.num_rows,
        "flagged_numbers": {k: kinds.count(k) for k in sorted(set(kinds))},
        "flagged_devices": fd.num_rows,
        "reached_victims": len(set(reached.column("victim_number").to_pylist())),
    }


def write_outputs(result: ScanResult, out: Path | str) -> list[Path]:
    """flags_numbers / flags_devices / reached as Parquet and CSV, plus scores and the report."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in (
        ("flags_numbers", result.flags_numbers),
        ("flags_devices", result.flags_devices),
        ("reached", result.reached),
    ):
        pq.write_table(table, out / f"{name}.parquet")
        pacsv.write_csv(table, out / f"{name}.csv")
        written += [out / f"{name}.parquet", out / f"{name}.csv"]
    pq.write_table(result.scores, out / "scores_numbers.parquet")
    pq.write_table(result.number_features, out / "features_numbers.parquet")
    pq.write_table(result.device_features, out / "features_devices.parquet")
    (out / "scan_report.json").write_text(json.dumps(result.report, ensure_ascii=False, indent=2) + "\n")
    return [*written, out / "scores_numbers.parquet", out / "scan_report.json"]
