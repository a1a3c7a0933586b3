"""Precision and recall of a scan against planted labels, per kind and as a threshold curve.

Labels file (CSV or Parquet): ``entity`` (number|device), ``id``, ``kind``. Number kinds
``fraud_caller``, ``sleeping_card``, ``simbox_member`` are positives; ``call_center``,
``courier``, ``traveller``, ``elderly`` are hard negatives; numbers not listed are normal.
Device kind ``simbox`` is positive.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

POSITIVE_NUMBER_KINDS = ("fraud_caller", "sleeping_card", "simbox_member")
HARD_NEGATIVE_KINDS = ("call_center", "courier", "traveller", "elderly")


def read_table(path: Path, string_columns: tuple[str, ...]) -> pa.Table:
    """Parquet or CSV with the given columns kept as text (numbers may look like integers)."""
    if path.suffix == ".parquet":
        t = pq.read_table(path)
    else:
        opts = pacsv.ConvertOptions(column_types={c: pa.string() for c in string_columns})
        t = pacsv.read_csv(path, convert_options=opts)
    missing = [c for c in string_columns if c not in t.column_names]
    if missing:
        raise ValueError(f"文件 {path} 缺少列 {', '.join(missing)}")
    return t


def read_labels(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(number → kind, imei → kind)."""
    t = read_table(path, ("entity", "id", "kind"))
    numbers: dict[str, str] = {}
    devices: dict[str, str] = {}
    for e, i, k in zip(*(t.column(c).to_pylist() for c in ("entity", "id", "kind")), strict=True):
        (devices if e == "device" else numbers)[str(i)] = str(k)
    return numbers, devices


@dataclass(frozen=True)
class PR:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


def pr(flagged: set[str], positives: set[str]) -> PR:
    tp = len(flagged & positives)
    return PR(tp, len(flagged) - tp, len(positives) - tp)


def evaluate_numbers(flags: dict[str, str], labels: dict[str, str]) -> dict:
    """flags: number → flagged kind. Returns overall, per-kind and hard-negative figures."""
    positives = {n for n, k in labels.items() if k in POSITIVE_NUMBER_KINDS}
    flagged = set(flags)
    out: dict = {"fraud_numbers": pr(flagged, positives).as_dict(), "by_label_kind": {}, "by_flag_kind": {}}
    for kind in POSITIVE_NUMBER_KINDS:
        members = {n for n, k in labels.items() if k == kind}
        same = {n for n in members if flags.get(n) == kind}
        out["by_label_kind"][kind] = {
            "labelled": len(members),
            "recall": round(len(members & flagged) / len(members), 4) if members else None,
            "same_kind": round(len(same) / len(members), 4) if members else None,
        }
    for kind in sorted(set(flags.values())):
        mine = {n for n, k in flags.items() if k == kind}
        out["by_flag_kind"][kind] = {
            "flagged": len(mine),
            "precision": round(len(mine & positives) / len(mine), 4),
        }
    hard = {n for n, k in labels.items() if k in HARD_NEGATIVE_KINDS}
    out["hard_negatives"] = {
        "count": len(hard),
        "flagged": len(hard & flagged),
        "rate": round(len(hard & flagged) / len(hard), 4) if hard else 0.0,
    }
    for kind in HARD_NEGATIVE_KINDS:
        members = {n for n, k in labels.items() if k == kind}
        out["hard_negatives"][kind] = round(len(members & flagged) / len(members), 4) if members else None
    return out


def curve(scores: dict[str, float], labels: dict[str, str], steps: int = 19) -> list[dict]:
    """Precision and recall of 'score ≥ t' for t = 0.05 … 0.95."""
    positives = {n for n, k in labels.items() if k in POSITIVE_NUMBER_KINDS}
    nums = np.array(list(scores))
    vals = np.array([scores[n] for n in nums]) if len(nums) else np.zeros(0)
    rows = []
    for t in np.linspace(0.05, 0.95, steps):
        r = pr(set(nums[vals >= t].tolist()), positives)
        rows.append(
            {
                "threshold": round(float(t), 2),
                "precision": round(r.precision, 4),
                "recall": round(r.recall, 4),
            }
        )
    return rows


def evaluate(labels_path: Path, flags_path: Path) -> dict:
    """Evaluate a scan output (flags_numbers file, or the scan's output folder)."""
    folder = flags_path if flags_path.is_dir() else flags_path.parent
    if flags_path.is_dir():
        picked = _pick(folder, "flags_numbers")
        assert picked is not None
        flags_path = picked
    labels_n, labels_d = read_labels(labels_path)
    ft = read_table(flags_path, ("number", "kind"))
    flags = dict(zip(ft.column("number").to_pylist(), ft.column("kind").to_pylist(), strict=True))
    result: dict = {"numbers": evaluate_numbers({str(k): str(v) for k, v in flags.items()}, labels_n)}
    dev_file = _pick(folder, "flags_devices", required=False)
    if dev_file is not None:
        dt = read_table(dev_file, ("imei",))
        boxes = {i for i, k in labels_d.items() if k == "simbox"}
        result["devices"] = pr({str(x) for x in dt.column("imei").to_pylist()}, boxes).as_dict()
    scores_file = folder / "scores_numbers.parquet"
    if scores_file.exists():
        st = pq.read_table(scores_file)
        scores = dict(zip(st.column("number").to_pylist(), st.column("score").to_pylist(), strict=True))
        result["curve"] = curve(scores, labels_n)
    return result


def _pick(folder: Path, name: str, required: bool = True) -> Path | None:
    for suffix in (".parquet", ".csv"):
        if (folder / f"{name}{suffix}").exists():
            return folder / f"{name}{suffix}"
    if required:
        raise FileNotFoundError(f"目录 {folder} 中没有 {name}.parquet 或 {name}.csv")
    return None
