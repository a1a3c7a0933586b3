"""Call-record analytics for carriers: find fraud numbers, SIM-box devices and sleeping cards.

Pure Python (no Django). The same feature SQL runs on DuckDB (default) and Apache Spark.
Entry points: :mod:`.cli` (``generate``, ``scan``, ``eval``) and ``python -m fanzha.telecom.analytics``.
"""
