"""The fraud taxonomy: codes, Chinese names, cues and dissuasion key points.

The table itself lives in ``data/taxonomy.json`` so that it can be edited without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

NORMAL = "normal"
NORMAL_NAME = "正常"


@dataclass(frozen=True)
class FraudType:
    code: str
    name: str
    description: str
    cues: tuple[str, ...]
    dissuasion: tuple[str, ...]
    aliases: tuple[str, ...]
    main: bool


class UnknownLabelError(ValueError):
    """A training label that maps to no fraud type."""


@lru_cache(maxsize=1)
def _raw() -> dict:
    text = resources.files("fanzha.detect.engine").joinpath("data/taxonomy.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def fraud_types() -> dict[str, FraudType]:
    """All fraud types by code, in the order of the data file."""
    out: dict[str, FraudType] = {}
    for row in _raw()["types"]:
        out[row["code"]] = FraudType(
            code=row["code"],
            name=row["name"],
            description=row["description"],
            cues=tuple(row["cues"]),
            dissuasion=tuple(row["dissuasion"]),
            aliases=tuple(row["aliases"]),
            main=bool(row["main"]),
        )
    return out


def type_name(code: str) -> str:
    """Chinese name of a type code (``normal`` → 正常)."""
    if code == NORMAL:
        return NORMAL_NAME
    return fraud_types()[code].name


def corpus_label_code(label: str | int) -> str:
    """Map a public-corpus label (0–7) onto a type code."""
    return str(_raw()["corpus_labels"][str(label)])


def scene_code(scene: str) -> str | None:
    """Map a TeleAntiFraud dialogue ``scene`` onto a type code (None when unknown)."""
    return _raw()["dialogue_scenes"].get(scene)


@lru_cache(maxsize=1)
def _label_index() -> dict[str, str]:
    index: dict[str, str] = {lbl.lower(): NORMAL for lbl in _raw()["normal_labels"]}
    index[NORMAL_NAME] = NORMAL
    for key, code in _raw()["corpus_labels"].items():
        index[key] = code
    for ft in fraud_types().values():
        index[ft.code] = ft.code
        index[ft.name] = ft.code
        for alias in ft.aliases:
            index[alias.lower()] = ft.code
    for scene, code in _raw()["dialogue_scenes"].items():
        index[scene] = code
    return index


def label_to_code(label: object) -> str:
    """Resolve a training label: type code, Chinese name, alias, 0/normal/正常 or corpus number."""
    key = str(label).strip()
    if key.endswith(".0") and key[:-2].isdigit():
        key = key[:-2]
    code = _label_index().get(key.lower()) or _label_index().get(key)
    if code is None:
        raise UnknownLabelError(f"无法识别的标签：{key!r}")
    return code


def is_main(code: str) -> bool:
    return code in fraud_types() and fraud_types()[code].main
