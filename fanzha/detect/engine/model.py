"""The fraud classifier (scikit-learn estimator) and its calibrated score combiner.

``FraudModel`` is a multinomial logistic regression over ``normal`` and the fraud types, on
hashed character n-grams plus cue indicators. ``ScoreCombiner`` turns the model's fraud
probability and the cue evidence into one calibrated score (Platt-style logistic fit on a
held-out split). Both are saved to one ``.npz`` file (arrays plus a JSON header, no pickle).
"""

from __future__ import annotations

import itertools
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .cues import CUES, CueHit
from .features import CUE_INDEX, SMALL_BATCH, cue_matrix, ngram_counts, prepare, weigh
from .taxonomy import NORMAL

FORMAT = "fanzha-detect-model"
# 2: optional separate type model (arrays prefixed ``type_``); 3: optional fraud model (``fraud_``)
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
FRAUD = "fraud"  # the fraud model's other class, next to ``normal``


class FraudModel(ClassifierMixin, BaseEstimator):
    """Fraud-type classifier over raw texts; class ``normal`` means not fraud."""

    def __init__(
        self,
        n_features: int = 2**18,
        ngram_max: int = 3,
        C: float = 8.0,
        cue_scale: float = 0.5,
        max_iter: int = 120,
        random_state: int = 0,
        class_weight: str | None = None,
    ) -> None:
        self.n_features = n_features
        self.ngram_max = ngram_max
        self.C = C
        self.cue_scale = cue_scale
        self.max_iter = max_iter
        self.random_state = random_state
        self.class_weight = class_weight

    def fit(
        self, X: Sequence[str], y: Sequence[str], sample_weight: Sequence[float] | None = None
    ) -> FraudModel:
        _, texts, hits = prepare(X)
        return self.fit_prepared(texts, hits, y, sample_weight)

    def fit_prepared(
        self,
        texts: Sequence[str],
        hits: Sequence[Sequence[CueHit]],
        y: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> FraudModel:
        """Fit on prepared texts; ``sample_weight`` multiplies the class weights per text."""
        return self.fit_counts(ngram_counts(texts, self.n_features, self.ngram_max), hits, y, sample_weight)

    def fit_counts(
        self,
        counts: sp.csr_matrix,
        hits: Sequence[Sequence[CueHit]],
        y: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> FraudModel:
        """Fit on hashed n-gram ``counts`` (``features.ngram_counts`` with this model's hashing),
        so that two models of the same texts hash them once."""
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.idf_ = (np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0).astype(np.float32)
        features = self._feature_matrix(counts, hits)
        clf = LogisticRegression(
            C=self.C, max_iter=self.max_iter, random_state=self.random_state, class_weight=self.class_weight
        )
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        clf.fit(features, np.asarray(y), sample_weight=weights)
        self.classes_ = clf.classes_
        coef, intercept = clf.coef_, clf.intercept_
        if len(self.classes_) == 2:  # scikit-learn keeps one row for two classes: the second's score
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.concatenate([np.zeros_like(intercept), intercept])
        self.coef_ = sp.csr_matrix(coef.astype(np.float32))
        self.intercept_ = intercept.astype(np.float32)
        return self

    def _feature_matrix(self, counts: sp.csr_matrix, hits: Sequence[Sequence[CueHit]]) -> sp.csr_matrix:
        """What the regression is fitted on: weighted n-gram counts next to the cue columns."""
        return sp.hstack([weigh(counts, self.idf_), cue_matrix(hits, self.cue_scale)]).tocsr()

    def proba_prepared(self, texts: Sequence[str], hits: Sequence[Sequence[CueHit]]) -> np.ndarray:
        return softmax(self.decision_prepared(texts, hits))

    def decision_prepared(self, texts: Sequence[str], hits: Sequence[Sequence[CueHit]]) -> np.ndarray:
        """Per-class scores (``classes_`` order) before the softmax, intercepts included."""
        check_is_fitted(self, "coef_")
        return self.decision_counts(ngram_counts(texts, self.n_features, self.ngram_max), hits)

    def decision_counts(self, counts: sp.csr_matrix, hits: Sequence[Sequence[CueHit]]) -> np.ndarray:
        """``_feature_matrix(counts, hits) @ coef_.T + intercept_`` for hashed n-gram ``counts``
        (``features.ngram_counts``, so two models with the same hashing can share them), computed
        on the counts' arrays with a dense copy of the weights: the same numbers as the sparse route
        (tested), without its half-dozen intermediate matrices, which cost more than the
        arithmetic for a short text."""
        n = counts.shape[0]
        weights = self._dense_weights()
        rows = np.repeat(np.arange(n), np.diff(counts.indptr))
        data = (1.0 + np.log(counts.data)) * self.idf_[counts.indices]
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
        data = (data / norms[rows]).astype(np.float32)
        if n <= SMALL_BATCH:  # a few texts: gather their weight rows instead of building a matrix
            pairs = itertools.pairwise(counts.indptr)
            rows_w = [data[a:b] @ weights[counts.indices[a:b]] for a, b in pairs]
            scores = np.asarray(rows_w, dtype=np.float64).reshape(n, weights.shape[1]) + self.intercept_
        else:
            x = sp.csr_matrix((data, counts.indices, counts.indptr), shape=(n, weights.shape[0]))
            scores = np.asarray(x @ weights, dtype=np.float64) + self.intercept_
        for i, doc in enumerate(hits):
            for code in {h.cue for h in doc}:
                scores[i] += self.cue_scale * weights[self.n_features + CUE_INDEX[code]]
        return scores

    def _dense_weights(self) -> np.ndarray:
        """coef_ transposed to a dense (features × classes) array, built once per model (about
        19 MB for the shipped one)."""
        key, cached = self.__dict__.get("_dense_w", (None, None))
        if key is not self.coef_:
            cached = np.ascontiguousarray(self.coef_.T.toarray(), dtype=np.float32)
            self.__dict__["_dense_w"] = (self.coef_, cached)
        return cached

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        check_is_fitted(self, "coef_")
        _, texts, hits = prepare(X)
        return self.proba_prepared(texts, hits)

    def predict(self, X: Sequence[str]) -> np.ndarray:
        check_is_fitted(self, "coef_")
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def normal_index(self) -> int:
        return int(np.flatnonzero(self.classes_ == NORMAL)[0])


def fraud_probability(
    model: FraudModel,
    fraud_model: FraudModel | None,
    counts: sp.csr_matrix,
    hits: Sequence[Sequence[CueHit]],
    decision: np.ndarray | None = None,
) -> np.ndarray:
    """The probability that each text is fraud, before the combiner, from hashed n-gram ``counts``:
    1 − ``model``'s probability of ``normal``, and where there is a ``fraud_model`` the mean of
    the two models' log-odds. ``decision`` is ``model``'s, where the caller has it already.

    Each model is better at something: the fraud model (normal against all fraud pooled) at the
    legitimate texts that use fraud's words, the main model (normal against each type) at terse
    scam texts such as a case record, "对方冒充公安局民警来电称我涉嫌洗钱…" (v10: 0.97 against 0.01,
    where the fraud model has learnt "对方冒充" from the many retold near misses; together 0.40,
    which the rules that fire in it lift over the threshold)."""
    if decision is None:
        decision = model.decision_counts(counts, hits)
    p = 1.0 - softmax(decision)[:, model.normal_index()]
    if fraud_model is None:
        return p
    q = 1.0 - softmax(fraud_model.decision_counts(counts, hits))[:, fraud_model.normal_index()]
    z = (_logit(p) + _logit(q)) / 2.0
    return 1.0 / (1.0 + np.exp(-z))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of a (texts × classes) score array."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


STRONG = {c.code for c in CUES if c.strength == "strong"}
WEAK = {c.code for c in CUES if c.strength == "weak"}
EDUCATION = "antifraud_education"
NOTICE = "official_notice"
COMBINER_INPUTS = ("model_logit", "strong_cues", "weak_cues", "education", "notice")


def evidence(p_fraud: np.ndarray, hits: Sequence[Sequence[CueHit]]) -> np.ndarray:
    """Inputs of the combiner: model logit and capped cue counts."""
    rows = []
    for logit, doc in zip(_logit(p_fraud), hits, strict=True):
        codes = {h.cue for h in doc}
        edu = sum(1 for h in doc if h.cue == EDUCATION)
        rows.append(
            [
                logit,
                min(len(codes & STRONG), 3),
                min(len(codes & WEAK), 3),
                min(edu, 4),
                float(NOTICE in codes),
            ]
        )
    return np.asarray(rows, dtype=np.float64)


@dataclass
class ScoreCombiner:
    """Logistic combination of model logit and cue counts, fitted on held-out data."""

    weights: list[float] = field(default_factory=lambda: [1.0, 0.0, 0.0, 0.0, 0.0])
    bias: float = 0.0

    def fit(
        self, p_fraud: np.ndarray, hits: Sequence[Sequence[CueHit]], is_fraud: np.ndarray
    ) -> ScoreCombiner:
        """Logistic fit with sign constraints: fraud cues may only raise the score, benign
        context only lower it, so that held-out data where the model is already sure cannot
        teach the combiner to distrust the cues."""
        x = evidence(p_fraud, hits)
        y = is_fraud.astype(np.float64)

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            z = x @ theta[:-1] + theta[-1]
            p = 1.0 / (1.0 + np.exp(-z))
            reg = 1e-3 * float(theta[:-1] @ theta[:-1])
            nll = float(np.mean(np.logaddexp(0, z) - y * z)) + reg
            grad = np.append(x.T @ (p - y) / len(y) + 2e-3 * theta[:-1], np.mean(p - y))
            return nll, grad

        bounds = [(0.3, None), (0.5, None), (0.1, None), (None, -0.1), (None, -0.1), (None, None)]
        res = minimize(
            loss, np.array([1.0, 0.5, 0.1, -0.1, -0.1, 0.0]), jac=True, method="L-BFGS-B", bounds=bounds
        )
        self.weights = [float(w) for w in res.x[:-1]]
        self.bias = float(res.x[-1])
        return self

    def score(self, p_fraud: np.ndarray, hits: Sequence[Sequence[CueHit]]) -> np.ndarray:
        z = evidence(p_fraud, hits) @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))


