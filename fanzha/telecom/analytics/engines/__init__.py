"""Engines run the shared feature SQL: DuckDB on one machine, Apache Spark on a cluster."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import pyarrow as pa

from ..features import Dialect, normalised, typed_select
from ..schema import INPUT_TABLES, ScanInput, SourceFile

NORMALISED = {"calls": "calls_n", "sms": "sms_n", "subscribers": "subs_n", "sessions": "sessions_n"}


class Engine(ABC):
    """Load the input tables, run feature SQL, hand back Arrow tables."""

    dialect: Dialect

    @abstractmethod
    def relation(self, files: list[SourceFile]) -> str:
        """A FROM-clause item reading a group of files with the same format and time encoding."""

    @abstractmethod
    def create(self, name: str, sql: str, materialise: bool) -> None:
        """Make ``sql`` available under ``name`` (a view, or a computed table)."""

    @abstractmethod
    def query(self, sql: str) -> pa.Table: ...

    @abstractmethod
    def register(self, name: str, table: pa.Table) -> None:
        """Expose a small Arrow table (e.g. the flagged numbers) to SQL."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""

    def load(self, inp: ScanInput) -> None:
        """Create the normalised ``*_n`` views over every usable input file."""
        for table, view in NORMALISED.items():
            files = inp.tables.get(table, [])
            typed = " UNION ALL ".join(
                typed_select(table, self.relation(group), group[0], self.dialect) for group in _groups(files)
            ) or typed_select(table, "", None, self.dialect)
            self.create(view, normalised(table, typed, self.dialect), materialise=False)


def _groups(files: list[SourceFile]) -> list[list[SourceFile]]:
    """Files that one reader call can take together: same format, same time encodings."""
    groups: dict[tuple, list[SourceFile]] = {}
    for f in files:
        groups.setdefault((f.fmt, f.time_sources), []).append(f)
    return list(groups.values())


def make_engine(name: str, workdir: Path | None = None, memory_gb: float = 6.0) -> Engine:
    if name == "duckdb":
        from .duckdb_engine import DuckDBEngine

        return DuckDBEngine(workdir=workdir, memory_gb=memory_gb)
    if name == "spark":
        from .spark_engine import SparkEngine

        return SparkEngine()
    raise ValueError(f"未知的引擎：{name}（可选 duckdb、spark）")


__all__ = ["INPUT_TABLES", "NORMALISED", "Engine", "make_engine"]
