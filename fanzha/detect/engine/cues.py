"""Explainable cue rules in the spirit of the official "凡是…都是诈骗" warnings.

Each rule runs on normalized text (see ``normalize``) and reports the matched span in the
original text. A match is ignored when a warning or negation stands just before it
(``请勿把验证码告诉他人``, ``凡是要求转到安全账户的都是诈骗``): that is how bank notices and
anti-fraud education texts talk about the same things without being fraud.
"""

from __future__ import annotations

import operator
import re
import re._parser as _sre
from dataclasses import dataclass
from functools import lru_cache

from .normalize import Normalized, normalize


def _gap(n: int) -> str:
    """Up to ``n`` characters without crossing a sentence end."""
    return f"[^。！？!?\\n]{{0,{n}}}"


G5, G10, G20, G40 = _gap(5), _gap(10), _gap(20), _gap(40)
# to the end of the sentence and into the next one: in calls the news and the demand come in
# consecutive sentences ("他刚刚出事了。他现在很危险，需要一笔钱")
NEXT_SENTENCE = f"{G40}[。！？!?\\n]{G40}"

MONEY_ACT = "(?:转账|汇款|打款|转钱|打钱|转过去|汇过去|充值|付款|支付|缴纳|交纳|垫付|存入|转入|转到|打到)"
ACCOUNT = "(?:账户|账号|卡号|银行卡|卡上|卡里|这张卡)"
POLICE = "(?:公安局|公安|派出所|刑警|警官|警察|检察院|检察官|法院|法官|经侦|网警|国安|通缉令|逮捕令|拘捕令)"
CRIME = "(?:涉嫌|涉案|洗钱|犯罪|通缉|逮捕|拘留|冻结|立案|传唤|非法集资|贩毒|走私)"
RELATIVE = (
    "(?:儿子|女儿|孩子|老公|老婆|爸|妈|父亲|母亲|孙子|孙女|外孙|侄子|弟弟|妹妹|哥哥|姐姐|"
    "家人|朋友|同学|室友|同事)"
)
# a relative or friend who has had an accident, been arrested or taken to hospital — the listener's,
# not the speaker's own: "我妈住院了，借我点钱" is the script of a lover or a fake friend asking for
# money (romance, acquaintance), or a real friend's, not someone reporting a relative's trouble. A
# victim's account still counts: "对方说我儿子出车祸了" is the news as the caller told it.
NOT_MINE = "(?<!我)(?<!我的)(?<!我妈)(?<!我爸)"
MISHAP = (
    f"(?:{NOT_MINE}{RELATIVE}|(?:说|称)我的?{RELATIVE})"
    f"{G20}(?:出车祸|车祸|出事|住院|急诊|被抓|被拘留|受伤|打伤人|手术)"
)
# Names that official hosts carry (government, tax, banks, payment and shopping platforms, rail)
# and top-level domains those organisations do not use.
OFFICIAL_HOST = (
    "(?:gov|chinatax|etax|ccb|icbc|boc|abchina|bankcomm|cmbchina|psbc|unionpay|95588|95533|95599|"
    "alipay|taobao|tmall|jd|pinduoduo|12306|10086|chinamobile|cpic|chinalife)"
)
ODD_TLD = "vip|xyz|top|cc|icu|shop|club|site|online|live|info|tk|ml|ga|cf|work|buzz|fun|ltd|pw|bid|win|link"
# "冒充…" tells of fraud in a warning ("冒充公检法的会要求…"); "对方冒充…" is a case record or a
# victim's account of what happened, which is the fraud itself
POSING = "(?<!对方)(?:冒充|假冒)"
WARNING_BEFORE = re.compile(
    r"(?:请勿|切勿|不要|不能|勿|谨防|警惕|凡是|不会|绝不|决不|从不|严禁|防范|提醒|识别|小心|谨慎|拒绝|"
    r"不存在|并非|不可|无需|不需要|别|防止|以免|"
    f"{POSING}|所谓|骗子|诈骗分子)"
)