@dataclass
class Artifact:
    """What a model file holds. Whether a text is fraud is decided (through ``combiner``) by
    ``model``'s ``normal`` class together with ``fraud_model`` (two classes, ``normal`` and
    ``FRAUD``) where there is one (``fraud_probability``); the fraud type comes from ``model`` and,
    when there is one, ``type_model`` (fraud types only)."""

    model: FraudModel
    combiner: ScoreCombiner
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    type_model: FraudModel | None = None
    fraud_model: FraudModel | None = None


def _model_arrays(m: FraudModel, prefix: str) -> dict[str, np.ndarray]:
    check_is_fitted(m, "coef_")
    coef = m.coef_.tocsr()
    coef.eliminate_zeros()
    return {
        f"{prefix}coef_data": coef.data.astype(np.float16),
        f"{prefix}coef_indices": coef.indices.astype(np.int32),
        f"{prefix}coef_indptr": coef.indptr.astype(np.int64),
        f"{prefix}intercept": m.intercept_.astype(np.float32),
        f"{prefix}idf": m.idf_.astype(np.float16),
    }


def save_artifact(artifact: Artifact, path: str | Path) -> None:
    m = artifact.model
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "params": m.get_params(),
        "classes": [str(c) for c in m.classes_],
        "combiner": {
            "inputs": list(COMBINER_INPUTS),
            "weights": artifact.combiner.weights,
            "bias": artifact.combiner.bias,
        },
        "threshold": artifact.threshold,
        "meta": artifact.meta,
        "cues": list(CUE_INDEX),  # the cue columns' order, so a later code's cue list can be matched
    }
    arrays = _model_arrays(m, "")
    for name, extra in (("type", artifact.type_model), ("fraud", artifact.fraud_model)):
        if extra is not None:
            header[f"{name}_model"] = {
                "params": extra.get_params(),
                "classes": [str(c) for c in extra.classes_],
            }
            arrays.update(_model_arrays(extra, f"{name}_"))
    header_bytes = np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(path, header=header_bytes, **arrays)  # type: ignore[arg-type]


