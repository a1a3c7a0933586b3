"""Estimator contract, artifact round trip and a small end-to-end train → eval."""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from fanzha.detect.engine.corpus import read_file
from fanzha.detect.engine.detector import Detector
from fanzha.detect.engine.features import ngram_counts, prepare
from fanzha.detect.engine.model import (
    Artifact,
    FraudModel,
    ScoreCombiner,
    fraud_probability,
    load_artifact,
    save_artifact,
)
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


def test_models_of_the_same_texts_can_share_their_hashed_counts(samples: list) -> None:
    _, texts, hits = prepare([s.text for s in samples])
    labels = [s.label for s in samples]
    direct = FraudModel(**SMALL).fit_prepared(texts, hits, labels)
    shared = FraudModel(**SMALL).fit_counts(ngram_counts(texts, 2**12, 3), hits, labels)
    assert np.array_equal(direct.idf_, shared.idf_)
    assert np.allclose(direct.coef_.toarray(), shared.coef_.toarray())


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


def test_training_adds_a_type_model_that_survives_the_round_trip(samples: list, tmp_path: Path) -> None:
    artifact = fit_artifact(samples * 3, seed=0, log=lambda _: None, **SMALL)
    assert artifact.type_model is not None
    assert sorted(artifact.type_model.classes_) == ["click_farming", "impersonate_cs", "impersonate_police"]
    save_artifact(artifact, tmp_path / "m.npz")
    loaded = load_artifact(tmp_path / "m.npz")
    assert loaded.type_model is not None
    texts = [s.text for s in samples]
    before = Detector(artifact).detect_many(texts)
    after = Detector(loaded).detect_many(texts)
    assert [d.fraud_type for d in after] == [d.fraud_type for d in before]
    assert np.allclose([d.type_probability for d in after], [d.type_probability for d in before], atol=1e-2)


def test_type_model_has_an_equal_say_in_the_type(samples: list) -> None:
    artifact = fit_artifact(samples * 3, seed=0, log=lambda _: None, **SMALL)
    assert artifact.type_model is not None
    text = "我是市公安局的警官，你的银行卡涉嫌洗钱，马上把存款转到安全账户"
    _, mtexts, hits = prepare([text])
    main_only = Artifact(
        artifact.model, artifact.combiner, artifact.threshold, fraud_model=artifact.fraud_model
    )
    alone = Detector(main_only).score_prepared(mtexts, hits)
    both = Detector(artifact).score_prepared(mtexts, hits)
    assert np.array_equal(alone[0], both[0])  # the fraud score is the fraud model's alone
    assert not np.allclose(alone[1], both[1]) and np.isclose(both[1].sum(), 1.0)
    # a type model that knows other types than the main model is refused
    other = FraudModel(**SMALL).fit(["甲乙丙", "丁戊己"], ["romance", "prize"])
    with pytest.raises(ValueError, match="same fraud types"):
        Detector(Artifact(artifact.model, artifact.combiner, 0.5, type_model=other))


def test_the_fraud_model_decides_the_score_and_survives_the_round_trip(samples: list, tmp_path: Path) -> None:
    artifact = fit_artifact(samples * 3, seed=0, log=lambda _: None, **SMALL)
    fm = artifact.fraud_model
    assert fm is not None and sorted(fm.classes_) == ["fraud", "normal"]
    texts = [s.text for s in samples]
    with_it = np.asarray([d.score for d in Detector(artifact).detect_many(texts)])
    # without a fraud model (files before format 3) the main model's normal class decides
    older = Artifact(artifact.model, artifact.combiner, artifact.threshold, type_model=artifact.type_model)
    without = np.asarray([d.score for d in Detector(older).detect_many(texts)])
    assert not np.allclose(with_it, without)
    _, mtexts, hits = prepare(texts)
    counts = ngram_counts(mtexts, fm.n_features, fm.ngram_max)
    main_p = 1.0 - artifact.model.proba_prepared(mtexts, hits)[:, artifact.model.normal_index()]
    assert np.allclose(without, artifact.combiner.score(main_p, hits))
    fraud_p = 1.0 - fm.proba_prepared(mtexts, hits)[:, fm.normal_index()]
    both = fraud_probability(artifact.model, fm, counts, hits)
    odds = both / (1 - both)  # the geometric mean of the two models' odds
    assert np.allclose(odds, np.sqrt(main_p / (1 - main_p) * fraud_p / (1 - fraud_p)), rtol=1e-3)
    assert np.allclose(with_it, artifact.combiner.score(both, hits))
    save_artifact(artifact, tmp_path / "m.npz")
    loaded = Detector(load_artifact(tmp_path / "m.npz"))
    assert np.allclose([d.score for d in loaded.detect_many(texts)], with_it, atol=1e-2)
    save_artifact(older, tmp_path / "older.npz")
    assert load_artifact(tmp_path / "older.npz").fraud_model is None


