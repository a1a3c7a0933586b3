"""Apache Spark engine: the same feature SQL on a cluster (``spark-submit``) or ``local[*]``.

When run under ``spark-submit`` the active session (and its master) is reused; otherwise a
local session is started with at most ``FANZHA_SPARK_MEMORY`` (default 2g) of driver memory.
"""

from __future__ import annotations

import os
from typing import Any

import pyarrow as pa

from ..features import SPARK
from ..schema import SourceFile
from . import Engine

_SESSION: Any = None


def spark_session() -> Any:
    """One Spark session per process (starting a JVM costs seconds)."""
    global _SESSION
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        _SESSION = active
    if _SESSION is None:
        _SESSION = (
            SparkSession.builder.master(os.environ.get("FANZHA_SPARK_MASTER", "local[*]"))
            .appName("fanzha-telecom-scan")
            .config("spark.driver.memory", os.environ.get("FANZHA_SPARK_MEMORY", "2g"))
            .config("spark.sql.shuffle.partitions", os.environ.get("FANZHA_SPARK_PARTITIONS", "8"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate()
        )
    # Same semantics as DuckDB: naive timestamps are wall-clock seconds, x/0 is NULL.
    _SESSION.conf.set("spark.sql.session.timeZone", "UTC")
    _SESSION.conf.set("spark.sql.ansi.enabled", "false")
    _SESSION.sparkContext.setLogLevel("ERROR")
    return _SESSION


def stop_session() -> None:
    """Stop the session this module started (tests, short CLI runs)."""
    global _SESSION
    if _SESSION is not None:
        _SESSION.stop()
        _SESSION = None


class SparkEngine(Engine):
    dialect = SPARK

    def __init__(self) -> None:
        self.spark = spark_session()
        self._n = 0
        self._cached: list[Any] = []

    def relation(self, files: list[SourceFile]) -> str:
        reader = self.spark.read
        paths = [str(f.path) for f in files]
        if files[0].fmt == "parquet":
            df = reader.option("mergeSchema", "true").parquet(*paths)
        else:
            df = reader.option("header", "true").csv(paths)
        self._n += 1
        name = f"raw_{self._n}"
        df.createOrReplaceTempView(name)
        return name

    def create(self, name: str, sql: str, materialise: bool) -> None:
        df = self.spark.sql(sql)
        if materialise:
            df = df.cache()
            self._cached.append(df)
        df.createOrReplaceTempView(name)

    def query(self, sql: str) -> pa.Table:
        return self.spark.sql(sql).toArrow()

    def register(self, name: str, table: pa.Table) -> None:
        cols = table.column_names
        rows = list(zip(*(table.column(c).to_pylist() for c in cols), strict=True))
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType()) for c in cols])
        self.spark.createDataFrame(rows, schema).createOrReplaceTempView(name)

    def close(self) -> None:
        for df in self._cached:
            df.unpersist()
        self._cached.clear()
