"""Text-free features: hashed character n-grams of the normalized text plus cue indicators.

Nothing here stores a training sentence: n-grams are hashed into buckets, and what is
learned are per-bucket weights and document frequencies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils import murmurhash3_32

from .cues import CUE_INDEX, CUES, CueHit, find_cues
from .normalize import Normalized, model_text, normalize

N_CUES = len(CUES)
SMALL_BATCH = 8  # batches up to this size are hashed in Python (``ngram_counts``)
_WHITE_SPACES = re.compile(r"\s\s+")
_BUCKETS: dict[tuple[str, int], int] = {}


def hasher(n_features: int, ngram_max: int) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char",
        ngram_range=(1, ngram_max),
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float32,
    )


def ngram_counts(texts: Sequence[str], n_features: int, ngram_max: int) -> sp.csr_matrix:
    """Raw hashed counts of ``texts`` (already model-normalized): the same matrix as
    ``hasher(...).transform(texts)`` (tested). Up to ``SMALL_BATCH`` texts — one API request, one
    desk check — are counted here with memoized buckets, which takes a tenth of the time the
    vectorizer's per-call set-up does; larger batches go through the vectorizer."""
    if len(texts) > SMALL_BATCH:
        return hasher(n_features, ngram_max).transform(texts).tocsr()
    indices: list[int] = []
    data: list[int] = []
    indptr = [0]
    for text in texts:
        text = _WHITE_SPACES.sub(" ", text)  # as the vectorizer's character analyzer does
        counts: dict[int, int] = {}
        for n in range(1, min(ngram_max, len(text)) + 1):
            for i in range(len(text) - n + 1):
                idx = bucket(text[i : i + n], n_features)
                counts[idx] = counts.get(idx, 0) + 1
        for idx in sorted(counts):
            indices.append(idx)
            data.append(counts[idx])
        indptr.append(len(indices))
    return sp.csr_matrix(
        (
            np.asarray(data, dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int32),
        ),
        shape=(len(texts), n_features),
    )


def bucket(gram: str, n_features: int) -> int:
    """Hash bucket of ``gram`` (as HashingVectorizer computes it), memoized: the same n-grams
    come back in text after text, and hashing them one at a time in Python is slow."""
    key = (gram, n_features)
    idx = _BUCKETS.get(key)
    if idx is None:
        if len(_BUCKETS) > 500_000:
            _BUCKETS.clear()
        idx = _BUCKETS[key] = abs(murmurhash3_32(gram, seed=0)) % n_features
    return idx


def weigh(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf × idf, L2-normalized rows (so long texts and short texts compare)."""
    x = counts.copy()
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.reshape(1, -1)).tocsr()
    return l2_normalize(x, copy=False)


def cue_matrix(hits: Sequence[Sequence[CueHit]], scale: float) -> sp.csr_matrix:
    """One column per cue: 1 if it fired (times ``scale``)."""
    rows, cols = [], []
    for i, doc_hits in enumerate(hits):
        for code in {h.cue for h in doc_hits}:
            rows.append(i)
            cols.append(CUE_INDEX[code])
    data = np.full(len(rows), scale, dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(hits), N_CUES), dtype=np.float32)


def prepare(texts: Sequence[str]) -> tuple[list[Normalized], list[str], list[list[CueHit]]]:
    """Normalize once; return normalized docs, model texts and cue hits."""
    norms = [normalize(t) for t in texts]
    return norms, [model_text(n.text) for n in norms], [find_cues(n) for n in norms]