def test_no_type_model_with_a_single_fraud_type(samples: list) -> None:
    one_type = [s for s in samples if s.label in ("normal", "click_farming")]
    artifact = fit_artifact(one_type * 3, seed=0, log=lambda _: None, **SMALL)
    assert artifact.type_model is None
    texts = [s.text for s in one_type]
    proba = artifact.model.predict_proba(texts)  # two classes, two columns
    assert proba.shape == (len(texts), 2) and np.allclose(proba.sum(axis=1), 1.0)
    found = Detector(artifact).detect_many(texts)
    assert {d.fraud_type for d in found} <= {"click_farming", None}
    assert any(d.fraud_type == "click_farming" for d in found)


def test_cue_weights_follow_their_rule_when_the_rule_list_changes() -> None:
    import scipy.sparse as sp

    from fanzha.detect.engine.cues import CUE_INDEX
    from fanzha.detect.engine.model import cue_columns_to_current

    first, second = list(CUE_INDEX)[:2]
    saved = [second, "rule_since_removed", first]  # the order a model file was written with
    n = 4
    coef = sp.csr_matrix(np.asarray([[1.0, 0, 0, 0, 20.0, 30.0, 10.0]], dtype=np.float32))
    moved = cue_columns_to_current(coef, n, saved).toarray()[0]
    assert moved.shape == (n + len(CUE_INDEX),)
    assert moved[0] == 1.0  # n-gram columns stay
    assert moved[n + CUE_INDEX[first]] == 10.0 and moved[n + CUE_INDEX[second]] == 20.0
    assert moved[n + 2 :].sum() == 0.0  # the removed rule's weight is gone; other rules start at 0
    same = sp.csr_matrix(np.ones((1, n + len(CUE_INDEX)), dtype=np.float32))
    assert cue_columns_to_current(same, n, list(CUE_INDEX)) is same


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


def test_written_material_has_known_labels_and_shares_no_passage_with_the_held_out_sets() -> None:
    from fanzha.detect.engine.experiments import OWN_SETS
    from fanzha.detect.engine.normalize import model_text, normalize
    from fanzha.detect.engine.synth import written
    from fanzha.detect.engine.taxonomy import label_to_code

    samples = written()
    assert {s.label for s in samples if s.label != "normal"} and any(s.label == "normal" for s in samples)
    assert all(label_to_code(s.label) == s.label and s.kind and s.text.strip() for s in samples)
    assert all(s.source.startswith("written/") for s in samples)
    # the held-out sets measure text the model has not seen: no 20-character passage in common
    width = 20
    passages = set()
    for s in samples:
        t = model_text(normalize(s.text).text)
        passages.update(t[i : i + width] for i in range(0, max(1, len(t) - width + 1)))
    for path in OWN_SETS.values():
        for line in path.read_text("utf-8").splitlines():
            t = model_text(normalize(json.loads(line)["text"]).text)
            shared = [t[i : i + width] for i in range(0, len(t) - width + 1) if t[i : i + width] in passages]
            assert not shared, (path.name, shared[:1])


def test_messages_retold_as_calls_keep_the_caller_words_and_the_label() -> None:
    from fanzha.detect.engine.synth import Sample, call_variants, phrasebank

    message = "您好，这里是市公安局。您的银行卡涉嫌洗钱！请把存款转到安全账户。"
    samples = [Sample(message, "impersonate_police", "sms", "tft8_label1.csv")] * 40
    samples += [Sample("快递已到驿站。", "normal", "sms"), Sample("长篇叙述。", "romance", "narrative")]
    calls = call_variants(samples, seed=3, share=0.5)
    assert 10 <= len(calls) <= 30 and calls == call_variants(samples, seed=3, share=0.5)
    assert all(c.kind == "call" and c.label == "impersonate_police" for c in calls)
    bank = phrasebank()["dialogue"]
    for call in calls:
        lines = [line.split("：", 1)[-1] for line in call.text.split("\n")]
        if not message.startswith(lines[0]):  # opened with a greeting and an answer
            assert lines[1] in bank["answer"]
            lines = lines[2:]
        caller = "".join(line for line in lines if line not in bank["reply"])
        assert caller == message  # every sentence once, in order, nothing else
        assert len(lines) > 1
    assert not call_variants(samples, seed=3, share=0.0)
    retold = call_variants(samples[-2:], seed=0, share=1.0)
    assert [c.label for c in retold] == ["normal"]  # normal messages too; the narrative stays as it is


def test_fp_by_source_counts_flagged_normal_texts_per_file() -> None:
    from fanzha.detect.engine.experiments import fp_by_source
    from fanzha.detect.engine.synth import Sample

    samples = [
        Sample("a", "normal", "x", "one"),
        Sample("b", "normal", "x", "one"),
        Sample("c", "prize", "x", "two"),
    ]
    assert fp_by_source(samples, ["prize", "normal", "prize"]) == {"one": 0.5}