# Words that make a whole sentence reported speech about fraud rather than fraud itself.
REPORTED_SENTENCE = re.compile(
    r"骗子|诈骗分子|不法分子|犯罪分子|嫌疑人|诈骗手法|常见诈骗|典型案例|讲解|宣传|提醒|谨防|凡是|所谓|"
    f"{POSING}|"
    r"判定为诈骗|认定为诈骗|可能是诈骗|就是诈骗|都是骗局"
)


@dataclass(frozen=True)
class Cue:
    code: str
    label: str
    strength: str  # "strong", "weak" or "benign"
    types: tuple[str, ...]
    pattern: re.Pattern[str]
    guarded: bool = True


@dataclass(frozen=True)
class CueHit:
    cue: str
    label: str
    strength: str
    text: str
    start: int
    end: int


def _cue(code: str, label: str, strength: str, types: str, *patterns: str, guarded: bool = True) -> Cue:
    return Cue(code, label, strength, tuple(types.split()), re.compile("|".join(patterns)), guarded)


CUES: tuple[Cue, ...] = (
    _cue(
        "safe_account",
        "要求转入“安全账户”或配合资金清查",
        "strong",
        "impersonate_police fake_credit",
        "安全账户|安全账号|国家账户|监管账户|清查账户|资金清查|资金核查|核查资金|清查资金|资金审查|"
        "核查专户|清查专户|安全专户|资产核查|资产清查",
    ),
    _cue(
        "verification_code_request",
        "索要短信验证码",
        "strong",
        "impersonate_cs fake_credit",
        f"(?:把|将){G10}验证码{G10}(?:告诉|发给|报给|念给|读给|提供给|发过来|发一下|报一下|说一下)",
        f"(?:告诉|报给|念给|读给|提供给|发给)(?:我|我们|客服|工作人员|专员){G10}验证码",
        "验证码(?:是多少|发(?:我|过来)|报(?:一下|给我)|念一下|告诉我)",
        f"短信{G20}(?:数字|代码|号码){G10}(?:告诉|报给|念给|读给|发给)(?:我|我们)",
    ),
    _cue(
        "remote_control",
        "要求下载会议、屏幕共享或远程控制软件",
        "strong",
        "impersonate_police impersonate_cs fake_credit",
        f"(?:下载|安装|打开|开启|使用){G20}(?:屏幕共享|共享屏幕|远程控制|远程协助|视频会议|会议软件|zoom|向日葵|todesk|teamviewer|瞩目|腾讯会议)",
        "(?:开启|打开|点击)(?:屏幕共享|共享屏幕)",
    ),
    _cue(
        "police_identity",
        "自称公检法工作人员",
        "weak",
        "impersonate_police",
        f"(?:我是|这里是|我们是){G10}{POLICE}",
        f"{POLICE}{G10}(?:打电话|来电|通知你|找你)",
        guarded=False,
    ),
    _cue(
        "police_transfer",
        "以涉案调查为由要求转账或提供资金",
        "strong",
        "impersonate_police phone_bill",
        f"{CRIME}{G40}(?:{MONEY_ACT}|资金|存款|保证金)",
        f"{POLICE}{G40}(?:{MONEY_ACT}|保证金|存款)",
    ),
    _cue(
        "secrecy",
        "要求保密、不许告诉家人或挂断电话",
        "weak",
        "impersonate_police relative_emergency",
        f"(?:不要|不许|不能|不准|别)(?:告诉|透露给?|跟|和){G5}"
        "(?:家人|家里人|任何人|其他人|亲友|亲人|父母|爸妈|室友|同学|同事|朋友|银行工作人员)",
        # keeping the victim away from those who would see through it
        "(?:不要|不许|不能|不准|别)(?:去|到)?(?:派出所|公安局|银行|柜台|网点)(?:询问|核实|咨询|问|说)",
        "(?:对|向)(?:家人|任何人)保密",
        "(?:不要|不许|别)挂(?:断)?电话",
        "保密(?:协议|义务)",
        guarded=False,
    ),
    _cue(
        "fee_first",
        "领奖、放款、退款、提现前先交费",
        "strong",
        "prize fake_loan game_trade tax_refund investment",
        f"(?:中奖|奖金|奖品|补贴|退款|贷款|放款|借款|解冻|提现|出金|理赔|退税|领取|激活){G40}(?:手续费|保证金|解冻金|解冻费|激活费|个人所得税|税费|公证费|工本费|验资|刷流水|会员费|服务费|认证费|风险金)",
        f"(?:手续费|保证金|解冻金|解冻费|激活费|个人所得税|公证费|验资费|服务费|认证费)(?:后|才能|即可){G20}(?:放款|到账|提现|领取|退款|解冻)",
    ),
    _cue(
        "click_farming",
        "刷单、点赞、做任务赚佣金",
        "strong",
        "click_farming job_deposit",
        "刷单|刷信誉|刷销量|刷流水|补单|刷好评|做单返|连单|卡单|做一单结一单|一单一结",
        f"(?:点赞|好评|关注|评论){G20}(?:一单|每单|一天轻松|日赚)",
        f"(?:点赞|关注|收藏|评论|做任务|接任务|领任务|抢单){G20}(?:返|佣金|提成|赚|红包|奖励|日结)",
    ),
    _cue(
        "task_rebate",
        "先小额返利再要求垫付",
        "strong",
        "click_farming job_deposit",
        f"(?:垫付|本金){G20}(?:返还|返利|佣金|提成)",
        f"返还{G10}本金",
        "(?:高额|丰厚)(?:佣金|回报|返利)",
        "日结佣金|轻松日赚|动动手指|在家就能赚",
        guarded=False,
    ),
    _cue(
        "investment_promise",
        "承诺高收益、稳赚不赔或内幕消息",
        "strong",
        "investment romance elderly_health",
        "稳赚不赔|稳赚|保本保息|保本高收益|包赚|只赚不赔|零风险|无风险|稳定收益|翻倍|内幕消息|内部消息|带单|荐股|拉升|抄底|必涨",
        f"(?:日|月|周)收益{G5}\\d+%?",
        # a monthly, weekly or daily return quoted in per cent (a year's 3 % stays quiet)
        f"(?:每月|每个月|每天|每周|月|日|周)的?(?:收益|回报|分红|利润)率?{G10}(?:百分之[一二三四五六七八九十]|[1-9]\\d?(?:\\.\\d+)?%)",
        f"(?:收益|回报|利润)(?:率)?{G10}(?:高达|超过|至少)",
        "高额(?:回报|收益|利润|返利)",
        "(?:收益|回报)率?(?:非常|特别|相当|很)?(?:可观|丰厚)",
        # 20 % and more: a bank's 年化收益率 3.2 % stays quiet
        f"(?:收益|回报)率?{G10}(?:百分之[二三四五六七八九]十|[2-9]\\d(?:\\.\\d+)?%)",
        "导师(?:带|指导)|老师带",
        f"(?:每天|每日)(?:稳定|固定|保底|至少|都有){G5}(?:百分之[一二三四五六七八九十]|[1-9](?:\\.\\d+)?%)",
        # pyramid ("资金盘") wording: static and referral returns, recruiting a down-line
        "(?:静态|动态)(?:收益|奖励|分红)|直推(?:奖|收益|一位|一个|新)|发展下线|拉人头",
        # a yearly return of 15 % and more quoted bare ("年化36%"); a loan's 年化利率 stays quiet
        "年化(?:收益率?|回报率?)?(?:高达|达到|超过|可达|约为|约|在)?(?:1[5-9]|[2-9]\\d|[1-9]\\d\\d)(?:\\.\\d+)?%",
    ),
    _cue(
        "investment_platform",
        "引导在平台或APP投资、博彩、充值",
        "weak",
        "investment romance",
        f"(?:投资|理财|博彩|彩票|虚拟币|数字货币|比特币|usdt|外汇|期货|黄金|原油|股票){G20}(?:平台|app|网站|软件|链接)",
        f"(?:平台|app){G10}(?:充值|入金|出金|提现)",
    ),
    _cue(
        "loan_bait",
        "无抵押、秒批、不看征信等贷款诱饵",
        "weak",
        "fake_loan campus_loan",
        "无抵押|免抵押|无担保|秒批|秒到账|秒下款|黑户可(?:贷|办)|不看征信|低息贷款|免息贷款|快速放款|额度高达",
        guarded=False,
    ),
    _cue(
        "loan_fee",
        "以卡号错误、账户冻结等为由要求交费",
        "strong",
        "fake_loan campus_loan",
        f"(?:卡号|银行卡|账户|账号){G10}(?:错误|填错|异常|被冻结|冻结){G40}(?:{MONEY_ACT}|费用|解冻|保证金|流水)",
        f"(?:贷款|放款|借款|额度){G20}(?:先交|缴纳|支付|转入){G10}(?:费|金)",
    ),
    _cue(
        "credit_threat",
        "以注销校园贷、影响征信为由诱导操作",
        "strong",
        "fake_credit",
        f"注销{G10}(?:校园贷|学生贷|学生账户|贷款账户|金条|白条|借呗|花呗|微粒贷|账户)",
        f"(?:影响|损害|修复|消除|洗白|清除|关闭){G5}(?:个人)?(?:征信|信用记录)",
        f"(?:征信|信用记录){G10}(?:不良|受损|有污点|受影响|会受到影响|有问题|修复|消除|洗白|清除)",
    ),
    _cue(
        "acquaintance_money",
        "自称领导、熟人并要求转账或借钱",
        "strong",
        "impersonate_acquaintance",
        f"(?:我是你|我是|猜猜我是谁|我是你的){G5}(?:领导|老板|老同学|同学|表哥|表姐|表弟|舅舅|叔叔|阿姨|校长|老师|局长|书记|主任|处长|经理|总){G40}(?:借|{MONEY_ACT}|急用|周转|帮我|垫)",
        f"(?:领导|老板|局长|书记|主任|校长|老师|总)(?:让|叫|要)你{G20}(?:{MONEY_ACT}|垫付|打到)",
    ),
    _cue(
        "new_account_contact",
        "自称换号、换微信或不方便接电话",
        "weak",
        "impersonate_acquaintance",
        "(?:换了?|新的?)(?:手机)?号(?:码)?了|这是我新(?:号|微信|qq)|加我(?:新)?(?:微信|qq)|(?:现在)?不方便(?:接|打)电话|明天(?:上午)?(?:来|到)我办公室",
        guarded=False,
    ),
    _cue(
        "urgent_transfer",
        "以紧急情况为由催促立即转账",
        "weak",
        "impersonate_acquaintance relative_emergency",
        f"(?:马上|立刻|立即|尽快|赶紧|急需|急用){G10}{MONEY_ACT}",
        f"{MONEY_ACT}{G10}(?:马上|立刻|越快越好|来不及)",
    ),
    _cue(
        "relative_emergency",
        "谎称亲友出事、被绑架并索要钱款",
        "strong",
        "relative_emergency",
        "(?:绑架|被绑|撕票|赎金)",
        f"(?:被|把我){G20}(?:扣押|扣住|扣下|关起来|控制住){G40}(?:{MONEY_ACT}|钱|赎)",
        f"{RELATIVE}{G10}(?:在我们手上|在我手上|在我们手里|被我们带走|被我们带到|被我们抓){G40}"
        f"(?:{MONEY_ACT}|钱|万|赎|平安|安全|撕票)",
        f"{MISHAP}{G40}(?:{MONEY_ACT}|医药费|手术费|赔偿|保释金|押金|钱)",
        # the same over two sentences only with a demand ("我去医院交了押金" is no demand)
        f"{MISHAP}{NEXT_SENTENCE}(?:需要|要|得|赶紧|马上|快|请)(?:您|你)?{G10}"
        f"(?:{MONEY_ACT}|一笔钱|医药费|手术费|赔偿|保释金|押金)",
        # someone else held or in trouble, and money to get them out: "他被一伙人控制了，要我们付钱才放人",
        # also told by the holders themselves: "李明现在被我们控制了……马上准备三万块钱"
        f"被{G5}(?:人|一伙人|几个人|混混|黑社会|对方|我们|他们)(?:控制|拦住|扣|关|抓|打|带走)了?{G40}"
        f"(?:{MONEY_ACT}|钱|赎|放人|放了)",
        # the ransom's threat or promise: "想要他平安就打钱", "钱到了才能保证他的安全", "不许报警"
        f"(?:想要|要想|想让|要是想)(?:你的?)?(?:他|她|人|{RELATIVE})?(?:平安|安全|没事|活着|回来){G20}(?:{MONEY_ACT}|钱|万)",
        f"(?:{MONEY_ACT}|钱|万){G20}(?:才能|才会|就会|就)(?:放人|放了?(?:他|她|你)|(?:保证|确保)(?:他|她)的?安全)",
        f"(?:不许|不准|敢)报警{G40}(?:{MONEY_ACT}|钱|万|赎|撕票|后果)",
        f"{RELATIVE}{G10}(?:遇到|惹上|碰到|摊上)了?(?:一些|一点|大|点)?麻烦{G40}(?:{MONEY_ACT}|赔偿|私了|赎金|放人)",
    ),
    _cue(
        "refund_loan",
        "退款理赔需要借贷、备用金或转账",
        "strong",
        "impersonate_cs",
        # not any payment word: a real refund is "原路退回到您付款的账户"
        f"(?:退款|理赔|赔偿|赔付|退货|退钱|补偿){G40}(?:备用金|借呗|花呗|微粒贷|京东金条|贷款|借款|额度|扫码|二维码)",
        f"(?:退款|理赔|赔偿|赔付|退货|退钱|补偿){G40}(?:转账|汇款|打款|转钱|打钱)(?:到|给|至)?(?:我们|我|指定|对公|这个|以下|核验|验证)",
    ),
    _cue(
        "cancel_service",
        "关闭会员、百万保障或自动扣费",
        "strong",
        "impersonate_cs fake_credit",
        f"(?:关闭|取消|注销|解除){G10}(?:百万保障|会员服务|会员|自动续费|自动扣费|扣费服务|代理商|分期)",
        f"(?:百万保障|会员){G20}(?:每月|每年)?{G5}扣费",
    ),
    _cue(
        "cs_compensation",
        "自称客服称商品丢失、质量问题要赔偿",
        "weak",
        "impersonate_cs",
        f"(?:客服|快递|物流|淘宝|京东|拼多多|抖音|电商|商家){G40}(?:丢失|损坏|质量问题|有问题|不合格|召回|双倍赔偿|三倍赔偿|理赔)",
    ),
    _cue(
        "account_abnormal",
        "称账户异常并要求提供信息核实",
        "weak",
        "impersonate_cs",
        f"(?:账户|账号|银行卡){G10}(?:异常|风险|被盗|被冻结|可疑交易|异常交易){G40}(?:提供|核实|验证|确认){G20}(?:身份证|卡号|密码|验证码|姓名|信息)",
    ),
    _cue(
        "link_card_details",
        "通过链接索要银行卡、密码或身份信息",
        "strong",
        "impersonate_cs",
        f"(?:点击|打开|登录|进入){G10}(?:链接|网址|网站|网页){G40}(?:银行卡|卡号|密码|身份证|验证码|有效期|cvv)",
        # card number together with its password or a one-time code: no real notice asks for both
        f"(?:填写|输入|提供|告诉我|发给我|报一下){G20}(?:银行卡号|卡号){G20}(?:密码|验证码|动态码|有效期|cvv)",
    ),
    _cue(
        "fake_official_site",
        "仿冒政府、银行或平台网址",
        "strong",
        "impersonate_cs impersonate_police tax_refund",
        # an official name inside a host that does not end where the official sites are
        rf"\b[a-z0-9-]*{OFFICIAL_HOST}[a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{ODD_TLD})\b",
        r"\b[a-z0-9-]*(?:gov|com|org)-cn\b",
    ),
    _cue(
        "romance_money",
        "网恋对象谈钱或带投资",
        "strong",
        "romance",
        f"(?:亲爱的|宝贝|老公|老婆|男朋友|女朋友|网恋|交友|婚恋|相亲|约会|见面|恋爱){G40}(?:投资|平台|充值|博彩|彩票|理财|{MONEY_ACT}|借钱)",
    ),
    _cue(
        "game_trade",
        "游戏账号、装备、皮肤私下交易",
        "weak",
        "game_trade",
        f"(?:游戏|账号|装备|皮肤|点券|金币|道具){G20}(?:交易|出售|收购|买卖|低价|折扣|代充|解冻|保证金|交易平台)",
    ),
    _cue(
        "prize",
        "称中奖或获得奖品",
        "weak",
        "prize",
        f"(?:恭喜|幸运){G20}(?:中奖|获得|抽中|被选中)",
        f"(?:中了|抽中|获得|荣获|中得|赢得){G10}(?:大奖|头奖|奖金|[一二三特]等奖|奖品)",
        f"(?:彩票|大乐透|双色球|抽奖活动){G20}(?:中奖|头奖|大奖|[一二三特]等奖)",
        "(?:您|你)(?:真的)?中奖了",
    ),
    _cue(
        "tax_refund",
        "以退税、补贴为由办理",
        "weak",
        "tax_refund",
        f"(?:购车|购房|车辆购置|个税|税务){G10}(?:退税|补贴|返还)",
        f"退税{G20}(?:atm|网银|操作|手续)",
    ),
    _cue(
        "phone_bill",
        "称电话欠费或被冒用办卡",
        "weak",
        "phone_bill",
        f"(?:电话|手机|话费|宽带){G10}(?:欠费|停机){G20}(?:按|转|人工|公安)",
        f"(?:身份|身份证){G10}被(?:冒用|盗用)",
    ),
    _cue(
        "job_deposit",
        "兼职招聘先交押金、保证金或培训费",
        "strong",
        "job_deposit",
        f"(?:兼职|招聘|工作|岗位|入职|面试){G40}(?:押金|保证金|培训费|服装费|入职费|体检费|会员费)",
    ),
    _cue(
        "health_products",
        "夸大功效的保健品或养老项目",
        "weak",
        "elderly_health",
        "包治百病|根治|特效药|神药|祖传秘方|降三高|以房养老|养老项目|养老公寓(?:投资|认购)|保健品",
        # a product said to replace medicine: "吃了三个月，降压药都停了"
        "(?:降压药|降糖药|西药)(?:都|全)?(?:停了|不用吃了)|疏通血管|软化血管",
    ),
    _cue(
        "offplatform_deal",
        "诱导脱离平台私下交易",
        "weak",
        "fake_shopping game_trade",
        f"(?:加|私)(?:我|他)?{G5}(?:微信|qq|好友){G20}(?:交易|购买|下单|付款|便宜)",
        "私下交易|绕过平台|不走平台",
    ),
    _cue(
        "qr_payment",
        "扫码付款或扫码领取",
        "weak",
        "fake_shopping impersonate_cs",
        f"扫{G5}(?:二维码|码){G20}(?:付款|支付|领取|转账|退款|缴纳)",
    ),
    # Benign context: reduces the score; never shown as a reason for fraud.
    _cue(
        "antifraud_education",
        "反诈宣传或提醒语境",
        "benign",
        "",
        "反诈|防骗|防诈|警方提醒|温馨提示|谨防|提高警惕|提高防范|防范意识|凡是|都是诈骗|一律是诈骗|宣传|讲座|宣讲|案例|预警劝阻|民警|反电信",
        # a near miss told afterwards: the teller saw through it (a scam script never says so)
        f"差点(?:就)?{G10}(?:被骗|上当|信了|中招|栽了|栽跟头|交出去|转出去|转过去)|险些(?:被骗|上当)|识破|没(?:有)?上当|"
        "(?:幸亏|幸好|好在|还好)(?:我)?没(?:有)?(?:转|信|汇|给)|给大家提(?:个)?醒|提个醒",
        # a court or police report of a case: the scam is told, not run
        "经审理查明|本院认为|判决如下|公诉机关|被告人|一审判决|犯诈骗罪|以诈骗罪|警情通报",
        # someone stopping a transfer in progress
        "(?:先|千万|请|请您|您)别再转了|不要再(?:转|汇|给他转)|停止转账|"
        # said, not feared: "我怕这是诈骗" is a doubting victim's line (scam calls have many)
        "(?<!怕)(?<!担心)(?<!怀疑)(?<!万一)(?<!觉得)(?<!是不是)这是(?:典型的|一种)?[^，。！？,!?\\n]{0,6}诈骗[。！，,!]",
        guarded=False,
    ),
    _cue(
        "official_notice",
        "机构通知常用语",
        "benign",
        "",
        "请勿(?:泄露|告诉|转发|透露)|切勿泄露|工作人员不会|不会(?:向您)?索要|如非本人操作|回复td|退订回|官方app|官方客服|营业厅|客服热线",
        # disclaimers of fund news and of people sharing their own investing
        "投资有风险|不构成(?:任何)?投资建议|不荐基|过往业绩不(?:代表|预示)",
        guarded=False,
    ),
)