class ArtifactError(ValueError):
    """A model file that is not a fanzha detection model or has an unsupported version."""


def _read_model(z: np.lib.npyio.NpzFile, spec: dict, prefix: str, cues: list[str]) -> FraudModel:
    model = FraudModel(**spec["params"])
    coef = sp.csr_matrix(
        (z[f"{prefix}coef_data"].astype(np.float32), z[f"{prefix}coef_indices"], z[f"{prefix}coef_indptr"]),
        shape=(len(spec["classes"]), model.n_features + len(cues)),
    )
    model.coef_ = cue_columns_to_current(coef, model.n_features, cues)
    model.intercept_ = z[f"{prefix}intercept"].astype(np.float32)
    model.idf_ = z[f"{prefix}idf"].astype(np.float32)
    model.classes_ = np.asarray(spec["classes"], dtype=object)
    return model


def cue_columns_to_current(coef: sp.csr_matrix, n_features: int, saved: Sequence[str]) -> sp.csr_matrix:
    """``coef`` with its cue columns (saved in the order ``saved``) moved to where the running code
    keeps the same cues (``CUE_INDEX``): a rule added or moved since training must not inherit
    another rule's weight. A cue the code no longer has is dropped; a new one has weight 0 until
    the model is retrained."""
    if list(saved) == list(CUE_INDEX):
        return coef
    target = np.asarray([CUE_INDEX.get(code, -1) for code in saved] or [-1])
    coo = coef.tocoo()
    cols = coo.col.astype(np.int64)
    is_cue = cols >= n_features
    cols[is_cue] = n_features + target[cols[is_cue] - n_features]
    keep = ~is_cue | (cols >= n_features)
    return sp.csr_matrix(
        (coo.data[keep], (coo.row[keep], cols[keep])), shape=(coef.shape[0], n_features + len(CUE_INDEX))
    )


def load_artifact(path: str | Path) -> Artifact:
    try:
        z = np.load(path, allow_pickle=False)
    except (ValueError, zipfile.BadZipFile) as exc:  # not an .npz (a missing file stays an OSError)
        raise ArtifactError(f"不是检测模型文件：{path}") from exc
    if not isinstance(z, np.lib.npyio.NpzFile) or "header" not in z:
        raise ArtifactError(f"不是检测模型文件：{path}")
    with z:
        header = json.loads(z["header"].tobytes().decode("utf-8"))
        if header.get("format") != FORMAT or header.get("format_version") not in READABLE_VERSIONS:
            raise ArtifactError(f"不支持的模型文件：{path}")
        # Files from before the cue list was saved were read by position, as they were written.
        cues = header.get("cues", list(CUE_INDEX))
        model = _read_model(z, header, "", cues)
        extra = {
            f"{name}_model": _read_model(z, header[f"{name}_model"], f"{name}_", cues)
            for name in ("type", "fraud")
            if f"{name}_model" in header
        }
    comb = header["combiner"]
    combiner = ScoreCombiner(weights=list(comb["weights"]), bias=float(comb["bias"]))
    return Artifact(model, combiner, float(header["threshold"]), header.get("meta", {}), **extra)
