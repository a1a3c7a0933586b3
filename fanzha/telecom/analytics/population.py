"""The synthetic population behind the generator: who exists, and each one's fixed traits.

Every entity (a subscriber number, or a bank/app service number) has an index; per-entity
traits are numpy arrays indexed by it, so a day's calls are drawn with array operations.
Roles are contiguous index ranges; phone numbers are a bijective scramble of the index, so
a number does not reveal its role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

NORMAL, ELDERLY, TRAVELLER, COURIER, CALL_CENTER, FRAUD, SLEEPING, SIMBOX, SERVICE = range(9)
ROLE_NAMES = (
    "normal",
    "elderly",
    "traveller",
    "courier",
    "call_center",
    "fraud_caller",
    "sleeping_card",
    "simbox_member",
    "service",
)
PEOPLE = (NORMAL, ELDERLY, TRAVELLER, COURIER, CALL_CENTER)
N_SERVICE = 40
# Daily rhythm (share of calls per hour of day) per hour profile.
HOURS = {
    "normal": [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 9, 9, 7, 6, 7, 8, 8, 8, 8, 9, 9, 7, 4, 2],
    "business": [0, 0, 0, 0, 0, 0, 0, 1, 5, 10, 10, 10, 6, 7, 10, 10, 10, 9, 6, 2, 1, 0, 0, 0],
    "elderly": [0, 0, 0, 0, 0, 0.5, 2, 5, 8, 9, 9, 7, 4, 4, 6, 7, 7, 6, 5, 4, 2, 1, 0, 0],
    "fraud": [0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 6, 6, 4, 6, 12, 14, 14, 12, 6, 4, 3, 2, 0, 0],
}
PROFILE_OF_ROLE = {
    NORMAL: "normal",
    TRAVELLER: "normal",
    ELDERLY: "elderly",
    COURIER: "business",
    CALL_CENTER: "business",
    FRAUD: "fraud",
    SLEEPING: "fraud",
}


@dataclass
class Devices:
    """SIM-box devices and the SIMs that take turns in their slots."""

    cell: np.ndarray  # fixed cell per device
    on_hour: np.ndarray  # power-on hour per device
    on_len_h: np.ndarray  # hours powered per day
    first_day: np.ndarray
    sim_entity: np.ndarray  # per SIM life: entity index
    sim_dev_a: np.ndarray
    sim_dev_b: np.ndarray  # box the SIM moves to (机卡分离), same as a when it stays
    sim_move_day: np.ndarray
    sim_start: np.ndarray
    sim_end: np.ndarray  # exclusive
    sim_gap_s: np.ndarray


@dataclass
class Population:
    seed: int
    days: int
    role: np.ndarray
    n_subscribers: int
    service_start: int
    # people's contact communities (ring neighbours are repeat, reciprocal contacts)
    order: np.ndarray
    comm_start: np.ndarray
    comm_size: np.ndarray
    pos: np.ndarray
    rate: np.ndarray
    p_contact: np.ndarray
    p_random: np.ndarray
    p_return: np.ndarray
    answer_p: np.ndarray
    dur_mu: np.ndarray
    dur_sigma: np.ndarray
    p_sms_day: np.ndarray
    home_cell: np.ndarray
    work_cell: np.ndarray
    cell_spread: np.ndarray  # >0: calls from a random cell within this many of home (moving)
    imei: np.ndarray  # handset index, -1 none
    imei2: np.ndarray  # second handset after switch_day
    switch_day: np.ndarray
    handset_churn: np.ndarray  # bool: a new handset every ~2 days from the gang's pool
    life_start: np.ndarray
    life_end: np.ndarray  # exclusive; days outside a fraud card's life are silent
    open_day: np.ndarray  # days relative to the first generated day (negative: before)
    id_card: np.ndarray
    arpu: np.ndarray
    shutdown: np.ndarray
    plan: np.ndarray
    carrier: np.ndarray
    n_cells: int
    devices: Devices
    victims: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def _counts(n: int, days: int) -> dict[int, int]:
    c = {
        ELDERLY: round(n * 0.05),
        TRAVELLER: round(n * 0.01),
        COURIER: max(2, round(n * 0.005)),
        CALL_CENTER: max(2, round(n * 0.002)),
        FRAUD: max(3, round(n * 0.004)),
        SLEEPING: max(2, round(n * 0.0015)) if days >= 10 else 0,
    }
    return c


def _communities(rng: np.random.Generator, people: np.ndarray) -> tuple[np.ndarray, ...]:
    """Cut shuffled people into communities with Pareto-distributed sizes (3 … 400)."""
    order = rng.permutation(people)
    sizes = np.minimum(3 + (rng.pareto(1.4, len(people) // 3 + 10) * 6).astype(np.int64), 400)
    ends = np.cumsum(sizes)
    k = int(np.searchsorted(ends, len(order))) + 1
    sizes = sizes[:k]
    sizes[-1] -= int(ends[k - 1] - len(order))
    if sizes[-1] < 3 and k > 1:
        sizes[-2] += sizes[-1]
        sizes = sizes[:-1]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    comm = np.repeat(np.arange(len(sizes)), sizes)
    n_all = int(people.max()) + 1 if len(people) else 0
    comm_start = np.zeros(n_all, np.int64)
    comm_size = np.ones(n_all, np.int64)
    pos = np.zeros(n_all, np.int64)
    comm_start[order] = starts[comm]
    comm_size[order] = sizes[comm]
    pos[order] = np.arange(len(order)) - starts[comm]
    return order, comm_start, comm_size, pos


def build(subscribers: int, days: int, seed: int) -> Population:
    """Draw every entity's traits for one seed (independent of how calls are later chunked)."""
    rng = np.random.default_rng([seed, 0xB0B])
    counts = _counts(subscribers, days)
    dev = _devices_plan(rng, subscribers, days)
    n_sims = int(dev["n_sims"])
    counts[NORMAL] = max(10, subscribers - sum(counts.values()) - n_sims)
    roles = [r for r in (NORMAL, ELDERLY, TRAVELLER, COURIER, CALL_CENTER, FRAUD, SLEEPING)]
    role = np.concatenate(
        [np.full(counts[r], r, np.int8) for r in roles]
        + [np.full(n_sims, SIMBOX, np.int8), np.full(N_SERVICE, SERVICE, np.int8)]
    )
    n_subs = len(role) - N_SERVICE
    people = np.flatnonzero(np.isin(role, PEOPLE))
    order, comm_start, comm_size, pos = _communities(rng, people)
    n = len(role)
    pad = n - len(comm_start)
    comm_start, comm_size, pos = (
        np.pad(a, (0, pad), constant_values=v) for a, v in ((comm_start, 0), (comm_size, 1), (pos, 0))
    )
    traits = _traits(rng, role, days)
    sim_first = n_subs - n_sims
    devices = _devices(rng, dev, sim_first, days, traits["n_cells"])
    _sim_lives(traits, devices, days)
    victims = np.flatnonzero(np.isin(role, (NORMAL, ELDERLY, TRAVELLER)))
    return Population(
        seed=seed,
        days=days,
        role=role,
        n_subscribers=n_subs,
        service_start=n_subs,
        order=order,
        comm_start=comm_start,
        comm_size=comm_size,
        pos=pos,
        devices=devices,
        victims=victims,
        **traits,
    )


