"""The detect() API: one calibrated fraud score, a fraud type, reasons and indicators."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .cues import CUES, CueHit, find_cues, type_hint_matches
from .extract import Indicator, extract_normalized
from .features import bucket, ngram_counts
from .model import Artifact, FraudModel, fraud_probability, load_artifact, softmax
from .normalize import Normalized, model_text, normalize
from .taxonomy import NORMAL, type_name

MAX_CHARS = 100_000  # longer texts are cut here (documented in docs/detection.md)
KNOWN_FLOOR = 0.9  # a known fraud indicator lifts the score at least to this
MAX_FEATURE_REASONS = 3
CUE_TYPE_BOOST = 2.0  # a fired strong cue doubles the odds of the types it belongs to
HINT_TYPE_BOOST = 3.0  # a type hint, three times: who the text says is talking (``cues.TYPE_HINTS``)
# Hints that all but name the type count more. The kidnappers' words (赎金, 绑架, 在我们手上, 放人)
# and a third party reporting someone's trouble ("我是他的同事，他出了意外") occur in texts of that
# type 91–100 % of the time in the training material, yet the type models, fitted mostly on
# messages, read a short "friend's" call as the acquaintance type. Unseen TeleAntiFraud kidnapping
# calls typed right: 0.873 at ×3, 0.888 at ×6, 0.898 at ×10, the own sets unchanged (a development
# figure: docs/detection.md, the v10 section).
HINT_BOOST_BY_TYPE = {"relative_emergency": 10.0}
# Share of the model's per-class intercepts kept when the type is chosen (see ``score_prepared``).
TYPE_PRIOR_WEIGHT = 0.5
DEFAULT_MODEL = "model-v10.npz"
# A text with fewer letters and digits than this, and no strong rule fired, says too little to be
# judged fraud: its score is held at SHORT_TEXT_CAP. The training material has no scam that short,
# so the model extrapolates there: scam calls open with "你好", and a bare "你好" scored 1.00 (v8),
# still 0.88 with greetings among the legitimate training texts.
MIN_TEXT_CHARS = 6
SHORT_TEXT_CAP = 0.3

Pair = tuple[str, str]
# A lookup is asked once per call with every (kind, value) found in the texts and answers the ones
# it holds, so a store behind it costs one query per batch, not one per indicator.
Lookup = Callable[[Sequence[Pair]], Collection[Pair]]


class DetectInputError(ValueError):
    """Text that cannot be checked (empty, not text)."""


@dataclass
class Detection:
    is_fraud: bool
    score: float
    fraud_type: str | None
    fraud_type_name: str | None
    type_probability: float
    reasons: list[dict] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    truncated: bool = False
    # The type the text reads as even when the score stays under the threshold (not in the API
    # output): where the text is known to describe a fraud — a case narrative at intake — this
    # is the suggestion to offer.
    likely_type: str | None = None
    # ``likely_type``'s probability among the fraud types (``type_probability`` is 0 when the text
    # is not flagged): how plainly the text reads as that type, whatever its fraud score.
    likely_probability: float = 0.0

    def to_dict(self, id: object = None) -> dict:
        return {
            "id": id,
            "is_fraud": self.is_fraud,
            "score": round(self.score, 4),
            "fraud_type": self.fraud_type,
            "fraud_type_name": self.fraud_type_name,
            "type_probability": round(self.type_probability, 4),
            "reasons": self.reasons,
            "indicators": [_indicator_dict(i) for i in self.indicators],
        }


def _indicator_dict(ind: Indicator) -> dict:
    return {"kind": ind.kind, "value": ind.value, "known": ind.known, "start": ind.start, "end": ind.end}


def check_text(text: object) -> str:
    if not isinstance(text, str):
        raise DetectInputError("待检测内容必须是文本")
    if not text.strip():
        raise DetectInputError("待检测文本为空")
    return text[:MAX_CHARS]


class Detector:
    """Wraps a trained artifact; thread-safe for reading."""

    def __init__(self, artifact: Artifact) -> None:
        self.artifact = artifact
        self.model = m = artifact.model
        self.threshold = artifact.threshold
        self._normal = self.model.normal_index()
        self.fraud_codes = [str(c) for c in self.model.classes_ if c != NORMAL]
        self._main_cols, self._main_offset = self._type_columns(self.model)
        # The artifact's type model (fraud types only, fitted with scam messages retold as calls),
        # when there is one, has an equal say in the type.
        self.type_model = artifact.type_model
        if self.type_model is not None:
            if sorted(map(str, self.type_model.classes_)) != sorted(self.fraud_codes):
                raise ValueError("type model and main model must know the same fraud types")
            if (self.type_model.n_features, self.type_model.ngram_max) != (m.n_features, m.ngram_max):
                raise ValueError("type model and main model must hash n-grams the same way")
            self._type_cols, self._type_offset = self._type_columns(self.type_model)
        self._contrasts: dict[str, np.ndarray] = {}

    def detect(self, text: str, lookup: Lookup | None = None, allow: Lookup | None = None) -> Detection:
        return self.detect_many([text], lookup, allow)[0]

    def detect_many(
        self, texts: Sequence[str], lookup: Lookup | None = None, allow: Lookup | None = None
    ) -> list[Detection]:
        clipped = [check_text(t) for t in texts]
        norms = [normalize(t) for t in clipped]
        hits = [find_cues(n) for n in norms]
        mtexts = [model_text(n.text) for n in norms]
        scores, types = self.score_prepared(mtexts, hits)
        found = [extract_normalized(n) for n in norms]
        known = _known(found, lookup, allow)
        out = []
        for i, norm in enumerate(norms):
            indicators = [
                Indicator(d.kind, d.value, d.start, d.end, (d.kind, d.value) in known) for d in found[i]
            ]
            det = self._build(norm, hits[i], float(scores[i]), types[i], indicators)
            det.truncated = len(texts[i]) > MAX_CHARS
            out.append(det)
        return out

    def score_prepared(
        self, mtexts: Sequence[str], hits: Sequence[Sequence[CueHit]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated fraud scores, and for each text the probabilities of the fraud types
        (``fraud_codes`` order) that the type is chosen from: the main model's fraud-type scores,
        averaged with the type model's where the artifact has one. The n-grams are hashed once.

        Each model keeps only ``TYPE_PRIOR_WEIGHT`` of its intercepts here. The intercepts are
        per-type priors learned on material that is mostly messages of about a hundred
        characters; in a call of several hundred the n-gram evidence is spread over many more
        features (rows are L2-normalized), so at full weight the priors decide the type: on scam
        calls never seen in training the most conversational type (acquaintance) won over
        investment, kidnapping and bank-service calls on its intercept alone. With half the
        intercept the public corpus's 8-class figure stays within noise of where it was
        (docs/detection.md)."""
        m = self.model
        counts = ngram_counts(mtexts, m.n_features, m.ngram_max)
        decision = m.decision_counts(counts, hits)
        p_fraud = fraud_probability(m, self.artifact.fraud_model, counts, hits, decision)
        type_scores = decision[:, self._main_cols] - self._main_offset
        if self.type_model is not None:
            other = self.type_model.decision_counts(counts, hits)[:, self._type_cols] - self._type_offset
            type_scores = (type_scores + other) / 2.0
        scores = self.artifact.combiner.score(p_fraud, hits)
        for i, (mtext, doc_hits) in enumerate(zip(mtexts, hits, strict=True)):
            if _too_short(mtext, doc_hits):
                scores[i] = min(scores[i], SHORT_TEXT_CAP)
        return scores, softmax(type_scores)

    def _type_columns(self, model: FraudModel) -> tuple[np.ndarray, np.ndarray]:
        """``model``'s columns in ``fraud_codes`` order, and the part of their intercepts that
        ``score_prepared`` takes off."""
        classes = [str(c) for c in model.classes_]
        cols = np.asarray([classes.index(code) for code in self.fraud_codes])
        return cols, (1.0 - TYPE_PRIOR_WEIGHT) * model.intercept_[cols]

    def type_of(
        self,
        type_row: np.ndarray,
        hits: Sequence[CueHit] = (),
        hints: Collection[str] = (),
        among: Collection[str] | None = None,
    ) -> tuple[str, float]:
        """The fraud type and its probability, from one row of ``score_prepared``'s type
        probabilities. The choice weighs them by the strong cues that fired: each names the types
        it is typical of (``请把验证码发给我`` → impersonate_cs, fake_credit), and their
        probabilities count ``CUE_TYPE_BOOST`` times; the types of the text's ``hints``
        (``cues.find_type_hints``: "这里是某某银行客服中心" → impersonate_cs) count
        ``HINT_TYPE_BOOST`` times more (``HINT_BOOST_BY_TYPE`` where the type has its own).
        ``among`` limits the choice to those types (a corpus with a coarser label set is scored
        this way). The probability reported is unweighted."""
        weighted = type_row
        boosted = {t for h in hits if h.strength == "strong" for t in _CUE_TYPES.get(h.cue, ())}
        if boosted or hints:
            boost = [
                (CUE_TYPE_BOOST if c in boosted else 1.0)
                * (HINT_BOOST_BY_TYPE.get(c, HINT_TYPE_BOOST) if c in hints else 1.0)
                for c in self.fraud_codes
            ]
            weighted = type_row * np.asarray(boost)
        if among is not None:
            weighted = np.where([c in among for c in self.fraud_codes], weighted, -1.0)
        best = int(np.argmax(weighted))
        return self.fraud_codes[best], float(type_row[best])

    def _build(
        self,
        norm: Normalized,
        hits: list[CueHit],
        score: float,
        type_row: np.ndarray,
        indicators: list[Indicator],
    ) -> Detection:
        reasons = [
            {"cue": h.cue, "text": h.text, "start": h.start, "end": h.end}
            for h in hits
            if h.strength != "benign"
        ]
        known = [i for i in indicators if i.known]
        if known:
            score = max(score, KNOWN_FLOOR)
            reasons += [
                {
                    "feature": "known_indicator",
                    "text": norm.original[i.start : i.end],
                    "start": i.start,
                    "end": i.end,
                }
                for i in known
            ]
        hints = type_hint_matches(norm)
        code, type_p = self.type_of(type_row, hits, {t for t, _, _ in hints})
        is_fraud = score >= self.threshold
        if is_fraud and not reasons:  # no rule explains it: show what the model saw
            reasons += self._feature_reasons(norm, code)
        if is_fraud:  # who the text says is talking, where that points to the type chosen
            reasons += [
                {"feature": "type_hint", "text": norm.original[start:end], "start": start, "end": end}
                for t, start, end in hints
                if t == code
            ]
        return Detection(
            is_fraud,
            score,
            code if is_fraud else None,
            type_name(code) if is_fraud else None,
            type_p if is_fraud else 0.0,
            reasons,
            indicators,
            likely_type=code,
            likely_probability=type_p,
        )

    def _contrast(self, code: str) -> np.ndarray:
        """Per-bucket weight of ``code`` against ``normal`` (times idf), cached per type."""
        if code not in self._contrasts:
            m = self.model
            cls = int(np.flatnonzero(m.classes_ == code)[0])
            diff = (m.coef_.getrow(cls) - m.coef_.getrow(self._normal)).toarray().ravel()
            self._contrasts[code] = diff[: m.n_features] * m.idf_
        return self._contrasts[code]

    def _feature_reasons(self, norm: Normalized, code: str) -> list[dict]:
        """The character n-grams that pushed hardest towards ``code`` (model explanation)."""
        m = self.model
        row = self._contrast(code)
        text = norm.text[:500]
        seen: dict[str, tuple[float, int]] = {}
        for n in (2, 3):
            for i in range(len(text) - n + 1):
                gram = text[i : i + n]
                if gram in seen or not any("\u4e00" <= c <= "\u9fff" for c in gram):
                    continue
                idx = bucket(gram, m.n_features)
                seen[gram] = (float(row[idx]), i)
        best = sorted(seen.items(), key=lambda kv: -kv[1][0])[:MAX_FEATURE_REASONS]
        out = []
        for gram, (weight, pos) in best:
            if weight > 0:
                start, end = norm.span(pos, pos + len(gram))
                out.append({"feature": "ngram", "text": norm.original[start:end], "start": start, "end": end})
        return out