def test_group_recall_counts_a_type_within_its_main_group() -> None:
    from fanzha.detect.engine.experiments import group_recall

    gold = ["impersonate_cs", "impersonate_cs", "fake_shopping", "click_farming", "romance", "normal"]
    pred = ["fake_shopping", "fake_credit", "impersonate_cs", "job_deposit", "normal", "romance"]
    assert group_recall(gold, pred) == {"impersonate_cs": 0.6667, "click_farming": 1.0, "romance": 0.0}


def test_small_batches_are_hashed_like_the_vectorizer() -> None:
    from fanzha.detect.engine.features import SMALL_BATCH, hasher

    texts = ["", "a", "验证码", "请把  验证码\n\n发给我 ab", "ｘ" * 3, "转账" * 40, "  前后空白  "]
    assert len(texts) <= SMALL_BATCH
    fast = ngram_counts(texts, 2**12, 3)
    reference = hasher(2**12, 3).transform(texts).tocsr()
    assert fast.shape == reference.shape and (fast != reference).nnz == 0
    one = ngram_counts(["abc"], 2**12, 2)
    assert one.sum() == 5  # a, b, c, ab, bc


def test_small_and_large_batches_score_alike(samples: list) -> None:
    from fanzha.detect.engine.features import SMALL_BATCH

    texts, labels = [s.text for s in samples], [s.label for s in samples]
    model = FraudModel(**SMALL).fit(texts, labels)
    batch = (texts * 3)[: SMALL_BATCH + 4]
    _, prepared, hits = prepare(batch)
    together = model.decision_prepared(prepared, hits)  # above SMALL_BATCH: the vectorizer route
    alone = np.vstack([model.decision_prepared([t], [h]) for t, h in zip(prepared, hits, strict=True)])
    assert np.allclose(together, alone, atol=1e-5)
    assert model.decision_prepared([], []).shape == (0, len(model.classes_))


def test_fast_scoring_matches_the_sparse_feature_route(samples: list) -> None:
    texts, labels = [s.text for s in samples], [s.label for s in samples]
    model = FraudModel(**SMALL).fit(texts, labels)
    _, prepared, hits = prepare([*texts, "", "。。。"])
    counts = ngram_counts(prepared, model.n_features, model.ngram_max)
    expected = np.asarray((model._feature_matrix(counts, hits) @ model.coef_.T).todense()) + model.intercept_
    assert np.allclose(model.decision_counts(counts, hits), expected, atol=1e-5)


def test_combiner_keeps_its_signs_whatever_the_calibration_data_say() -> None:
    """Fraud cues may only raise the score and benign context only lower it, even where the
    calibration data would teach otherwise (here: cue hits independent of the label)."""
    from fanzha.detect.engine.cues import CueHit

    rng = np.random.default_rng(0)
    n = 400
    p = rng.uniform(0.05, 0.95, n)
    y = rng.uniform(size=n) < p
    edu = CueHit("antifraud_education", "", "benign", "", 0, 1)
    strong = CueHit("safe_account", "", "strong", "", 0, 1)
    hits = [[edu] if i % 2 else [strong] if i % 3 == 0 else [] for i in range(n)]
    logit, strong_w, weak_w, education_w, notice_w = ScoreCombiner().fit(p, hits, y).weights
    assert logit >= 0.3 and strong_w >= 0.5 and weak_w >= 0.1
    assert education_w <= -0.1 + 1e-9 and notice_w <= -0.1 + 1e-9


def test_sample_weight_pulls_the_fit_towards_the_heavier_texts(samples: list) -> None:
    texts, labels = [s.text for s in samples], [s.label for s in samples]
    plain = FraudModel(**SMALL).fit(texts, labels)
    weights = [5.0 if label == "normal" else 1.0 for label in labels]
    heavy = FraudModel(**SMALL).fit(texts, labels, sample_weight=weights)
    col = list(plain.classes_).index("normal")
    assert heavy.predict_proba(texts)[:, col].mean() > plain.predict_proba(texts)[:, col].mean()


def test_main_model_weighs_normal_and_written_legitimate_texts_more() -> None:
    from fanzha.detect.engine import training
    from fanzha.detect.engine.synth import Sample

    w = training.sample_weights(
        [
            Sample("a", "normal", "sms", "tft5_label0_normal.csv"),
            Sample("b", "normal", "call", "written/legit.jsonl"),
            Sample("c", "impersonate_cs", "call", "written/fraud_calls.jsonl"),
            Sample("d", "impersonate_cs", "sms", "tft8_label3.csv"),
        ]
    )
    n, wn, wf = training.NORMAL_WEIGHT, training.WRITTEN_NORMAL_WEIGHT, training.WRITTEN_FRAUD_WEIGHT
    assert w == [n, n * wn, wf, 1.0]
    assert n > 1 and wn > 1