CUE_INDEX: dict[str, int] = {c.code: i for i, c in enumerate(CUES)}
MAX_HITS_PER_CUE = 3

# Type hints: what the opening of a text says about *who* is talking, which is what tells the
# impersonation types apart when the money has not been asked for yet. They are no evidence of
# fraud (a real bank calls as 客服 too), so they stay out of the model and the score and only
# weigh the type of a text already judged fraud (``Detector.type_of``). Read from the opening
# (``HINT_CHARS``), where callers say who they are.
HINT_CHARS = 400
SELF = "(?:我是|这里是|我们是|我这边是|我这里是|我们这边是|我们这里是)"
# a third party: "I am your son's teacher", "I am Mr Zhang's secretary"
THIRD_PARTY = f"{SELF}{G10}的(?:朋友|同事|邻居|秘书|助理|助手|辅导员|老师|班主任|室友|同学|领导|房东)"
TROUBLE = f"(?:遇到|出了|出事|麻烦|紧急情况|意外|急事|被{G5}(?:带走|扣|抓|打|控制|围住))"
TYPE_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("impersonate_cs", re.compile(f"{SELF}{_gap(12)}(?:客服|客户经理|售后|理赔专员|理赔中心)")),
    (
        "investment",
        re.compile(
            f"{SELF}{_gap(15)}(?:投资|理财|金融|资产管理|证券|基金|期货|财富|资本)"
            "(?:公司|顾问|经理|平台|机构|集团|团队|专员|分析师)|(?:投资|理财)顾问|分析师"
        ),
    ),
    (
        "relative_emergency",
        re.compile(
            f"{THIRD_PARTY}{_gap(30)}[。！？!?\\n]?{_gap(30)}{TROUBLE}"
            # the holders' words (not 扣押, 扣留, 关在: in the training material those are mostly a
            # parcel held at customs in customer-service scams; 6–41 % of their texts are this type)
            "|关起来|放人|放我走|放了他|放了你|才肯放|不给钱就|人在我们|在我们手上|在我们手里"
            "|在我手上|在我手里|被我们控制|被我们扣|被我们带走|绑架|撕票|赎金"
        ),
    ),
    # a partner met online (where a "lover" later brings up an investment platform, it is romance)
    (
        "romance",
        re.compile("网恋|交友(?:软件|平台|app|网站)|婚恋|相亲(?:网|平台|app|软件)|征婚|红娘|没见过面|奔现"),
    ),
)


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。！？!?\n") + 1