_CUE_TYPES: dict[str, tuple[str, ...]] = {c.code: c.types for c in CUES}


def _too_short(mtext: str, hits: Sequence[CueHit]) -> bool:
    """Fewer than ``MIN_TEXT_CHARS`` letters and digits and no strong rule fired."""
    if any(h.strength == "strong" for h in hits):
        return False
    letters = (ch for ch in mtext if ch.isalnum())
    return next(itertools.islice(letters, MIN_TEXT_CHARS - 1, None), None) is None


def _known(found: list[list[Indicator]], lookup: Lookup | None, allow: Lookup | None) -> set[Pair]:
    """The (kind, value) pairs the lookup holds, leaving out amounts and allow-listed values; one
    call of each function for the whole batch."""
    if lookup is None:
        return set()
    pairs = list(dict.fromkeys((i.kind, i.value) for doc in found for i in doc if i.kind != "amount"))
    if not pairs:
        return set()
    allowed = set(allow(pairs)) if allow else set()
    asked = [p for p in pairs if p not in allowed]
    return set(lookup(asked)) if asked else set()


@lru_cache(maxsize=1)
def default_model_path() -> Path:
    """Where the shipped model is (asked on every detection, so looked up once)."""
    return Path(str(resources.files("fanzha.detect.engine").joinpath("data", DEFAULT_MODEL)))


@lru_cache(maxsize=4)
def _load(path: str) -> Detector:
    return Detector(load_artifact(path))


def load_detector(path: str | Path | None = None) -> Detector:
    """The detector for ``path`` (default: the shipped model); cached per path."""
    return _load(str(path or default_model_path()))
