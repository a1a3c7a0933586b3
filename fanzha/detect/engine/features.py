"""Text-free features: hashed character n-grams of the normalized text plus cue indicators.

Nothing here stores a training sentence: n-grams are hashed into buckets, and what is
learned are per-bucket weights and document frequencies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from .cues import CUE_INDEX, CUES, CueHit, find_cues
from .normalize import Normalized, model_text, normalize

N_CUES = len(CUES)


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
    """Raw hashed counts of ``texts`` (already model-normalized)."""
    return hasher(n_features, ngram_max).transform(texts).tocsr()


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
