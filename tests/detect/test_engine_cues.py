"""Cue rules: table-driven, with evasion variants and hard negatives."""

import pytest

from fanzha.detect.engine.cues import HINT_CHARS, cue_text, find_type_hints
from fanzha.detect.engine.normalize import normalize


def fired(text: str) -> set[str]:
    return {h.cue for h in cue_text(text) if h.strength != "benign"}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("请把验证码发给我，我帮你取消扣费", "verification_code_request"),
        ("请把验 证 码发给我", "verification_code_request"),
        ("请把驗證碼告訴我", "verification_code_request"),
        ("把验证玛报给我们客服", "verification_code_request"),
        ("稍后您会收到一条验证短信，把里面的六位数字告诉我", "verification_code_request"),
        ("你涉嫌洗钱，把钱转到安全账户", "safe_account"),
        ("把钱转到安-全-账-户", "safe_account"),
        ("把钱转到ＡＢ安全賬戶", "safe_account"),
        ("你要把名下存款全部转到App里显示的核查专户", "safe_account"),
        ("这个过程不能告诉你的室友和父母", "secrecy"),
        ("也不能去派出所询问，地方派出所没有权限", "secrecy"),
        ("下载腾讯会议，打开屏幕共享", "remote_control"),
        ("这里是市公安局，你涉嫌洗钱，需要把存款转入指定账户", "police_transfer"),
        ("恭喜中奖，领取前需缴纳个人所得税", "fee_first"),
        ("点赞关注就能拿佣金，日结", "click_farming"),
        ("需要注销你的校园贷，不然影响征信", "credit_threat"),
        ("我是你领导，先帮我转两万到这个账户", "acquaintance_money"),
        ("你儿子出车祸了，快打钱做手术", "relative_emergency"),
        ("退款需要先从借呗借出备用金", "refund_loan"),
        ("亲爱的，这个投资平台稳赚不赔", "investment_promise"),
        ("这个项目预期年化回报率在百分之二十到三十之间", "investment_promise"),
        ("最近我们的投资项目收益率非常可观", "investment_promise"),
        ("每个月的回报率能到百分之八到十", "investment_promise"),
        ("跟着导师做黄金，每天稳定百分之五左右", "investment_promise"),
        ("这款私募产品年化高达36%，名额有限", "investment_promise"),
        ("质押后每天发放静态收益，直推一位新合伙人另得百分之十", "investment_promise"),
        ("很多老人吃了三个月，降压药都停了", "health_products"),
        ("请点击 http://ccb-safe-verify.com.cn.xyz/login 完成验证", "fake_official_site"),
        ("核查入口：https://etax-chinatax.gov-cn.vip/check", "fake_official_site"),
        ("登录后需填写身份证号码、银行卡号、预留手机号及短信验证码", "link_card_details"),
        ("理赔款需要您先转账到我们的核验账户", "refund_loan"),
        ("我被一些不明身份的人扣押了，他们要你转账五万才放人", "relative_emergency"),
        ("你儿子现在在我们手上，准备好五万块钱", "relative_emergency"),
        ("李华现在情况很紧急，他被一伙人控制了，他们要求我们支付一笔钱才能放了他", "relative_emergency"),
        ("你儿子在外面遇到了大麻烦，把人车撞了，对方要三万私了", "relative_emergency"),
        ("你朋友现在被我们控制了，他欠了钱，马上准备三万块", "relative_emergency"),
        ("想要你女儿平安回来，就准备二十万现金", "relative_emergency"),
        ("钱打过来我们才会放人", "relative_emergency"),
        ("不许报警，一个小时内把钱转过来", "relative_emergency"),
        ("我是您儿子的朋友，他刚刚出事了。他现在很危险，需要一笔钱来解决", "relative_emergency"),
        ("恭喜您在大乐透抽奖活动中荣获头奖", "prize"),
        ("您中得了一等奖，奖金五百万元", "prize"),
        ("兼职打字员，入职先交押金", "job_deposit"),
    ],
)
def test_cue_fires(text: str, cue: str) -> None:
    assert cue in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "【工商银行】您的验证码为123456，请勿告诉他人。",
        "验证码845512，切勿将验证码告知他人，工作人员不会向您索要。",
        "凡是要求转入安全账户的都是诈骗。",
        "警方提醒：不要把验证码告诉任何人。",
        "【顺丰】您的快递已到达驿站，凭取件码领取。",
        "明天上午九点在三楼会议室开会。",
        "【某银行】本行稳健理财产品业绩比较基准年化收益率3.2%，详询网点。",
        "您的车辆被依法扣押，请携带证件到交警大队处理。",
        "孩子在我们手上玩得很开心，放学我送他回家。",
        "借呗日利率低至0.02%，按日计息，随借随还。",
        "本行信用卡分期年化利率18%，可提前还款。",
        "我同学遇到点麻烦，电脑坏了，论文还没交，我借他钱修一下。",
        "该债券基金近一年年化收益4.5%，过往业绩不代表未来表现。",
        "请勿把短信里的数字告诉他人，银行工作人员不会索要。",
        "退款会原路退回到您付款的微信零钱里，一到三个工作日到账。",
        "请认准官网 www.ccb.com 和 www.chinatax.gov.cn，不要点击短信里的陌生链接。",
        "请勿在任何网页填写银行卡号和密码。",
        "聊天没多久就叫老公老婆，随后谈起投资理财或者让你到某个平台充值的，基本可以判定为诈骗。",
        "我把钱就放了抽屉里，你回来自己拿。",
        "我儿子上周住院了。我今天去医院交了押金，钱是我自己出的。",
        "想要身体平安，每年体检的钱不能省。",
    ],
)
def test_hard_negatives_do_not_fire_strong_cues(text: str) -> None:
    strong = {h.cue for h in cue_text(text) if h.strength == "strong"}
    assert strong == set()


