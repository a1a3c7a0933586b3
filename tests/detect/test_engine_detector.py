"""The shipped model: loads, flags obvious frauds, passes bank and courier notices."""

import time

import pytest

from fanzha.detect.engine import DetectInputError, load_detector


@pytest.fixture(scope="module")
def detector():
    return load_detector()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "我是市公安局的警官，你的银行卡涉嫌洗钱，马上把存款转到安全账户配合资金清查",
            {"impersonate_police"},
        ),
        (
            "你好，我是淘宝客服，你买的衣服有质量问题，给你三倍理赔，需要先从借呗借出备用金转到我们账户",
            {"impersonate_cs"},
        ),
        ("招聘兼职，手机点赞关注日赚三百，先垫付后返还本金和佣金", {"click_farming", "job_deposit"}),
        (
            "在吗？我是你领导，明天来我办公室。现在不方便接电话，先帮我转两万到这个账户",
            {"impersonate_acquaintance"},
        ),
    ],
)
def test_flags_obvious_frauds(detector, text: str, codes: set[str]) -> None:
    det = detector.detect(text)
    assert det.is_fraud
    assert det.fraud_type in codes
    assert det.reasons


@pytest.mark.parametrize(
    "text",
    [
        "【工商银行】您的验证码为482913，用于登录手机银行，请勿告诉他人。",
        "【顺丰速运】您的快递已到达小区驿站，请凭取件码领取。",
        "【招商银行】您的信用卡本期账单已出，应还款1280元，请按时还款。",
        "警方提醒：凡是要求转账到安全账户的都是诈骗，不要把验证码告诉任何人。",
        # a bare greeting: scam calls open with it, but it says nothing
        "你好",
        "您好",
        "喂，你好",
        "你好，在吗？",
    ],
)
def test_passes_notices(detector, text: str) -> None:
    assert not detector.detect(text).is_fraud


def test_lookup_marks_known_indicator_and_lifts_score(detector) -> None:
    text = "有事联系13800138000"
    det = detector.detect(text, lookup=lambda pairs: {p for p in pairs if p[1] == "13800138000"})
    assert det.indicators[0].known
    assert det.is_fraud


def test_allow_list_wins_over_lookup(detector) -> None:
    det = detector.detect(
        "请致电95588", lookup=set, allow=lambda pairs: {p for p in pairs if p[1] == "95588"}
    )
    assert not any(i.known for i in det.indicators)


def test_empty_text_is_a_clear_error(detector) -> None:
    with pytest.raises(DetectInputError, match="为空"):
        detector.detect("   ")


def test_huge_text_is_truncated_not_crashing(detector) -> None:
    det = detector.detect("今天天气很好。" * 150_000)
    assert det.truncated


def test_to_dict_matches_jsonl_contract(detector) -> None:
    d = detector.detect("请把验证码发给我，我帮你退款").to_dict("x1")
    assert d["id"] == "x1"
    assert {"cue", "text", "start", "end"} <= set(d["reasons"][0])


def test_model_loads_fast() -> None:
    from fanzha.detect.engine.detector import default_model_path
    from fanzha.detect.engine.model import load_artifact

    started = time.perf_counter()
    load_artifact(default_model_path())
    assert time.perf_counter() - started < 5  # the benchmark measures the real figure (< 2 s)


def test_project_written_other_kinds(detector) -> None:
    """Dialogues without speaker names, narratives, e-mails, posts and legitimate talk."""
    import json
    from pathlib import Path

    from fanzha.detect.engine.synth import Sample
    from fanzha.detect.engine.training import evaluate

    path = Path(__file__).parent / "fixtures" / "heldout_kinds.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    report, _ = evaluate(detector, [Sample(r["text"], r["label"], r["kind"]) for r in rows])
    assert report["binary"]["f1"] >= 0.9
    assert report["fp_rate_normal"] <= 0.1


def test_taobao_verification_code_refund_is_customer_service_scam() -> None:
    from fanzha.detect.engine import load_detector

    det = load_detector().detect("请把验证码发给我，我是淘宝客服帮你退款")
    assert det.is_fraud
    assert det.fraud_type == "impersonate_cs"


def test_type_hint_weighs_the_type_choice(detector) -> None:
    """A hint counts ``HINT_TYPE_BOOST`` times; the probability reported stays unweighted."""
    import numpy as np

    from fanzha.detect.engine.detector import HINT_TYPE_BOOST

    codes = detector.fraud_codes
    row = np.full(len(codes), 0.01)
    row[codes.index("impersonate_police")] = 0.5
    row[codes.index("impersonate_cs")] = 0.5 / HINT_TYPE_BOOST + 0.01
    assert detector.type_of(row)[0] == "impersonate_police"
    code, p = detector.type_of(row, hints={"impersonate_cs"})
    assert code == "impersonate_cs"
    assert p == pytest.approx(row[codes.index("impersonate_cs")])
    # a hint alone does not outweigh a clear lead
    row[codes.index("impersonate_cs")] = 0.5 / HINT_TYPE_BOOST - 0.01
    assert detector.type_of(row, hints={"impersonate_cs"})[0] == "impersonate_police"