def _pick(
    rng: np.random.Generator, role: np.ndarray, spec: dict[int, tuple[float, float]], kind: str
) -> np.ndarray:
    """Per-entity value drawn by role: ``spec[role] = (a, b)`` read as uniform or log-normal."""
    out = np.zeros(len(role), np.float64)
    for r, (a, b) in spec.items():
        m = role == r
        k = int(m.sum())
        out[m] = rng.uniform(a, b, k) if kind == "uniform" else rng.lognormal(np.log(a), b, k)
    return out


def _traits(rng: np.random.Generator, role: np.ndarray, days: int) -> dict:
    n = len(role)
    u = "uniform"
    ln = "lognormal"
    rate = _pick(
        rng,
        role,
        {
            NORMAL: (2.2, 0.7),
            TRAVELLER: (2.5, 0.6),
            ELDERLY: (0.5, 0.6),
            COURIER: (55, 0.3),
            CALL_CENTER: (150, 0.35),
            FRAUD: (130, 0.5),
            SLEEPING: (150, 0.5),
        },
        ln,
    )
    p_contact = _pick(
        rng,
        role,
        {
            NORMAL: (0.8, 0.92),
            TRAVELLER: (0.75, 0.9),
            ELDERLY: (0.9, 0.98),
            COURIER: (0.05, 0.15),
            CALL_CENTER: (0.0, 0.05),
        },
        u,
    )
    p_random = _pick(
        rng,
        role,
        {
            NORMAL: (0.02, 0.08),
            TRAVELLER: (0.04, 0.1),
            ELDERLY: (0.0, 0.03),
            COURIER: (0.85, 0.95),
            CALL_CENTER: (0.9, 1.0),
            FRAUD: (1, 1),
            SLEEPING: (1, 1),
        },
        u,
    )
    p_random = np.minimum(p_random, 1 - p_contact)
    p_return = _pick(
        rng,
        role,
        {
            NORMAL: (0.05, 0.15),
            TRAVELLER: (0.05, 0.15),
            ELDERLY: (0.1, 0.3),
            COURIER: (0.15, 0.35),
            CALL_CENTER: (0.1, 0.25),
            FRAUD: (0.0, 0.02),
            SLEEPING: (0.0, 0.02),
            SIMBOX: (0.0, 0.01),
        },
        u,
    )
    answer_p = _pick(
        rng,
        role,
        {
            NORMAL: (0.72, 0.9),
            TRAVELLER: (0.72, 0.9),
            ELDERLY: (0.6, 0.8),
            COURIER: (0.75, 0.92),
            CALL_CENTER: (0.6, 0.8),
            FRAUD: (0.2, 0.5),
            SLEEPING: (0.2, 0.5),
            SIMBOX: (0.2, 0.45),
        },
        u,
    )
    dur_mu = np.log1p(
        _pick(
            rng,
            role,
            {
                NORMAL: (40, 100),
                TRAVELLER: (40, 100),
                ELDERLY: (80, 200),
                COURIER: (20, 40),
                CALL_CENTER: (60, 150),
                FRAUD: (8, 20),
                SLEEPING: (8, 20),
                SIMBOX: (8, 20),
            },
            u,
        )
    )
    dur_sigma = np.where(np.isin(role, (FRAUD, SLEEPING, SIMBOX)), 0.9, 1.0)
    p_sms_day = _pick(
        rng,
        role,
        {
            NORMAL: (0.15, 0.6),
            TRAVELLER: (0.2, 0.6),
            ELDERLY: (0.03, 0.2),
            COURIER: (0.4, 0.9),
            CALL_CENTER: (0.2, 0.5),
            FRAUD: (0.0, 0.02),
            SLEEPING: (0.0, 0.02),
            SIMBOX: (0.0, 0.02),
        },
        u,
    )
    n_cells = max(200, n // 100)
    home = rng.integers(0, n_cells, n)
    work = np.where(rng.random(n) < 0.7, rng.integers(0, n_cells, n), home)
    spread = np.select([role == COURIER, role == TRAVELLER], [rng.integers(20, 60, n), n_cells], 0)
    fraudish = np.isin(role, (FRAUD, SLEEPING))
    mode = rng.random(n)
    imei = np.arange(n, dtype=np.int64)
    imei[fraudish & (mode < 0.2)] = -1  # no handset reported (fixed-line gateways, odd terminals)
    imei[role == SIMBOX] = -1  # set per call from the box
    imei[role == SERVICE] = -1
    switch_day = np.where(rng.random(n) < 0.03, rng.integers(1, max(2, days), n), days + 1)
    imei2 = n + np.arange(n, dtype=np.int64)
    churn = fraudish & (mode >= 0.2) & (mode < 0.6)
    life_start, life_end, open_day = _lives(rng, role, days)
    id_card = _id_cards(rng, role)
    arpu = _pick(
        rng,
        role,
        {
            NORMAL: (58, 0.5),
            TRAVELLER: (88, 0.5),
            ELDERLY: (28, 0.4),
            COURIER: (78, 0.3),
            CALL_CENTER: (168, 0.3),
            FRAUD: (39, 0.6),
            SLEEPING: (19, 0.5),
            SIMBOX: (29, 0.5),
        },
        ln,
    )
    shutdown = (life_end < days) | ((rng.random(n) < 0.004) & np.isin(role, PEOPLE))
    plan = np.select([role == CALL_CENTER, role == ELDERLY, arpu > 100], [2, 3, 1], 0)
    return {
        "rate": rate,
        "p_contact": p_contact,
        "p_random": p_random,
        "p_return": p_return,
        "answer_p": answer_p,
        "dur_mu": dur_mu,
        "dur_sigma": dur_sigma,
        "p_sms_day": p_sms_day,
        "home_cell": home,
        "work_cell": work,
        "cell_spread": spread,
        "imei": imei,
        "imei2": imei2,
        "switch_day": switch_day,
        "handset_churn": churn,
        "life_start": life_start,
        "life_end": life_end,
        "open_day": open_day,
        "id_card": id_card,
        "arpu": np.round(arpu, 2),
        "shutdown": shutdown,
        "plan": plan,
        "carrier": rng.integers(0, 3, n),
        "n_cells": n_cells,
    }


def _lives(rng: np.random.Generator, role: np.ndarray, days: int) -> tuple[np.ndarray, ...]:
    """Fraud cards live a few days and end in shutdown; sleeping cards wake after weeks."""
    n = len(role)
    start = np.zeros(n, np.int64)
    end = np.full(n, days + 1, np.int64)
    open_day = -rng.integers(200, 5000, n)
    f = role == FRAUD
    k = int(f.sum())
    start[f] = rng.integers(0, max(1, days - 2), k)
    end[f] = start[f] + rng.integers(2, 12, k)
    open_day[f] = start[f] - rng.integers(0, 40, k)
    s = role == SLEEPING
    k = int(s.sum())
    start[s] = rng.integers(max(7, int(days * 0.4)), max(8, days - 1), k)
    end[s] = start[s] + rng.integers(2, 6, k)
    open_day[s] = -rng.integers(90, 400, k)
    return start, end, open_day


def _id_cards(rng: np.random.Generator, role: np.ndarray) -> np.ndarray:
    """Owners' ID cards: families share a few, gangs and companies hold many numbers."""
    n = len(role)
    card = np.arange(n, dtype=np.int64)
    family = np.flatnonzero(np.isin(role, (NORMAL, ELDERLY)) & (rng.random(n) < 0.15))
    card[family] = np.maximum(family - 1, 0)
    for r, lo, hi in ((FRAUD, 3, 15), (SLEEPING, 2, 8), (SIMBOX, 5, 20), (CALL_CENTER, 5, 30)):
        idx = rng.permutation(np.flatnonzero(role == r))
        group = np.repeat(np.arange(len(idx)), rng.integers(lo, hi + 1, len(idx)))[: len(idx)]
        if len(idx):
            card[idx] = idx[np.searchsorted(group, group, side="left")]
    return card


def _devices_plan(rng: np.random.Generator, subscribers: int, days: int) -> dict:
    n_dev = max(2, round(subscribers / 25000))
    slots = np.minimum((8 * 2 ** rng.uniform(0, 4, n_dev)).astype(np.int64), 128)
    first = rng.integers(0, max(1, days // 3), n_dev)
    slot_dev = np.repeat(np.arange(n_dev), slots)
    lives = []  # (device, start, end)
    for d, f in zip(slot_dev, first[slot_dev], strict=True):
        t = int(f)
        while t < days:
            length = int(rng.integers(2, 7))
            lives.append((int(d), t, min(days, t + length)))
            t += length
    arr = np.array(lives, np.int64).reshape(-1, 3)
    return {"n_dev": n_dev, "first": first, "lives": arr, "n_sims": len(arr)}


def _devices(rng: np.random.Generator, plan: dict, sim_first: int, days: int, n_cells: int) -> Devices:
    n_dev, lives = plan["n_dev"], plan["lives"]
    k = len(lives)
    moves = rng.random(k) < 0.3
    other = (lives[:, 0] + rng.integers(1, max(2, n_dev), k)) % n_dev
    return Devices(
        cell=rng.integers(0, n_cells, n_dev),
        on_hour=rng.uniform(8.0, 11.0, n_dev),
        on_len_h=rng.uniform(5.0, 9.0, n_dev),
        first_day=plan["first"],
        sim_entity=sim_first + np.arange(k, dtype=np.int64),
        sim_dev_a=lives[:, 0],
        sim_dev_b=np.where(moves, other, lives[:, 0]),
        sim_move_day=np.where(moves, lives[:, 1] + (lives[:, 2] - lives[:, 1]) // 2, days + 1),
        sim_start=lives[:, 1],
        sim_end=lives[:, 2],
        sim_gap_s=rng.uniform(90, 400, k),
    )


def _sim_lives(traits: dict, dev: Devices, days: int) -> None:
    """SIMs are opened just before they go into a box and are shut down when they leave it."""
    e = dev.sim_entity
    traits["life_start"][e] = dev.sim_start
    traits["life_end"][e] = dev.sim_end
    traits["open_day"][e] = dev.sim_start - 1 - (e % 20)
    traits["shutdown"][e] = dev.sim_end < days
