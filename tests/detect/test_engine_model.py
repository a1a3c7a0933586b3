"""Estimator contract, artifact round trip and a small end-to-end train → eval."""

from pathlib import Path

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from fanzha.detect.engine.corpus import read_file
from fanzha.detect.engine.detector import Detector
from fanzha.detect.engine.features import ngram_counts, prepare
from fanzha.detect.engine.model import Artifact, FraudModel, ScoreCombiner, load_artifact, save_artifact
from fanzha.detect.engine.training import evaluate, fit_artifact

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_train.csv"
SMALL = {"n_features": 2**12, "max_iter": 50}


@pytest.fixture(scope="module")
def samples() -> list:
    return read_file(FIXTURE)


def test_labels_in_every_spelling_are_read(samples: list) -> None:
    assert {s.label for s in samples} == {"impersonate_police", "impersonate_cs", "click_farming", "normal"}


def test_fit_returns_self(samples: list) -> None:
    model = FraudModel(**SMALL)
    assert model.fit([s.text for s in samples], [s.label for s in samples]) is model


def test_predict_before_fit_raises() -> None:
    with pytest.raises(NotFittedError):
        FraudModel(**SMALL).predict(["你好"])


def test_init_only_stores_params() -> None:
    model = FraudModel(C=3.0)
    assert model.get_params()["C"] == 3.0
    assert not hasattr(model, "coef_")


def test_deterministic_with_seed(samples: list) -> None:
    texts, labels = [s.text for s in samples], [s.label for s in samples]
    a = FraudModel(random_state=1, **SMALL).fit(texts, labels).predict_proba(texts)
    b = FraudModel(random_state=1, **SMALL).fit(texts, labels).predict_proba(texts)
    assert np.array_equal(a, b)


def test_artifact_round_trip(samples: list, tmp_path: Path) -> None:
    texts, labels = [s.text for s in samples], [s.label for s in samples]
    model = FraudModel(**SMALL).fit(texts, labels)
    save_artifact(Artifact(model, ScoreCombiner(), 0.5), tmp_path / "m.npz")
    loaded = load_artifact(tmp_path / "m.npz").model
    assert list(loaded.predict(texts)) == list(model.predict(texts))


def test_end_to_end_train_then_eval(samples: list) -> None:
    artifact = fit_artifact(samples * 3, seed=0, log=lambda _: None, **SMALL)
    report, text = evaluate(Detector(artifact), samples)
    assert report["binary"]["f1"] >= 0.8
    assert "混淆矩阵" in text


def test_class_weight_survives_round_trip(samples: list, tmp_path: Path) -> None:
    texts, labels = [s.text for s in samples], [s.label for s in samples]
    model = FraudModel(class_weight="balanced", **SMALL).fit(texts, labels)
    save_artifact(Artifact(model, ScoreCombiner(), 0.5), tmp_path / "m.npz")
    loaded = load_artifact(tmp_path / "m.npz").model
    assert loaded.get_params()["class_weight"] == "balanced"
    assert list(loaded.predict(texts)) == list(model.predict(texts))


def test_project_material_covers_conversations() -> None:
    from fanzha.detect.engine.synth import generate

    samples = generate(seed=0)
    kinds = {s.kind for s in samples if s.label == "normal"}
    assert {"callcenter", "talk", "travel", "chat"} <= kinds
    calls = {s.label for s in samples if s.kind == "call"}
    assert {"investment", "prize", "relative_emergency", "impersonate_cs"} <= calls
    assert generate(seed=0) == samples  # seeded


def test_fp_by_source_counts_flagged_normal_texts_per_file() -> None:
    from fanzha.detect.engine.experiments import fp_by_source
    from fanzha.detect.engine.synth import Sample

    samples = [
        Sample("a", "normal", "x", "one"),
        Sample("b", "normal", "x", "one"),
        Sample("c", "prize", "x", "two"),
    ]
    assert fp_by_source(samples, ["prize", "normal", "prize"]) == {"one": 0.5}


def test_fast_scoring_matches_the_sparse_feature_route(samples: list) -> None:
    texts, labels = [s.text for s in samples], [s.label for s in samples]
    model = FraudModel(**SMALL).fit(texts, labels)
    _, prepared, hits = prepare([*texts, "", "。。。"])
    counts = ngram_counts(prepared, model.n_features, model.ngram_max)
    expected = np.asarray((model._feature_matrix(counts, hits) @ model.coef_.T).todense()) + model.intercept_
    assert np.allclose(model._decision(prepared, hits), expected, atol=1e-5)