def _guarded(text: str, start: int) -> bool:
    """A warning just before the match, or a sentence that reports on fraud."""
    sentence = _sentence_start(text, start)
    if WARNING_BEFORE.search(text[max(sentence, start - 12) : start]):
        return True
    ends = [i for i in (text.find(ch, start) for ch in "。！？!?\n") if i >= 0]
    return REPORTED_SENTENCE.search(text[sentence : min(ends, default=len(text))]) is not None


def _literal_prefixes(items: list) -> set[str] | None:
    """Literal strings one of which every match of the parsed pattern ``items`` starts with, or
    None when that cannot be said (the rule then always runs)."""
    prefix = ""
    for k, (op, av) in enumerate(items):
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):  # a look-behind or look-ahead consumes nothing
            continue
        if op is _sre.LITERAL:
            prefix += chr(av)
            continue
        if prefix:
            return {prefix}
        if op is _sre.SUBPATTERN:
            return _literal_prefixes(list(av[3]))
        if op is _sre.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                sub = _literal_prefixes(list(branch))
                if sub is None:
                    return None
                out |= sub
            return out
        if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
            return {chr(a) for _, a in av}
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, _high, inner = av
            first = _literal_prefixes(list(inner))
            if first is None or low >= 1:
                return first
            rest = _literal_prefixes(list(items[k + 1 :]))
            return None if rest is None else first | rest
        return None
    return {prefix} if prefix else None


