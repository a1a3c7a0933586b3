"""Reading labelled text: the public corpora in ../shared/data and a center's own files.

A center's files are CSV, JSONL or .xlsx with a text column (text/content/内容/文本) and a label
column (label/type/fraud_type/类型/标签); labels may be type codes, Chinese names, 0/normal/正常
or the public corpus numbers 1–7.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .normalize import model_text, normalize
from .synth import Sample
from .taxonomy import NORMAL, UnknownLabelError, label_to_code, scene_code

TEXT_COLUMNS = ("text", "content", "内容", "文本", "短信内容", "message")
LABEL_COLUMNS = ("label", "fraud_type", "type", "类型", "标签", "诈骗类型")
FRAUD_WORDS = {"fraud", "诈骗", "spam", "scam"}


class DataError(ValueError):
    """A training or evaluation file that cannot be read."""


def _pick(row: dict, names: Iterable[str]) -> object:
    for name in names:
        if name in row and row[name] not in (None, ""):
            return row[name]
    return None


def _label(row: dict) -> str:
    raw = _pick(row, LABEL_COLUMNS)
    if raw is None:
        raise UnknownLabelError("缺少标签")
    if str(raw).strip().lower() in FRAUD_WORDS:
        code = scene_code(str(row.get("scene", "")))
        if code is None:
            raise UnknownLabelError(f"诈骗样本缺少可识别的类型：{row.get('scene')!r}")
        return code
    return label_to_code(raw)


def rows_to_samples(rows: Iterable[dict], source: str) -> Iterator[Sample]:
    for i, row in enumerate(rows, start=1):
        text = _pick(row, TEXT_COLUMNS)
        if text is None or not str(text).strip():
            continue
        try:
            label = _label(row)
        except UnknownLabelError as exc:
            raise DataError(f"{source} 第{i}行：{exc}") from exc
        kind = "dialogue" if source.endswith(".jsonl") else "sms"
        yield Sample(str(text), label, str(row.get("kind", kind)), source)


def _csv_rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _jsonl_rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path.name} 第{n}行不是有效的JSON") from exc


def _xlsx_rows(path: Path) -> Iterator[dict]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    rows = wb.active.iter_rows(values_only=True) if wb.active else iter(())
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    for values in rows:
        yield dict(zip(header, values, strict=False))
    wb.close()


READERS = {".csv": _csv_rows, ".jsonl": _jsonl_rows, ".json": _jsonl_rows, ".xlsx": _xlsx_rows}


def read_file(path: str | Path) -> list[Sample]:
    p = Path(path)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise DataError(f"不支持的文件类型：{p.name}（支持 CSV、JSONL、XLSX）")
    if not p.is_file():
        raise DataError(f"找不到文件：{p}")
    return list(rows_to_samples(reader(p), p.name))


def read_paths(paths: Iterable[str | Path]) -> list[Sample]:
    """Files, or folders: every readable file below a folder (e.g. ../shared/data)."""
    out: list[Sample] = []
    for raw in paths:
        p = Path(raw)
        files = sorted(f for f in p.rglob("*") if f.suffix.lower() in READERS) if p.is_dir() else [p]
        for f in files:
            out.extend(read_file(f))
    return out


def dedupe(samples: Iterable[Sample]) -> list[Sample]:
    """Drop repeated texts (compared after normalization); a conflicting label keeps the first."""
    seen: set[str] = set()
    out: list[Sample] = []
    for s in samples:
        key = model_text(normalize(s.text).text)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def source_group(sample: Sample) -> str:
    """Coarse source name used for leave-one-source-out evaluation."""
    name = sample.source
    for prefix in ("tft", "teleantifraud", "crosswoz", "kdconv", "lccc"):
        if name.startswith(prefix):
            return prefix
    return name


def is_fraud(label: str) -> bool:
    return label != NORMAL