def test_span_points_into_original_text() -> None:
    text = "喂，请把驗 證 玛發給我"
    hit = next(h for h in cue_text(text) if h.cue == "verification_code_request")
    assert text[hit.start : hit.end] == hit.text
    assert "驗 證 玛" in hit.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("加我薇信", "加我微信"),
        ("加我V信", "加我微信"),
        ("加扣扣", "加qq"),
        ("用zfb付", "用支付宝付"),
        ("ＡＢＣ１２３", "abc123"),
    ],
)
def test_normalize_variants(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_prefilter_gives_the_same_hits_as_running_every_rule() -> None:
    import random

    from fanzha.detect.engine.cues import find_cues, find_cues_all_rules
    from fanzha.detect.engine.synth import generate

    texts = [s.text for s in generate(seed=3)][::5]
    texts += ["请把验证码发给我，我是淘宝客服帮你退款", "现在不方便接电话，加我新微信", "日收益5%，稳赚"]
    rng = random.Random(0)
    texts += [
        "".join(rng.choice("安全账户验证码转账把我是总扫加私日 ，。") for _ in range(30)) for _ in range(200)
    ]
    for text in texts:
        norm = normalize(text)
        assert find_cues(norm) == find_cues_all_rules(norm), text


def test_separator_dropping_matches_reference() -> None:
    import random

    from fanzha.detect.engine.normalize import _drop_separators, _drop_separators_reference

    rng = random.Random(1)
    cases = ["安 全-账*户", "安  全", "安   全", "安    全", "安 。全", "中 - - 文", "丶安 丶 全"]
    cases += [
        "".join(rng.choice("安全 -*.,  账户ab1  、丶") for _ in range(rng.randint(1, 20)))
        for _ in range(2000)
    ]
    for text in cases:
        assert _drop_separators(text) == _drop_separators_reference(text), text


@pytest.mark.parametrize(
    ("text", "benign"),
    [
        ("上周我差点被骗，对方说是快递理赔", "antifraud_education"),
        ("好在我没转，直接挂了去派出所", "antifraud_education"),
        ("写出来给大家提个醒", "antifraud_education"),
        ("险些上当，多亏银行柜员拦住", "antifraud_education"),
        ("上周四我差点把攒了两年的钱交出去", "antifraud_education"),
        ("经审理查明，被告人聂某明知他人利用信息网络实施诈骗", "antifraud_education"),
        ("单先生，这是典型的贷款诈骗。正规贷款不会让您先转钱", "antifraud_education"),
        ("您先别再转了，马上挂断电话", "antifraud_education"),
        ("这张卡现在是一个诈骗团伙的收款账户", None),  # a fake officer's line, not a warning
        ("你们是不是真的客服，我怕这是个诈骗。", None),  # a doubting victim in a scam call
        ("纯属个人经验分享，不荐基，投资有风险", "official_notice"),
        ("以上内容不构成任何投资建议，过往业绩不代表未来表现", "official_notice"),
        ("你放心，这个项目稳赚不赔", None),
        ("转账之后才发现上当了", None),  # a victim who lost the money did not see through it
    ],
)
def test_benign_context_rules(text: str, benign: str | None) -> None:
    found = {h.cue for h in cue_text(text) if h.strength == "benign"}
    assert (benign in found) if benign else not found


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("您好，这里是某某银行客服中心，您的账户有一笔异常转账", {"impersonate_cs"}),
        ("喂，我是京东的售后，您上周买的耳机有问题", {"impersonate_cs"}),
        ("我們這邊是客服中心", {"impersonate_cs"}),  # traditional characters
        ("您好，我是星辉投资公司的李经理，想邀请您了解一个项目", {"investment"}),
        ("我是你的专属理财顾问，今天给你讲讲这只基金", {"investment"}),
        ("我是您儿子的辅导员，现在他遇到了一些麻烦", {"relative_emergency"}),
        ("我是张先生的秘书。张先生现在遇到了非常紧急的情况", {"relative_emergency"}),
        ("他被一些人扣留了，他们说不给钱就不放人", {"relative_emergency"}),
        ("非常不幸地通知您，您的儿子现在被我们控制了", {"relative_emergency"}),
        ("您儿子现在在我手上，他刚刚出了点意外", {"relative_emergency"}),
        ("我们是在婚恋网站上认识的，聊了三个月还没见过面", {"romance"}),
        ("在交友软件上认识的他，说带我一起投资", {"romance"}),
        # who is talking says nothing of the type
        ("我在网上认识了一个做外贸的朋友", set()),
        ("我是你老同学，最近怎么样", set()),
        ("我是您儿子的班主任，下周一开家长会", set()),
        ("客服电话是多少？我想问问快递", set()),
        ("我是市公安局的民警", set()),  # officers are told by the police cues, not by a hint
    ],
)
def test_type_hints(text: str, types: set[str]) -> None:
    assert find_type_hints(normalize(text)) == types


def test_type_hints_read_only_the_opening() -> None:
    text = "你好。" * (HINT_CHARS // 3 + 1) + "这里是银行客服中心"
    assert find_type_hints(normalize(text)) == set()


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("你儿子出车祸了，快打钱做手术", True),
        ("我是您儿子的朋友，他刚刚出事了。他现在很危险，需要一笔钱来解决", True),
        ("我接到电话，对方说我儿子出车祸了，要交手术费", True),  # a victim's account
        ("对方称我的女儿被抓了，要交保释金", True),
        # the speaker's own family: the lover's or fake friend's plea, or a real friend's
        ("我妈突发脑溢血住院了，医院要先交五万押金", False),
        ("我妈妈住院了要交押金，能借我点钱吗", False),
        ("我爸住院交了点钱，手头紧，借我五千周转一下", False),
        ("我的弟弟做完手术我就去看你，把欠你的钱还上", False),
    ],
)
def test_relative_emergency_is_the_listener_s_relative(text: str, fires: bool) -> None:
    assert ("relative_emergency" in {h.cue for h in cue_text(text)}) is fires
