"""Checks against ../shared/data; skipped when that folder is absent."""

from pathlib import Path

import pytest

from fanzha.detect.engine import load_detector
from fanzha.detect.engine.corpus import read_file
from fanzha.detect.engine.experiments import strip_speakers
from fanzha.detect.engine.synth import Sample
from fanzha.detect.engine.training import evaluate

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"需要共享数据 {path}（../shared/data 不存在，跳过）")
    return path


def test_public_corpus_reads_and_maps_all_labels() -> None:
    samples = read_file(_need(DATA / "fraud" / "tft8_label1.csv"))
    assert len(samples) > 1000
    assert {s.label for s in samples} == {"impersonate_police"}


def test_shipped_model_on_stripped_dialogue_sample() -> None:
    """A sanity check (these files are in the training set); honest figures: experiments.py."""
    rows = read_file(_need(DATA / "dialogues" / "lccc_normal.jsonl"))[:300]
    rows += read_file(DATA / "dialogues" / "teleantifraud_fraud.jsonl")[:100]
    samples = [Sample(strip_speakers(s.text), s.label, s.kind) for s in rows]
    report, _ = evaluate(load_detector(), samples)
    assert report["fp_rate_normal"] <= 0.05
    assert report["binary"]["recall"] >= 0.9