@lru_cache(maxsize=1)
def _prefilter() -> tuple[tuple[int, frozenset[str]], ...]:
    """For each rule, the one- or two-character starts of the literals its matches begin with.

    Every rule's matches start with one of a few literal strings (derived from the pattern). A
    rule whose starts all miss the text's characters and character pairs cannot match and is
    skipped; rules without a literal start always run (empty key set). The result is exactly
    that of running every rule, at a fraction of the cost on short texts.
    """
    out = []
    for i, cue in enumerate(CUES):
        lits = _literal_prefixes(list(_sre.parse(cue.pattern.pattern)))
        out.append((i, frozenset(lit[:2] for lit in lits) if lits else frozenset()))
    return tuple(out)


def find_cues(norm: Normalized) -> list[CueHit]:
    """All cue hits in ``norm`` with spans in the original text."""
    text = norm.text
    grams = set(text)
    grams.update(map(operator.add, text, text[1:]))
    hits: list[CueHit] = []
    for i, keys in _prefilter():
        if not keys or not keys.isdisjoint(grams):
            hits.extend(_hits_for(CUES[i], norm))
    return hits


def find_cues_all_rules(norm: Normalized) -> list[CueHit]:
    """Reference implementation without the prefilter (used by the tests)."""
    hits: list[CueHit] = []
    for cue in CUES:
        hits.extend(_hits_for(cue, norm))
    return hits


