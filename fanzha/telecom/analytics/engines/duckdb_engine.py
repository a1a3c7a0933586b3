# ruff: noqa: S608  (SQL is assembled from this package's constants and quoted file paths, never user text)
"""DuckDB engine: streams Parquet/CSV from disk, spills to a temp folder, bounded memory."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from ..features import DUCKDB
from ..schema import SourceFile
from . import Engine


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class DuckDBEngine(Engine):
    dialect = DUCKDB

    def __init__(
        self, workdir: Path | None = None, memory_gb: float = 6.0, threads: int | None = None
    ) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="fanzha-duckdb-", dir=workdir)
        self.con = duckdb.connect(str(Path(self._tmp.name) / "scan.duckdb"))
        self.con.execute(f"SET memory_limit = '{memory_gb:.1f}GB'")
        self.con.execute(f"SET temp_directory = {_quote(Path(self._tmp.name) / 'spill')}")
        self.con.execute("SET preserve_insertion_order = false")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")

    def relation(self, files: list[SourceFile]) -> str:
        paths = "[" + ", ".join(_quote(f.path) for f in files) + "]"
        if files[0].fmt == "parquet":
            return f"read_parquet({paths}, union_by_name = true)"
        return f"read_csv({paths}, header = true, all_varchar = true, union_by_name = true)"

    def create(self, name: str, sql: str, materialise: bool) -> None:
        kind = "TABLE" if materialise else "VIEW"
        self.con.execute(f"CREATE OR REPLACE TEMP {kind} {name} AS {sql}")

    def query(self, sql: str) -> pa.Table:
        return self.con.execute(sql).to_arrow_table()

    def register(self, name: str, table: pa.Table) -> None:
        self.con.register(f"{name}_arrow", table)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
        self.con.unregister(f"{name}_arrow")

    def close(self) -> None:
        self.con.close()
        self._tmp.cleanup()