def test_a_hint_that_all_but_names_its_type_weighs_more(detector) -> None:
    import numpy as np

    from fanzha.detect.engine.cues import find_type_hints
    from fanzha.detect.engine.detector import HINT_BOOST_BY_TYPE, HINT_TYPE_BOOST
    from fanzha.detect.engine.normalize import normalize

    codes = detector.fraud_codes
    strong = HINT_BOOST_BY_TYPE["relative_emergency"]
    assert strong > HINT_TYPE_BOOST
    row = np.full(len(codes), 0.01)
    row[codes.index("impersonate_acquaintance")] = 0.5
    row[codes.index("relative_emergency")] = 0.5 / strong + 0.01  # under 0.5 / HINT_TYPE_BOOST
    row[codes.index("impersonate_cs")] = 0.5 / strong + 0.01
    assert detector.type_of(row, hints={"relative_emergency"})[0] == "relative_emergency"
    assert detector.type_of(row, hints={"impersonate_cs"})[0] == "impersonate_acquaintance"
    # the kidnappers' words are a hint; a parcel held at customs is not
    assert "relative_emergency" in find_type_hints(normalize("你儿子现在在我们手上，准备二十万赎金"))
    assert "relative_emergency" not in find_type_hints(normalize("您的包裹被海关扣留了，需要缴纳关税"))


def test_detect_passes_the_opening_s_hints_to_the_type_choice(detector, monkeypatch) -> None:
    from fanzha.detect.engine import detector as detector_module

    text = "我是市公安局的警官，你的银行卡涉嫌洗钱，马上把存款转到安全账户配合资金清查"
    assert detector.detect(text).fraud_type == "impersonate_police"
    monkeypatch.setattr(detector_module, "HINT_TYPE_BOOST", 1e6)
    assert detector.detect("我是星辉投资公司的李经理。" + text).fraud_type == "investment"
    assert detector.detect(text).fraud_type == "impersonate_police"  # no hint, no change


def test_type_hint_is_a_reason_only_for_the_type_chosen_on_a_flagged_text(detector) -> None:
    flagged = detector.detect(
        "您好，这里是某某银行客服中心，您的账户有异常交易，请提供验证码，把资金转到安全账户"
    )
    assert flagged.fraud_type == "impersonate_cs"
    hint = [r for r in flagged.reasons if r.get("feature") == "type_hint"]
    assert hint == [{"feature": "type_hint", "text": "这里是某某银行客服", "start": 3, "end": 12}]
    genuine = detector.detect("您好，这里是某某银行客服中心，您的信用卡账单已出，请通过官方App按时还款。")
    assert not genuine.is_fraud
    assert not [r for r in genuine.reasons if r.get("feature") == "type_hint"]
    police = detector.detect(
        "我是星辉投资公司的。我是市公安局的警官，你的银行卡涉嫌洗钱，马上把存款转到安全账户配合资金清查"
    )
    assert police.fraud_type == "impersonate_police"  # the investment hint is outweighed …
    assert not [r for r in police.reasons if r.get("feature") == "type_hint"]  # … and explains nothing


def test_type_choice_among_given_types(detector) -> None:
    import numpy as np

    codes = detector.fraud_codes
    row = np.full(len(codes), 0.01)
    row[codes.index("investment")] = 0.6
    row[codes.index("impersonate_cs")] = 0.2
    assert detector.type_of(row)[0] == "investment"
    code, p = detector.type_of(row, among={"impersonate_cs", "romance"})
    assert (code, p) == ("impersonate_cs", pytest.approx(0.2))


def test_a_case_record_in_the_victim_s_words_is_fraud_and_a_warning_is_not(detector) -> None:
    # "对方冒充…" tells what happened to the teller; "冒充…的会…" warns
    record = detector.detect("对方冒充公安局民警来电称我涉嫌洗钱，要求转到安全账户")
    assert record.is_fraud and record.fraud_type == "impersonate_police"
    assert {"safe_account", "police_transfer"} <= {r.get("cue") for r in record.reasons}
    warning = detector.detect("骗子冒充公安局民警来电称你涉嫌洗钱，要求转到安全账户，这是诈骗。")
    assert not {r.get("cue") for r in warning.reasons} & {"safe_account", "police_transfer"}


def test_the_likely_type_keeps_its_probability_under_the_threshold(detector) -> None:
    det = detector.detect("冒充公安局民警，说我涉嫌洗钱要转到安全账户")
    assert det.likely_type == "impersonate_police"
    assert det.likely_probability > 0.5 and det.type_probability == (
        det.likely_probability if det.is_fraud else 0.0
    )


def test_a_text_too_short_to_judge_is_held_under_the_threshold(detector) -> None:
    from fanzha.detect.engine.detector import SHORT_TEXT_CAP

    for text in ("你好", "喂，你好", "转我5万"):
        assert detector.detect(text).score <= SHORT_TEXT_CAP < detector.threshold
    # as short, but a strong rule fired: judged on its merits
    from fanzha.detect.engine.cues import cue_text
    from fanzha.detect.engine.detector import _too_short

    assert _too_short("你好啊", cue_text("你好啊")) and not _too_short("验证码发我", cue_text("验证码发我"))
    assert not _too_short("你好，我想问一下", [])
    known = detector.detect("13800138000", lookup=lambda pairs: set(pairs))
    assert known.is_fraud  # a known indicator still flags it
