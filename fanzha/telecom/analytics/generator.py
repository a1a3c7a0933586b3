"""Synthetic call records with planted truth, written day by day as Parquet partitions.

``generate(out, subscribers, days, seed)`` writes ``calls/``, ``sms/`` and ``subscribers.parquet``
in the documented schema plus ``labels.csv`` (entity, id, kind). Each day is drawn from its own
random stream ``(seed, day)`` with numpy array operations, so memory is bounded by one day and
the output is identical for a seed however it is chunked. See docs/telecom.md for the model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import population as P
from .population import Population

START = dt.datetime(2024, 3, 1)
CALL_COLS = ("caller", "callee", "t", "dur", "ans", "cell", "imei")
Calls = dict[str, np.ndarray]


@dataclass(frozen=True)
class Strings:
    """Lookup tables from entity/handset/cell index to the strings written out."""

    numbers: pa.Array
    imsis: pa.Array
    imeis: pa.Array
    cells: pa.Array
    churn_pool: int
    device_imei0: int


def _strings(pop: Population) -> Strings:
    n = len(pop.role)
    idx = np.arange(n, dtype=np.int64)
    # an odd multiplier coprime with 10 scrambles indexes bijectively over 10 digits
    scrambled = (idx * 7_919_337_551 + pop.seed * 104_729 + 1_234_567) % 10**10
    numbers = (10**10 + scrambled).astype(str)
    svc = np.array([f"955{i:02d}" if i < 20 else f"10690{i:04d}" for i in range(P.N_SERVICE)])
    numbers[pop.service_start :] = svc
    imsi = (460_000_000_000_000 + (idx * 3_141_592_653 + pop.seed) % 10**10).astype(str)
    pool = max(8, n // 50)
    n_imei = 2 * n + pool + len(pop.devices.cell)
    imei = (860_000_000_000_000 + (np.arange(n_imei) * 2_718_281_829 + pop.seed) % 10**13).astype(str)
    cells = np.char.add("4600-", np.arange(pop.n_cells).astype(str))
    return Strings(_flat(numbers), _flat(imsi), _flat(imei), _flat(cells), pool, 2 * n + pool)


def _flat(values: np.ndarray) -> pa.Array:
    """One Arrow array (pyarrow hands back a chunked one for large numpy string arrays)."""
    arr = pa.array(values)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _hours(rng: np.random.Generator, profile: str, k: int) -> np.ndarray:
    w = np.array(P.HOURS[profile], np.float64)
    return rng.choice(24, size=k, p=w / w.sum())


def _cells(
    pop: Population, rng: np.random.Generator, who: np.ndarray, hour: np.ndarray, day: int
) -> np.ndarray:
    """Home/work cells for settled people; a moving window for couriers; a new city a day for travellers."""
    weekday = (START + dt.timedelta(days=day)).weekday() < 5
    at_work = weekday & (hour >= 9) & (hour < 18) & (rng.random(len(who)) < 0.8)
    cell = np.where(at_work, pop.work_cell[who], pop.home_cell[who])
    spread = pop.cell_spread[who]
    moving = spread > 0
    travel_base = (pop.home_cell[who] + day * 7919 * (pop.role[who] == P.TRAVELLER)) % pop.n_cells
    jitter = rng.integers(0, np.maximum(spread, 1))
    cell = np.where(
        moving, (travel_base + jitter % np.maximum(np.minimum(spread, 20), 1)) % pop.n_cells, cell
    )
    return cell


def _callees(pop: Population, rng: np.random.Generator, caller: np.ndarray) -> np.ndarray:
    """Ring neighbours in the caller's community (repeat, reciprocal), strangers or services."""
    m = len(caller)
    d = rng.geometric(0.3, m) * np.where(rng.random(m) < 0.5, 1, -1)
    size = pop.comm_size[caller]
    off = (pop.pos[caller] + d) % size
    off = np.where(off == pop.pos[caller], (off + 1) % size, off)
    ring = pop.order[np.minimum(pop.comm_start[caller] + off, len(pop.order) - 1)]
    stranger = pop.victims[rng.integers(0, len(pop.victims), m)]
    service = pop.service_start + rng.integers(0, P.N_SERVICE, m)
    u = rng.random(m)
    pc = pop.p_contact[caller]
    return np.where(u < pc, ring, np.where(u < pc + pop.p_random[caller], stranger, service))


