# ruff: noqa: S608  (SQL is assembled from this package's constants and quoted file paths, never user text)
"""The generator is reproducible per seed and plants what the docs say it plants."""

from __future__ import annotations

from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from fanzha.telecom.analytics.generator import generate
from fanzha.telecom.analytics.schema import validate_input


def read_all(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): (pq.read_table(p) if p.suffix == ".parquet" else pacsv.read_csv(p))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_tables(tmp_path: Path) -> None:
    generate(tmp_path / "a", 400, 4, 11)
    generate(tmp_path / "b", 400, 4, 11)
    a, b = read_all(tmp_path / "a"), read_all(tmp_path / "b")
    assert a.keys() == b.keys()
    assert all(a[k].equals(b[k]) for k in a)


def test_another_seed_gives_other_calls(tmp_path: Path) -> None:
    generate(tmp_path / "a", 400, 2, 11)
    generate(tmp_path / "b", 400, 2, 12)
    assert not pq.read_table(tmp_path / "a/calls/part-00000.parquet").equals(
        pq.read_table(tmp_path / "b/calls/part-00000.parquet")
    )


def test_output_passes_validation_and_labels_cover_every_kind(small_population: Path) -> None:
    inp = validate_input(small_population)
    assert set(inp.tables) == {"calls", "sms", "subscribers"} and not inp.skipped
    kinds = set(pacsv.read_csv(small_population / "labels.csv").column("kind").to_pylist())
    assert kinds == {
        "elderly",
        "traveller",
        "courier",
        "call_center",
        "fraud_caller",
        "sleeping_card",
        "simbox_member",
        "simbox",
    }


def test_normal_people_answer_about_four_in_five(small_population: Path) -> None:
    import duckdb

    rate = duckdb.sql(
        "SELECT AVG(CASE WHEN answered THEN 1 ELSE 0 END) "
        f"FROM read_parquet('{small_population}/calls/*.parquet') c "
        f"ANTI JOIN read_csv('{small_population}/labels.csv', all_varchar=true) l ON l.id = c.caller"
    ).fetchone()
    assert rate is not None and 0.75 < rate[0] < 0.88


def test_tiny_population_still_generates(tmp_path: Path) -> None:
    rows = generate(tmp_path, 30, 1, 3)
    assert rows["calls"] > 0 and rows["subscribers"] >= 30
