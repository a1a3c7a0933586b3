"""Project-written training material: texts generated from ``data/phrasebank.json`` and whole
texts written by the project (``data/written/*.jsonl``).

Every fraud type is written in several text kinds (SMS, chat, call transcript, victim
narrative, e-mail/long post) and legitimate text in many kinds (notices, verification-code
SMS, marketing, work talk, news, anti-fraud education, everyday chat, service dialogues,
narratives, e-mails). A seeded generator makes the set reproducible.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .taxonomy import NORMAL

FRAUD_KINDS = ("sms", "chat", "call", "narrative", "email")
LEGIT_KINDS = (
    "notice",
    "vcode",
    "marketing",
    "work",
    "news",
    "edu",
    "chat",
    "service",
    "callcenter",
    "talk",
    "travel",
    "narrative",
    "email",
    # a greeting or an acknowledgement on its own ("你好", "在吗？", "收到"): scam calls open with
    # the same words, and without these a bare "你好" scored as fraud
    "short",
)
# Legitimate kinds written more often: conversations about accounts, bills, parcels and money
# are the hard negatives for a detector trained mostly on scam messages.
LEGIT_WEIGHT = {"callcenter": 8, "notice": 2, "chat": 2, "work": 2, "talk": 3, "travel": 2}
_SLOT_RE = re.compile(r"\{(\w+)\}")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
# Source of the whole texts the project wrote (``written``): this prefix and the file's name.
WRITTEN_SOURCE = "written/"
# Share of the short scam messages the type model also learns as call transcripts (``call_variants``).
CALL_SHARE = 0.5


@dataclass(frozen=True)
class Sample:
    text: str
    label: str
    kind: str
    source: str = "synth"


@lru_cache(maxsize=1)
def phrasebank() -> dict:
    text = resources.files("fanzha.detect.engine").joinpath("data/phrasebank.json").read_text("utf-8")
    return json.loads(text)


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fill = phrasebank()["fill"]

    def fill_in(self, template: str) -> str:
        return _SLOT_RE.sub(lambda m: self.rng.choice(self.fill.get(m.group(1), [m.group(0)])), template)

    def pick(self, lines: list[str], k: int = 1) -> list[str]:
        k = min(k, len(lines))
        return [self.fill_in(t) for t in self.rng.sample(lines, k)]

    def one(self, lines: list[str]) -> str:
        return self.pick(lines)[0]


def _sms(w: _Writer, bank: dict) -> str:
    parts = [w.one(bank["open"]), w.one(bank["ask"])]
    if w.rng.random() < 0.5:
        parts.insert(1, w.one(bank["pitch"]))
    if w.rng.random() < 0.4:
        parts.append(w.one(bank["press"]))
    return "".join(parts)


def _turns(w: _Writer, bank: dict) -> list[tuple[bool, str]]:
    turns = [(True, w.one(bank["open"])), (False, w.one(bank["victim"]))]
    pitch = w.pick(bank["pitch"], w.rng.randint(1, 3))
    if len(pitch) > 1 and w.rng.random() < 0.5:  # call-centre scammers talk in long turns
        pitch = [pitch[0] + pitch[1], *pitch[2:]]
    turns += [(True, p) for p in pitch]
    turns += [(False, w.one(bank["victim"])), (True, w.one(bank["ask"]))]
    if w.rng.random() < 0.6:
        turns += [(False, w.one(bank["victim"])), (True, w.one(bank["press"]))]
    return turns


def _chat(w: _Writer, bank: dict) -> str:
    style = w.rng.choice(("plain", "names", "inline"))
    names = (w.one(w.fill["name"]), "我")
    lines = [f"{names[0] if s else names[1]}：{t}" if style == "names" else t for s, t in _turns(w, bank)]
    return (" " if style == "inline" else "\n").join(lines)


def _call(w: _Writer, bank: dict) -> str:
    turns = _turns(w, bank)
    if w.rng.random() < 0.25:  # a call cut short after the opening (hung up, recording ends)
        turns = turns[: w.rng.randint(2, 3)]
    return _transcript(w, turns)


def _transcript(w: _Writer, turns: list[tuple[bool, str]]) -> str:
    """Caller/callee turns as transcript lines, with one of several speaker-label styles or none."""
    labels = w.rng.choice((("A", "B"), ("坐席", "客户"), ("对方", "我"), ("", "")))
    lines = [f"{labels[0] if s else labels[1]}：{t}" if labels[0] else t for s, t in turns]
    return "\n".join(lines)


def _narrative(w: _Writer, bank: dict) -> str:
    intro = w.fill_in(
        w.rng.choice(
            ("我叫{name}，今年{age}岁，是一名{job}。", "报警人{name}，{age}岁，{job}。", "我是{job}，", "")
        )
    )
    when = w.fill_in(w.rng.choice(("{date}，我", "{date}我", "事情是这样的，{date}我", "")))
    steps = bank["story"]
    k = w.rng.randint(min(2, len(steps)), len(steps))
    story = "".join(w.fill_in(steps[i]) for i in sorted(w.rng.sample(range(len(steps)), k)))
    end = w.fill_in(
        w.rng.choice(
            (
                "后来才发现被骗了，一共损失{amount}元。",
                "前后被骗{amount}，现在来派出所报案。",
                "我意识到上当了，总共转出去{amount}。",
                "",
            )
        )
    )
    if when.endswith("我") and story.startswith("我"):
        story = story[1:]
    return intro + when + story + end


def _email(w: _Writer, bank: dict) -> str:
    head = w.rng.choice(
        ("主题：重要通知\n尊敬的用户：\n", "标题：关于您账户的紧急提醒\n您好：\n", "【转发】\n", "")
    )
    body = [w.one(bank["open"]), *w.pick(bank["pitch"], 2), w.one(bank["ask"]), w.one(bank["press"])]
    tail = w.rng.choice(("\n此致\n敬礼", "\n请尽快处理，谢谢配合。", "", "\n如有疑问请回复本邮件。"))
    return head + "\n".join(body) + tail


FRAUD_WRITERS: dict[str, Callable[[_Writer, dict], str]] = {
    "sms": _sms,
    "chat": _chat,
    "call": _call,
    "narrative": _narrative,
    "email": _email,
}


def _legit(w: _Writer, kind: str) -> str:
    legit = phrasebank()["legit"]
    if kind == "service":
        turns = [w.fill_in(t) for t in w.rng.choice(legit["service"])]
        labels = w.rng.choice((("A", "B"), ("客服", "用户"), ("", "")))
        return "\n".join(f"{labels[i % 2]}：{t}" if labels[0] else t for i, t in enumerate(turns))
    if kind == "callcenter":
        parts = legit["service_parts"]
        topic = [w.fill_in(t) for t in w.rng.choice(parts["topics"])]
        topic[0] = w.one(parts["intro"]) + topic[0]
        for i in range(1, len(topic), 2):  # agent turns: sometimes a polite opener first
            if w.rng.random() < 0.3:
                topic[i] = w.one(parts["filler"]) + topic[i]
        turns = [w.one(parts["greet"]), *topic]
        if w.rng.random() < 0.6:
            turns.append(w.one(parts["close"]))
        style = w.rng.choice(("names", "plain", "inline"))
        if style == "names":
            labels = w.rng.choice((("A", "B"), ("客服", "用户"), ("坐席", "客户")))
            return "\n".join(f"{labels[i % 2]}：{t}" for i, t in enumerate(turns))
        return (" " if style == "inline" else "\n").join(turns)
    if kind == "talk":
        lines = legit["talk"][w.rng.choice(sorted(legit["talk"]))]
        k = w.rng.randint(min(4, len(lines)), len(lines))
        turns = [w.fill_in(lines[i]) for i in sorted(w.rng.sample(range(len(lines)), k))]
        return (
            "\n".join(turns)
            if w.rng.random() < 0.7
            else "\n".join(f"{'AB'[i % 2]}：{t}" for i, t in enumerate(turns))
        )
    if kind == "travel":
        travel = legit["travel"]
        turns = []
        for _ in range(w.rng.randint(2, 5)):
            turns += [w.one(travel["ask"]), w.one(travel["answer"])]
        turns += w.pick(travel["close"], 2)
        labels = w.rng.choice((("用户", "客服"), ("A", "B"), ("", "")))
        return "\n".join(f"{labels[i % 2]}：{t}" if labels[0] else t for i, t in enumerate(turns))
    if kind in ("chat", "work"):
        return "\n".join(w.pick(legit[kind], w.rng.randint(1, 4)))
    if kind in ("edu", "news"):
        return "".join(w.pick(legit[kind], w.rng.randint(1, 4)))
    if kind == "narrative":
        return "".join(w.pick(legit["narrative"], w.rng.randint(1, 2)))
    return w.one(legit[kind])


def generate(seed: int = 0, per_kind: int = 40, legit_per_kind: int = 120) -> list[Sample]:
    """Fraud texts for every type and kind plus legitimate texts of every kind."""
    w = _Writer(random.Random(seed))
    out: list[Sample] = []
    for code, bank in phrasebank()["fraud"].items():
        n = per_kind if len(bank["open"]) >= 4 else max(per_kind // 3, 5)
        for kind, writer in FRAUD_WRITERS.items():
            out.extend(Sample(writer(w, bank), code, kind) for _ in range(n))
    for kind in LEGIT_KINDS:
        n = legit_per_kind * LEGIT_WEIGHT.get(kind, 1)
        out.extend(Sample(_legit(w, kind), NORMAL, kind) for _ in range(n))
    return _unique(out)


def written() -> list[Sample]:
    """Whole texts the project wrote (``data/written/*.jsonl``: ``{"label", "kind", "text"}``
    per line): victim narratives, long scam scripts, e-mails and posts, calls without speaker
    names, chats, and legitimate texts that share fraud's vocabulary. Where the phrasebank
    composes texts from interchangeable lines, these vary the way a whole text is told."""
    folder = resources.files("fanzha.detect.engine").joinpath("data/written")
    out: list[Sample] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append(Sample(row["text"], row["label"], row["kind"], f"{WRITTEN_SOURCE}{entry.name}"))
    return out


def as_call(text: str, w: _Writer) -> str:
    """A short message retold as a call: its sentences become the caller's turns, one or
    two at a time, with replies between them that belong to no fraud type (``phrasebank()
    ["dialogue"]``); half the calls open with a greeting and an answer."""
    bank = phrasebank()["dialogue"]
    sentences = [p for p in _SENTENCE_END.split(text) if p.strip()]
    turns: list[tuple[bool, str]] = []
    if w.rng.random() < 0.5:
        turns += [(True, w.one(bank["open"])), (False, w.one(bank["answer"]))]
    i = 0
    while i < len(sentences):
        k = w.rng.randint(1, 2)
        turns.append((True, "".join(sentences[i : i + k]).strip()))
        i += k
        if i < len(sentences) or w.rng.random() < 0.5:
            turns.append((False, w.one(bank["reply"])))
    return _transcript(w, turns)


def call_variants(samples: list[Sample], seed: int = 0, share: float = CALL_SHARE) -> list[Sample]:
    """``share`` of the short messages among ``samples`` retold as calls (``as_call``), same labels.

    Scam messages are most of the fraud material and calls of some types are few, so a type
    model fitted on them learns "sounds like a conversation" as a type of its own (the
    acquaintance type, whose messages are the most conversational). Telling every type's
    messages as calls with the same neutral replies leaves the type to what the caller says."""
    w = _Writer(random.Random(seed))
    return [
        Sample(as_call(s.text, w), s.label, "call", s.source)
        for s in samples
        if s.kind == "sms" and w.rng.random() < share
    ]


def _unique(samples: list[Sample]) -> list[Sample]:
    seen: set[str] = set()
    out: list[Sample] = []
    for s in samples:
        if s.text not in seen:
            seen.add(s.text)
            out.append(s)
    return out
