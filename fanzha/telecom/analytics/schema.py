# ruff: noqa: S608  (SQL is assembled from this package's constants and quoted file paths, never user text)
"""Input and output tables of the call-record analytics, and validation of input files.

Inputs live in one folder: a file named after the table (``calls.parquet``, ``calls.csv``) or a
folder of such files (``calls/part-0.parquet``, ``calls/day=2024-03-01/x.csv``, ...). Each file
is checked before a scan; a bad file among good ones is skipped and reported, and a table with
no usable file stops the scan with a message naming the file and the column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

Kind = Literal["text", "int", "float", "bool", "time", "date"]
Format = Literal["parquet", "csv"]
# How a time column is stored in a file: a native timestamp/date, ISO 8601 text, or epoch seconds.
TimeSource = Literal["native", "text", "epoch"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    key: bool = False  # a key column may not be entirely empty


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    required: bool

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _cols(spec: str) -> tuple[Column, ...]:
    """Parse ``"name:kind[!]"`` items; ``!`` marks a key column."""
    out = []
    for item in spec.split():
        name, kind = item.split(":")
        out.append(Column(name, kind.rstrip("!"), key=kind.endswith("!")))  # type: ignore[arg-type]
    return tuple(out)


INPUT_TABLES: dict[str, Table] = {
    "calls": Table(
        "calls",
        _cols(
            "caller:text! callee:text! start_time:time! duration_s:int answered:bool "
            "cell_id:text imei:text imsi:text"
        ),
        required=True,
    ),
    "sms": Table("sms", _cols("sender:text! receiver:text! time:time!"), required=False),
    "subscribers": Table(
        "subscribers",
        _cols(
            "number:text! id_card_hash:text open_date:date carrier:text plan:text arpu_yuan:float status:text"
        ),
        required=False,
    ),
    "sessions": Table("sessions", _cols("number:text! domain:text time:time!"), required=False),
}

OUTPUT_COLUMNS: dict[str, list[str]] = {
    "flags_numbers": ["number", "score", "kind", "reasons"],
    "flags_devices": ["imei", "score", "sims", "cells", "reasons"],
    "reached": ["flagged_number", "victim_number", "calls", "talk_s"],
}

NUMBER_KINDS = ("fraud_caller", "simbox_member", "sleeping_card", "handset_churn")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, worded for the carrier liaison."""

    file: str
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"文件 {self.file}" + (f" 列 {self.column}" if self.column else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    fmt: Format
    rows: int
    time_sources: tuple[tuple[str, TimeSource], ...] = ()

    def time_source(self, column: str) -> TimeSource:
        return dict(self.time_sources).get(column, "text")


@dataclass
class ScanInput:
    """The usable files of each table plus the files that were skipped and why."""

    root: Path
    tables: dict[str, list[SourceFile]] = field(default_factory=dict)
    skipped: list[Problem] = field(default_factory=list)


class InputError(Exception):
    """The input cannot be scanned at all; ``problems`` says why, file by file."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _format_of(path: Path) -> Format | None:
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".csv", ".csv.gz")):
        return "csv"
    return None


def discover(root: Path, table: str) -> list[Path] | None:
    """Files holding ``table`` under ``root``; None when the table is absent altogether."""
    found: list[Path] = []
    present = False
    for fmt in ("parquet", "csv", "csv.gz"):
        single = root / f"{table}.{fmt}"
        if single.is_file():
            present = True
            found.append(single)
    folder = root / table
    if folder.is_dir():
        present = True
        found.extend(p for p in sorted(folder.rglob("*")) if p.is_file() and _format_of(p))
    return found if present else None


# --- reading a file's columns ------------------------------------------------------------


def _relation(con: duckdb.DuckDBPyConnection, path: Path, fmt: Format) -> str:
    p = str(path).replace("'", "''")
    if fmt == "parquet":
        return f"read_parquet('{p}')"
    return f"read_csv('{p}', header=true, all_varchar=true, auto_detect=true)"


def _arrow_kind(t: pa.DataType) -> str:
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        return "native"
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "number"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t):
        return "text"
    return "other"


def _file_columns(path: Path, fmt: Format) -> dict[str, str]:
    """Column name → coarse storage kind (native/number/bool/text/other)."""
    if fmt == "parquet":
        schema = pq.read_schema(path)
        return {f.name: _arrow_kind(f.type) for f in schema}
    con = duckdb.connect()
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {_relation(con, path, fmt)}").fetchall()
    finally:
        con.close()
    return {str(r[0]): "text" for r in rows}


def _check_expr(col: Column, stored: str) -> str | None:
    """SQL that is true for a non-null value that cannot be read as ``col.kind``."""
    q = f'"{col.name}"'
    if col.kind in ("time", "date"):
        if stored == "native":
            return None
        if stored == "number":
            return f"{q} IS NOT NULL AND (TRY_CAST({q} AS DOUBLE) IS NULL)"
        return f"{q} IS NOT NULL AND TRY_CAST({q} AS TIMESTAMP) IS NULL"
    casts = {"int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
    if col.kind in casts and stored in ("text", "other"):
        return f"{q} IS NOT NULL AND TRY_CAST({q} AS {casts[col.kind]}) IS NULL"
    return None


_KIND_WORDS = {
    "int": "整数",
    "float": "数值",
    "bool": "布尔值(true/false/1/0)",
    "time": "时间",
    "date": "日期",
}


def _type_problem(col: Column, stored: str) -> str | None:
    """Types that can never hold the column, whatever the values."""
    if col.kind in ("int", "float") and stored in ("native",):
        return f"类型错误：应为{_KIND_WORDS[col.kind]}，实际是时间类型"
    if col.kind in ("time", "date") and stored == "bool":
        return "类型错误：应为时间（ISO 8601 文本或时间戳），实际是布尔值"
    if col.kind == "bool" and stored == "native":
        return "类型错误：应为布尔值，实际是时间类型"
    if stored == "other" and col.kind != "text":
        return f"类型错误：应为{_KIND_WORDS[col.kind]}"
    return None


def _value_problems(
    path: Path, fmt: Format, table: Table, stored: dict[str, str]
) -> tuple[int, list[Problem]]:
    """Scan the file once: row count, key columns that are all empty, unreadable values."""
    checks = {c.name: _check_expr(c, stored[c.name]) for c in table.columns}
    if fmt == "parquet" and not any(checks.values()):
        return _parquet_null_problems(path, table)
    parts = ["COUNT(*)"]
    for c in table.columns:
        parts.append(f'COUNT("{c.name}")')
        expr = checks[c.name]
        parts.append(f"SUM(CASE WHEN {expr} THEN 1 ELSE 0 END)" if expr else "0")
        parts.append(f'MIN(CASE WHEN {expr} THEN CAST("{c.name}" AS VARCHAR) END)' if expr else "NULL")
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        row = con.execute(f"SELECT {', '.join(parts)} FROM {_relation(con, path, fmt)}").fetchone()
    finally:
        con.close()
    assert row is not None
    n = int(row[0])
    problems: list[Problem] = []
    for i, c in enumerate(table.columns):
        non_null, bad, example = row[1 + 3 * i], int(row[2 + 3 * i] or 0), row[3 + 3 * i]
        if n and c.key and non_null == 0:
            problems.append(Problem(str(path), c.name, f"整列为空（{n} 行全部为空值）"))
        elif bad:
            word = _KIND_WORDS.get(c.kind, c.kind)
            problems.append(Problem(str(path), c.name, f"有 {bad} 个值无法解析为{word}，例如 “{example}”"))
    return n, problems


def _parquet_null_problems(path: Path, table: Table) -> tuple[int, list[Problem]]:
    """Typed Parquet needs no value scan: the footer's null counts tell empty key columns."""
    meta = pq.ParquetFile(path).metadata
    n = meta.num_rows
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    problems = []
    for c in table.columns:
        if not c.key or not n or c.name not in names:
            continue
        idx = names.index(c.name)
        nulls = 0
        for g in range(meta.num_row_groups):
            stats = meta.row_group(g).column(idx).statistics
            if stats is None or not stats.has_null_count:
                nulls = -1
                break
            nulls += stats.null_count
        if nulls == n:
            problems.append(Problem(str(path), c.name, f"整列为空（{n} 行全部为空值）"))
    return n, problems


def check_file(path: Path, table: Table) -> tuple[SourceFile | None, list[Problem]]:
    """Validate one file of ``table``; returns the usable file or the problems found."""
    fmt = _format_of(path)
    assert fmt is not None
    try:
        stored = _file_columns(path, fmt)
    except (duckdb.Error, pa.ArrowException, OSError) as exc:
        return None, [Problem(str(path), None, f"无法读取文件（{_short(exc)}）")]
    missing = [c for c in table.names if c not in stored]
    if missing:
        found = ", ".join(stored) or "无"
        return None, [Problem(str(path), m, f"缺少必需的列（文件中的列：{found}）") for m in missing]
    problems = [
        Problem(str(path), c.name, msg)
        for c in table.columns
        if (msg := _type_problem(c, stored[c.name])) is not None
    ]
    if problems:
        return None, problems
    try:
        rows, problems = _value_problems(path, fmt, table, stored)
    except duckdb.Error as exc:
        return None, [Problem(str(path), None, f"无法读取文件（{_short(exc)}）")]
    if problems:
        return None, problems
    times = tuple((c.name, _time_source(stored[c.name])) for c in table.columns if c.kind in ("time", "date"))
    return SourceFile(path, fmt, rows, times), []


def _time_source(stored: str) -> TimeSource:
    return {"native": "native", "number": "epoch"}.get(stored, "text")  # type: ignore[return-value]


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def validate_input(root: Path | str) -> ScanInput:
    """Check every input file; raise :class:`InputError` when a scan cannot run."""
    root = Path(root)
    if not root.is_dir():
        raise InputError([Problem(str(root), None, "输入目录不存在")])
    result = ScanInput(root)
    fatal: list[Problem] = []
    for table in INPUT_TABLES.values():
        paths = discover(root, table.name)
        if paths is None:
            if table.required:
                fatal.append(
                    Problem(
                        str(root / table.name),
                        None,
                        f"找不到 {table.name} 表（{table.name}.parquet、{table.name}.csv 或同名文件夹）",
                    )
                )
            continue
        if not paths:
            fatal.append(Problem(str(root / table.name), None, "文件夹为空：没有 .parquet 或 .csv 文件"))
            continue
        good, bad = _check_table(paths, table)
        if not good:
            fatal.extend(bad)
            continue
        result.tables[table.name] = good
        result.skipped.extend(bad)
    if fatal:
        raise InputError(fatal)
    return result


def _check_table(paths: list[Path], table: Table) -> tuple[list[SourceFile], list[Problem]]:
    good: list[SourceFile] = []
    bad: list[Problem] = []
    for path in paths:
        source, problems = check_file(path, table)
        if source is None:
            bad.extend(problems)
        elif source.rows == 0:
            bad.append(Problem(str(path), None, "文件没有数据行，已跳过"))
        else:
            good.append(source)
    return good, bad
