"""Text normalization that defeats common evasion and keeps a map back to the original.

Steps, each keeping for every output character the span ``[start, end)`` it came from:
full-width → half-width and ASCII lower-case; traditional → simplified (OpenCC t2s character
table, one character for one, so spans stay exact); separators inserted inside Chinese words
(``安 全-账*户``) are dropped; homophone and variant spellings (薇信, V信, 扣扣, zfb, 验证玛 …)
are replaced by their canonical form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Variant spellings seen in evasive messages → canonical form. Longer keys win.
VARIANTS: dict[str, str] = {
    "薇信": "微信",
    "威信": "微信",
    "徽信": "微信",
    "危信": "微信",
    "微x": "微信",
    "v信": "微信",
    "vx": "微信",
    "wx": "微信",
    "weixin": "微信",
    "wechat": "微信",
    "卫星号": "微信号",
    "扣扣": "qq",
    "企鹅号": "qq号",
    "球球": "qq",
    "q号": "qq号",
    "zfb": "支付宝",
    "支f宝": "支付宝",
    "支复宝": "支付宝",
    "吱付宝": "支付宝",
    "alipay": "支付宝",
    "验证玛": "验证码",
    "验证吗": "验证码",
    "验正码": "验证码",
    "yzm": "验证码",
    "校验码": "验证码",
    "帐户": "账户",
    "帐号": "账号",
    "账戸": "账户",
    "安全帐": "安全账",
    "银彳亍": "银行",
    "银hang": "银行",
    "yh卡": "银行卡",
    "yhk": "银行卡",
    "贷kuan": "贷款",
    "代款": "贷款",
    "daikuan": "贷款",
    "警查": "警察",
    "捡察": "检察",
    "刷dan": "刷单",
    "shua单": "刷单",
    "兼z": "兼职",
    "jianzhi": "兼职",
    "返俐": "返利",
    "反利": "返利",
    "佣jin": "佣金",
    "转帐": "转账",
    "zhuanzhang": "转账",
    "菠菜": "博彩",
    "投姿": "投资",
    "理cai": "理财",
    "徵信": "征信",
    "征xin": "征信",
    "政信": "征信",
}
# Inside a Chinese word these are noise; between Latin letters or digits they are kept.
_SEPARATORS = frozenset(" \t\u3000-_*·•~|/\\.,'\"`^+=#@!?:;()[]{}<>　、丶")


@dataclass(frozen=True)
class Normalized:
    """Normalized text with, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalized slice ``[start, end)``."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Character table from OpenCC's TSCharacters dictionary (first candidate, loaded once)."""
    path = resources.files("opencc").joinpath("dictionary/TSCharacters.txt")
    table: dict[int, str] = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            target = parts[1].split(" ")[0]
            if len(target) == 1 and target != parts[0]:
                table[ord(parts[0])] = target
    return table


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    table = dict(_t2s_table())
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - 0xFEE0 + 32)
    table.update({ord("，"): "，", ord("＄"): "$", ord("￥"): "¥", ord("＠"): "@"})
    return table


@lru_cache(maxsize=1)
def _variant_re() -> re.Pattern[str]:
    keys = sorted(VARIANTS, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_SEP_CLASS = "[" + "".join(re.escape(c) for c in sorted(_SEPARATORS)) + "]"
_SEP_RUN_RE = re.compile(f"(?<=[\u4e00-\u9fff]){_SEP_CLASS}+(?=[\u4e00-\u9fff])")


def _drop_separators(text: str) -> list[int]:
    """Indices of characters to keep: a run of at most three separators between two CJK
    characters is dropped, unless it is two or three plain spaces."""
    if "丶" in text:  # both a separator and a CJK character: the careful version decides
        return _drop_separators_reference(text)
    keep: list[int] = []
    pos = 0
    for m in _SEP_RUN_RE.finditer(text):
        run = m.group()
        if len(run) > 3 or (len(run) > 1 and run.strip(" ") == ""):
            continue
        keep.extend(range(pos, m.start()))
        pos = m.end()
    keep.extend(range(pos, len(text)))
    return keep


def _drop_separators_reference(text: str) -> list[int]:
    """Character-by-character version of ``_drop_separators`` (kept for the tests)."""
    keep: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        if text[i] in _SEPARATORS and keep and _is_cjk(text[keep[-1]]):
            j = i
            while j < n and text[j] in _SEPARATORS:
                j += 1
            run_is_short = j - i <= 3
            if j < n and _is_cjk(text[j]) and run_is_short and text[i:j].strip(" ") != "":
                i = j
                continue
            if j < n and _is_cjk(text[j]) and run_is_short and j - i == 1:
                i = j
                continue
        keep.append(i)
        i += 1
    return keep


def normalize(text: str) -> Normalized:
    """Normalize ``text`` for cue matching and features; see the module docstring."""
    mapped = text.translate(_char_table())
    if len(mapped) != len(text):  # a table entry expanded; fall back to per-character mapping
        mapped = "".join(ch.translate(_char_table())[:1] or ch for ch in text)
    keep = _drop_separators(mapped)
    chars = "".join(mapped[i] for i in keep)
    starts = list(keep)
    ends = [i + 1 for i in keep]
    return _apply_variants(chars, starts, ends, text)


def _apply_variants(chars: str, starts: list[int], ends: list[int], original: str) -> Normalized:
    out: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    pos = 0
    for m in _variant_re().finditer(chars):
        if _inside_latin_word(chars, m.start(), m.end()):
            continue
        out.append(chars[pos : m.start()])
        out_s.extend(starts[pos : m.start()])
        out_e.extend(ends[pos : m.start()])
        repl = VARIANTS[m.group()]
        out.append(repl)
        out_s.extend([starts[m.start()]] * len(repl))
        out_e.extend([ends[m.end() - 1]] * len(repl))
        pos = m.end()
    out.append(chars[pos:])
    out_s.extend(starts[pos:])
    out_e.extend(ends[pos:])
    return Normalized("".join(out), tuple(out_s), tuple(out_e), original)


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    """Short Latin variants (vx, sd, dk, bc …) only count as whole words."""
    key = text[start:end]
    if not key.isascii():
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


_SPEAKER_RE = re.compile(r"(?m)^[ \t]*[^\s：:，。,!?！？]{1,6}[：:]")
_URL_RE = re.compile(
    r"(?:https?://|www\.)[\w./?=&%#~+-]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|top|xyz|vip|cc)\b[\w./?=&%#~+-]*"
)
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_PLACEHOLDER_RE = re.compile(r"digit|url|place|x{2,}|\*{2,}|某某")
_SPACE_RE = re.compile(r"\s+")


def model_text(norm: str) -> str:
    """Text the model sees: speaker labels, links, digits and placeholders collapsed.

    Keeps the model from learning a source's surface habits (``A：`` turn labels, the public
    corpus's DIGIT/URL placeholders) instead of what the message says.
    """
    text = _SPEAKER_RE.sub("", norm) if len(_SPEAKER_RE.findall(norm)) >= 2 else norm
    text = _URL_RE.sub("网址", text)
    text = _PLACEHOLDER_RE.sub("某", text)
    text = _DIGITS_RE.sub("0", text)
    return _SPACE_RE.sub(" ", text).strip()
