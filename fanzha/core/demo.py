"""`fanzha demo`: a set of small seeded generators, one per domain, run in order.

A domain registers its generator in its AppConfig.ready():

    from fanzha.core import demo
    demo.register("cases", generate_cases, after=("org",))

Every generator gets the same DemoContext: a seeded random source and what earlier ones made.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SYNTHETIC_NOTE = "演示数据（虚构）"


@dataclass
class DemoContext:
    seed: int
    rng: random.Random
    scale: float = 1.0
    made: dict[str, Any] = field(default_factory=dict)
    log: Callable[[str], None] = print


Generator = Callable[[DemoContext], None]


@dataclass(frozen=True)
class _Entry:
    name: str
    run: Generator
    after: tuple[str, ...]


_REGISTRY: dict[str, _Entry] = {}


def register(name: str, run: Generator, after: tuple[str, ...] = ()) -> None:
    _REGISTRY[name] = _Entry(name, run, after)


def ordered() -> list[_Entry]:
    """Generators in dependency order (a simple topological sort)."""
    done: list[_Entry] = []
    pending = dict(_REGISTRY)
    while pending:
        ready = [
            e for e in pending.values() if all(d in {x.name for x in done} for d in e.after if d in _REGISTRY)
        ]
        if not ready:
            raise RuntimeError(f"demo generators have a dependency cycle: {sorted(pending)}")
        for entry in sorted(ready, key=lambda e: e.name):
            done.append(entry)
            del pending[entry.name]
    return done


def run_all(seed: int, scale: float = 1.0, log: Callable[[str], None] = print) -> DemoContext:
    ctx = DemoContext(seed=seed, rng=random.Random(seed), scale=scale, log=log)
    for entry in ordered():
        # Each generator gets its own stream, so adding one domain does not reshuffle another's data.
        ctx.rng = random.Random(f"{seed}:{entry.name}")
        log(f"生成演示数据：{entry.name}")
        entry.run(ctx)
    return ctx