def _alive(pop: Population, day: int) -> np.ndarray:
    return (pop.life_start <= day) & (day < pop.life_end)


def _person_calls(pop: Population, rng: np.random.Generator, day: int, s: Strings) -> Calls:
    """Outgoing calls of people and fraud cards (everyone but SIM-box SIMs and services)."""
    weekday = (START + dt.timedelta(days=day)).weekday() < 5
    factor = np.where((pop.role == P.CALL_CENTER) & (not weekday), 0.15, 1.0)
    active = _alive(pop, day) & np.isin(pop.role, list(P.PROFILE_OF_ROLE))
    lam = np.where(active, pop.rate * factor, 0.0)
    n = rng.poisson(lam)
    caller = np.repeat(np.arange(len(n)), n)
    hour = np.empty(len(caller), np.int64)
    for role, profile in P.PROFILE_OF_ROLE.items():
        m = pop.role[caller] == role
        hour[m] = _hours(rng, profile, int(m.sum()))
    t = day * 86400 + hour * 3600 + rng.integers(0, 3600, len(caller))
    cell = _cells(pop, rng, caller, hour, day)
    fraud = np.isin(pop.role[caller], (P.FRAUD, P.SLEEPING))
    cell = np.where(fraud, (pop.home_cell[caller] + rng.integers(0, 3, len(caller))) % pop.n_cells, cell)
    return _finish(pop, rng, caller, _callees(pop, rng, caller), t, cell, _handsets(pop, s, caller, day))