def _hits_for(cue: Cue, norm: Normalized) -> list[CueHit]:
    out: list[CueHit] = []
    for m in cue.pattern.finditer(norm.text):
        if cue.guarded and _guarded(norm.text, m.start()):
            continue
        start, end = norm.span(m.start(), m.end())
        out.append(CueHit(cue.code, cue.label, cue.strength, norm.original[start:end], start, end))
        if len(out) >= MAX_HITS_PER_CUE:
            break
    return out


def type_hint_matches(norm: Normalized) -> list[tuple[str, int, int]]:
    """``(type, start, end)`` of the first match of each type hint (``TYPE_HINTS``) in the opening
    of ``norm``; the span indexes the original text."""
    head = norm.text[:HINT_CHARS]
    out = []
    for code, pattern in TYPE_HINTS:
        m = pattern.search(head)
        if m:
            out.append((code, *norm.span(m.start(), m.end())))
    return out


def find_type_hints(norm: Normalized) -> frozenset[str]:
    """The fraud types the opening of ``norm`` points to (``TYPE_HINTS``)."""
    return frozenset(code for code, _, _ in type_hint_matches(norm))


def cue_text(text: str) -> list[CueHit]:
    """Convenience: normalize and match."""
    return find_cues(normalize(text))


@lru_cache(maxsize=1)
def cue_labels() -> dict[str, str]:
    return {c.code: c.label for c in CUES}