def _handsets(pop: Population, s: Strings, who: np.ndarray, day: int) -> np.ndarray:
    imei = np.where(day >= pop.switch_day[who], pop.imei2[who], pop.imei[who])
    churn = 2 * len(pop.role) + (who * 7 + day // 2) % s.churn_pool
    return np.where(pop.handset_churn[who], churn, imei)


def _finish(
    pop: Population,
    rng: np.random.Generator,
    caller: np.ndarray,
    callee: np.ndarray,
    t: np.ndarray,
    cell: np.ndarray,
    imei: np.ndarray,
) -> Calls:
    m = len(caller)
    ans = rng.random(m) < pop.answer_p[caller]
    dur = np.exp(pop.dur_mu[caller] + pop.dur_sigma[caller] * rng.standard_normal(m))
    fraud = np.isin(pop.role[caller], (P.FRAUD, P.SLEEPING, P.SIMBOX))
    hooked = fraud & (rng.random(m) < 0.04)  # the victims who stay on the line
    dur = np.where(hooked, rng.lognormal(np.log(600), 0.8, m), dur)
    dur = np.where(ans, np.maximum(1, dur).astype(np.int64), 0)
    return {"caller": caller, "callee": callee, "t": t, "dur": dur, "ans": ans, "cell": cell, "imei": imei}


def _return_calls(pop: Population, rng: np.random.Generator, calls: Calls, day: int, s: Strings) -> Calls:
    """Some people call back: missed calls, couriers' customers, call-center clients."""
    back = rng.random(len(calls["caller"])) < pop.p_return[calls["caller"]]
    back &= calls["callee"] < pop.n_subscribers
    who, to = calls["callee"][back], calls["caller"][back]
    t = np.minimum(calls["t"][back] + rng.exponential(1800, len(who)).astype(np.int64), day * 86400 + 86399)
    hour = (t % 86400) // 3600
    imei = _handsets(pop, s, who, day)
    imei = np.where(pop.role[who] == P.SIMBOX, -1, imei)
    return _finish(pop, rng, who, to, t, _cells(pop, rng, who, hour, day), imei)


def _inbound_calls(pop: Population, rng: np.random.Generator, day: int, s: Strings) -> Calls:
    """Customers ring the call centers and company switchboards."""
    centers = np.flatnonzero(pop.role == P.CALL_CENTER)
    n = (
        rng.poisson(80, len(centers))
        if (START + dt.timedelta(days=day)).weekday() < 5
        else rng.poisson(10, len(centers))
    )
    callee = np.repeat(centers, n)
    caller = pop.victims[rng.integers(0, len(pop.victims), len(callee))]
    hour = _hours(rng, "business", len(callee))
    t = day * 86400 + hour * 3600 + rng.integers(0, 3600, len(callee))
    return _finish(
        pop, rng, caller, callee, t, _cells(pop, rng, caller, hour, day), _handsets(pop, s, caller, day)
    )


def _simbox_calls(pop: Population, rng: np.random.Generator, day: int, s: Strings) -> Calls:
    """Each SIM in a powered box calls strangers at near-even gaps from a synchronised power-on."""
    d = pop.devices
    live = (d.sim_start <= day) & (day < d.sim_end)
    dev = np.where(day >= d.sim_move_day, d.sim_dev_b, d.sim_dev_a)[live]
    ent, gap = d.sim_entity[live], d.sim_gap_s[live]
    day_rng = np.random.default_rng([pop.seed, day, 7])
    powered = day_rng.random(len(d.cell)) < 0.92
    on = day * 86400 + (d.on_hour + day_rng.normal(0, 0.05, len(d.cell))) * 3600
    start = on[dev] + rng.uniform(0, 90, len(ent))
    n = np.where(powered[dev], (d.on_len_h[dev] * 3600 // gap).astype(np.int64), 0)
    k = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    g = np.repeat(gap, n)
    t = (np.repeat(start, n) + k * g + rng.uniform(-0.05, 0.05, len(k)) * g).astype(np.int64)
    caller = np.repeat(ent, n)
    callee = pop.victims[rng.integers(0, len(pop.victims), len(caller))]
    dev_c = np.repeat(dev, n)
    imei = s.device_imei0 + dev_c
    return _finish(pop, rng, caller, callee, t, d.cell[dev_c], imei)


def day_calls(pop: Population, day: int, s: Strings) -> Calls:
    rng = np.random.default_rng([pop.seed, day, 1])
    parts = [
        _person_calls(pop, rng, day, s),
        _simbox_calls(pop, rng, day, s),
        _inbound_calls(pop, rng, day, s),
    ]
    first = {k: np.concatenate([p[k] for p in parts]) for k in CALL_COLS}
    back = _return_calls(pop, rng, first, day, s)
    return {k: np.concatenate([first[k], back[k]]) for k in CALL_COLS}


def day_sms(pop: Population, day: int) -> Calls:
    """Verification codes and notices from banks and apps, and a few messages between contacts."""
    rng = np.random.default_rng([pop.seed, day, 2])
    alive = _alive(pop, day)
    got = np.flatnonzero(alive & (rng.random(len(pop.role)) < pop.p_sms_day) & (pop.role != P.SERVICE))
    k = rng.integers(1, 4, len(got))
    receiver = np.repeat(got, k)
    sender = pop.service_start + rng.integers(0, P.N_SERVICE, len(receiver))
    peers = np.flatnonzero(alive & np.isin(pop.role, P.PEOPLE) & (rng.random(len(pop.role)) < 0.08))
    p_to = _callees(pop, rng, peers)
    sender = np.concatenate([sender, peers])
    receiver = np.concatenate([receiver, p_to])
    hour = _hours(rng, "normal", len(sender))
    t = day * 86400 + hour * 3600 + rng.integers(0, 3600, len(sender))
    return {"sender": sender, "receiver": receiver, "t": t}


def _ts(t: np.ndarray) -> pa.Array:
    base = int(START.replace(tzinfo=dt.UTC).timestamp())
    return pa.array(t + base, pa.timestamp("s"))


def calls_table(c: Calls, s: Strings) -> pa.Table:
    order = np.argsort(c["t"], kind="stable")
    c = {k: v[order] for k, v in c.items()}
    imei = c["imei"]
    return pa.table(
        {
            "caller": s.numbers.take(c["caller"]),
            "callee": s.numbers.take(c["callee"]),
            "start_time": _ts(c["t"]),
            "duration_s": pa.array(c["dur"], pa.int32()),
            "answered": pa.array(c["ans"]),
            "cell_id": s.cells.take(c["cell"]),
            "imei": s.imeis.take(pa.array(np.maximum(imei, 0), mask=imei < 0)),
            "imsi": s.imsis.take(c["caller"]),
        }
    )


def sms_table(m: Calls, s: Strings) -> pa.Table:
    order = np.argsort(m["t"], kind="stable")
    return pa.table(
        {
            "sender": s.numbers.take(m["sender"][order]),
            "receiver": s.numbers.take(m["receiver"][order]),
            "time": _ts(m["t"][order]),
        }
    )


def subscribers_table(pop: Population, s: Strings) -> pa.Table:
    n = pop.n_subscribers
    cards = np.array([hashlib.sha256(f"{pop.seed}:{c}".encode()).hexdigest()[:24] for c in pop.id_card[:n]])
    open_date = pa.array(pop.open_day[:n].astype("timedelta64[D]") + np.datetime64(START.date()), pa.date32())
    return pa.table(
        {
            "number": s.numbers.slice(0, n),
            "id_card_hash": pa.array(cards),
            "open_date": open_date,
            "carrier": pa.array(np.array(["cmcc", "cucc", "ctcc"])[pop.carrier[:n]]),
            "plan": pa.array(np.array(["基础套餐", "畅享套餐", "企业套餐", "老年卡"])[pop.plan[:n]]),
            "arpu_yuan": pa.array(pop.arpu[:n]),
            "status": pa.array(np.where(pop.shutdown[:n], "shutdown", "active")),
        }
    )


def labels_table(pop: Population, s: Strings) -> pa.Table:
    """Planted truth: every non-normal number by role, and every SIM-box IMEI."""
    idx = np.flatnonzero((pop.role != P.NORMAL) & (pop.role != P.SERVICE))
    kinds = np.array(P.ROLE_NAMES)[pop.role[idx]]
    n_dev = len(pop.devices.cell)
    dev_imei = s.imeis.take(pa.array(s.device_imei0 + np.arange(n_dev)))
    return pa.table(
        {
            "entity": pa.array(["number"] * len(idx) + ["device"] * n_dev),
            "id": pa.concat_arrays([s.numbers.take(pa.array(idx)), dev_imei]),
            "kind": pa.array(list(kinds) + ["simbox"] * n_dev),
        }
    )


def generate(
    out: Path | str,
    subscribers: int,
    days: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write a population to ``out``; returns row counts per table."""
    out = Path(out)
    (out / "calls").mkdir(parents=True, exist_ok=True)
    (out / "sms").mkdir(parents=True, exist_ok=True)
    pop = P.build(subscribers, days, seed)
    s = _strings(pop)
    rows = {"calls": 0, "sms": 0}
    for day in range(days):
        calls = calls_table(day_calls(pop, day, s), s)
        pq.write_table(calls, out / "calls" / f"part-{day:05d}.parquet", compression="zstd")
        sms = sms_table(day_sms(pop, day), s)
        pq.write_table(sms, out / "sms" / f"part-{day:05d}.parquet", compression="zstd")
        rows["calls"] += calls.num_rows
        rows["sms"] += sms.num_rows
        if progress:
            progress(day + 1, days)
    subs = subscribers_table(pop, s)
    pq.write_table(subs, out / "subscribers.parquet")
    pacsv.write_csv(labels_table(pop, s), out / "labels.csv")
    rows["subscribers"] = subs.num_rows
    return rows
