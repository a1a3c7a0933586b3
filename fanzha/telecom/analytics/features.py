# ruff: noqa: S608  (SQL is assembled from this package's constants and quoted file paths, never user text)
"""Feature definitions, written once as SQL that both DuckDB and Spark SQL run.

Engines first expose normalised views (built with the per-engine :class:`Dialect`, the only
place the two SQL dialects differ):

- ``calls_n(caller, callee, t_s, day, hod, duration_s, answered, cell_id, imei, imsi)``
- ``sms_n(sender, receiver, t_s, day)``
- ``subs_n(number, id_card_hash, open_day, arpu_yuan, status)``

where ``t_s`` is epoch seconds, ``day`` whole days since 1970-01-01 and ``hod`` the hour of
day. Everything after that — the :data:`STEPS` below — is plain SQL from the common subset
(COUNT DISTINCT, CASE, LAG, STDDEV_POP, GREATEST/LEAST, NULLIF, COALESCE, BIT_OR, BIT_COUNT,
POWER).
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import INPUT_TABLES, SourceFile, TimeSource


@dataclass(frozen=True)
class Dialect:
    name: str
    string_type: str
    int_div: str  # integer division operator
    ts_native: str  # epoch seconds of a TIMESTAMP/DATE value {c}
    ts_text: str  # epoch seconds of ISO 8601 text {c}

    def seconds(self, col: str, source: TimeSource) -> str:
        if source == "epoch":
            return f"CAST(FLOOR(CAST({col} AS DOUBLE)) AS BIGINT)"
        return (self.ts_native if source == "native" else self.ts_text).format(c=col)

    def cast(self, col: str, kind: str) -> str:
        types = {"text": self.string_type, "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
        return f"CAST({col} AS {types[kind]})"


DUCKDB = Dialect(
    "duckdb",
    "VARCHAR",
    "//",
    "CAST(FLOOR(epoch(CAST({c} AS TIMESTAMP))) AS BIGINT)",
    "CAST(FLOOR(epoch(CAST({c} AS TIMESTAMP))) AS BIGINT)",
)
SPARK = Dialect(
    "spark",
    "STRING",
    "DIV",
    "unix_timestamp(CAST({c} AS TIMESTAMP))",
    "unix_timestamp(CAST({c} AS TIMESTAMP))",
)

SHUTDOWN_STATUSES = ("shutdown", "停机", "销户", "closed", "suspended", "inactive")


def _raw_columns(table: str, source: SourceFile | None, d: Dialect) -> list[str]:
    """Typed columns of one input table, before the derived time columns."""
    out = []
    for c in INPUT_TABLES[table].columns:
        q = f"`{c.name}`" if d is SPARK else f'"{c.name}"'
        if c.kind in ("time", "date"):
            src = source.time_source(c.name) if source else "native"
            out.append(f"{d.seconds(q, src)} AS {c.name}" if source else f"CAST(NULL AS BIGINT) AS {c.name}")
        elif source is None:
            types = {"text": d.string_type, "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
            out.append(f"CAST(NULL AS {types[c.kind]}) AS {c.name}")
        else:
            out.append(f"{d.cast(q, c.kind)} AS {c.name}")
    return out


def typed_select(table: str, relation: str, source: SourceFile | None, d: Dialect) -> str:
    """SELECT turning one group of raw files (``relation``) into typed columns."""
    where = "" if source else " WHERE 1 = 0"
    rel = relation if source else "(SELECT 1 AS one) AS empty_input"
    return f"SELECT {', '.join(_raw_columns(table, source, d))} FROM {rel}{where}"


def normalised(table: str, typed: str, d: Dialect) -> str:
    """The ``*_n`` view of a table from its typed union ``typed``."""
    div = d.int_div
    if table == "calls":
        return (
            f"SELECT caller, callee, start_time AS t_s, start_time {div} 86400 AS day, "
            f"(start_time % 86400) {div} 3600 AS hod, duration_s, answered, cell_id, imei, imsi "
            f"FROM ({typed}) AS c WHERE caller IS NOT NULL AND start_time IS NOT NULL"
        )
    if table == "sms":
        return (
            f"SELECT sender, receiver, time AS t_s, time {div} 86400 AS day "
            f"FROM ({typed}) AS s WHERE time IS NOT NULL"
        )
    if table == "subscribers":
        return (
            f"SELECT number, id_card_hash, open_date {div} 86400 AS open_day, arpu_yuan, "
            f"LOWER(status) AS status FROM ({typed}) AS u WHERE number IS NOT NULL"
        )
    return f"SELECT number, domain, time AS t_s FROM ({typed}) AS x"


# --- the feature steps (name, SQL, materialise?) --------------------------------------------
#
# The call table is read only four times, each pass one hash aggregation (or one window) with
# no COUNT(DISTINCT) over raw calls:
#
# - ``f_use``   calls per (caller, handset, SIM, cell): sums, hour bits, first/last hour;
# - ``f_day``   calls per (caller, handset, SIM, day): count and first call;
# - ``f_pairs`` calls per (caller, callee): count and first day;
# - ``f_gaps``  the gaps between one caller's consecutive calls (a window).
#
# Every per-number and per-device feature is then counted from those small pre-grouped tables:
# a distinct count over calls equals a distinct count over the groups that contain them, and
# the distinct hours are the set bits of OR-ed ``2^(hod + 23)`` (``hod`` is -23..23, so the bits
# fit a BIGINT). Sums are re-cast to BIGINT at each level (DuckDB widens SUM to HUGEINT).

_STATUS_LIST = ", ".join(f"'{s}'" for s in SHUTDOWN_STATUSES)

STEPS: list[tuple[str, str, bool]] = [
    (
        "f_use",
        """SELECT caller, imei, imsi, cell_id,
          COUNT(*) AS n,
          COUNT(CASE WHEN answered THEN 1 END) AS answered_n,
          COUNT(CASE WHEN duration_s < 10 THEN 1 END) AS short_n,
          CAST(SUM(duration_s) AS BIGINT) AS talk_s,
          COUNT(CASE WHEN hod >= 13 AND hod < 18 THEN 1 END) AS afternoon_n,
          BIT_OR(CAST(POWER(2, hod + 23) AS BIGINT)) AS hour_bits,
          MIN(hod) AS first_hod,
          MAX(hod) AS last_hod
        FROM calls_n GROUP BY caller, imei, imsi, cell_id""",
        True,
    ),
    (
        "f_day",
        """SELECT caller, imei, imsi, day, COUNT(*) AS n, MIN(t_s) AS first_t
        FROM calls_n GROUP BY caller, imei, imsi, day""",
        True,
    ),
    ("f_bounds", "SELECT MIN(day) AS d0, MAX(day) AS d1 FROM f_day", True),
    (
        "f_daily",
        """SELECT caller AS number, COUNT(*) AS active_days, MIN(day) AS first_out_day,
          MAX(n) AS max_daily_calls
        FROM (SELECT caller, day, CAST(SUM(n) AS BIGINT) AS n FROM f_day GROUP BY caller, day) AS d
        GROUP BY caller""",
        True,
    ),
    (
        "f_out",
        """SELECT u.number, u.out_calls, u.answered_out, u.short_out, u.out_talk_s, u.active_hours,
          d.active_days, d.first_out_day, u.handsets, u.no_imei_calls, u.cells, u.afternoon_calls
        FROM (SELECT caller AS number,
            CAST(SUM(n) AS BIGINT) AS out_calls,
            CAST(SUM(answered_n) AS BIGINT) AS answered_out,
            CAST(SUM(short_n) AS BIGINT) AS short_out,
            CAST(SUM(talk_s) AS BIGINT) AS out_talk_s,
            CAST(BIT_COUNT(BIT_OR(hour_bits)) AS BIGINT) AS active_hours,
            COUNT(DISTINCT imei) AS handsets,
            CAST(SUM(CASE WHEN imei IS NULL THEN n ELSE 0 END) AS BIGINT) AS no_imei_calls,
            COUNT(DISTINCT cell_id) AS cells,
            CAST(SUM(afternoon_n) AS BIGINT) AS afternoon_calls
          FROM f_use GROUP BY caller) AS u
        JOIN f_daily AS d ON u.number = d.number""",
        True,
    ),
    (
        "f_pairs",
        """SELECT caller, callee, COUNT(*) AS n, MIN(day) AS first_day
        FROM calls_n WHERE callee IS NOT NULL GROUP BY caller, callee""",
        True,
    ),
    (
        "f_callback",
        """SELECT a.caller AS number, COUNT(*) AS distinct_callees,
          CAST(SUM(CASE WHEN b.caller IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS called_back,
          CAST(SUM(CASE WHEN a.n >= 2 THEN 1 ELSE 0 END) AS BIGINT) AS repeat_callees
        FROM f_pairs AS a LEFT JOIN f_pairs AS b ON a.callee = b.caller AND a.caller = b.callee
        GROUP BY a.caller""",
        True,
    ),
    (
        "f_in",
        """SELECT callee AS number, CAST(SUM(n) AS BIGINT) AS in_calls, COUNT(*) AS in_callers,
          MIN(first_day) AS first_in_day
        FROM f_pairs GROUP BY callee""",
        True,
    ),
    (
        "f_gaps",
        """SELECT caller AS number, AVG(gap) AS gap_mean, STDDEV_POP(gap) AS gap_sd
        FROM (SELECT caller, t_s - LAG(t_s) OVER (PARTITION BY caller ORDER BY t_s) AS gap
              FROM calls_n) AS g
        WHERE gap > 0 AND gap <= 3600 GROUP BY caller""",
        True,
    ),
    (
        "f_sms",
        """SELECT receiver AS number, COUNT(DISTINCT day) AS sms_in_days, MIN(day) AS first_sms_day
        FROM sms_n WHERE receiver IS NOT NULL GROUP BY receiver""",
        True,
    ),
    (
        "f_subs",
        """SELECT u.number, MIN(u.open_day) AS open_day, MAX(u.arpu_yuan) AS arpu_yuan,
          MAX(CASE WHEN u.status IN ("""
        + _STATUS_LIST
        + """) THEN 1 ELSE 0 END) AS shutdown,
          MAX(COALESCE(k.numbers_on_card, 1)) AS numbers_on_card
        FROM subs_n AS u LEFT JOIN (
          SELECT id_card_hash, COUNT(DISTINCT number) AS numbers_on_card FROM subs_n
          WHERE id_card_hash IS NOT NULL GROUP BY id_card_hash) AS k
          ON u.id_card_hash = k.id_card_hash
        GROUP BY u.number""",
        True,
    ),
    ("f_handset_use", "SELECT DISTINCT imei, caller FROM f_use WHERE imei IS NOT NULL", True),
    (
        "f_dev",
        """SELECT u.imei, u.calls, u.sims, u.numbers, u.cells, u.active_hours, d.active_days,
          u.first_hour, u.last_hour, u.answered_calls, u.short_calls
        FROM (SELECT imei, CAST(SUM(n) AS BIGINT) AS calls, COUNT(DISTINCT imsi) AS sims,
            COUNT(DISTINCT caller) AS numbers, COUNT(DISTINCT cell_id) AS cells,
            CAST(BIT_COUNT(BIT_OR(hour_bits)) AS BIGINT) AS active_hours,
            MIN(first_hod) AS first_hour, MAX(last_hod) AS last_hour,
            CAST(SUM(answered_n) AS BIGINT) AS answered_calls,
            CAST(SUM(short_n) AS BIGINT) AS short_calls
          FROM f_use WHERE imei IS NOT NULL GROUP BY imei) AS u
        JOIN (SELECT imei, COUNT(DISTINCT day) AS active_days FROM f_day
          WHERE imei IS NOT NULL GROUP BY imei) AS d ON u.imei = d.imei""",
        True,
    ),
    (
        "f_dev_sync",
        """SELECT imei, AVG(spread_s) AS power_on_spread_s FROM (
          SELECT imei, day, STDDEV_POP(first_t) AS spread_s, COUNT(*) AS k FROM (
            SELECT imei, day, imsi, MIN(first_t) AS first_t FROM f_day
            WHERE imei IS NOT NULL AND imsi IS NOT NULL GROUP BY imei, day, imsi) AS x
          GROUP BY imei, day) AS y
        WHERE k >= 2 GROUP BY imei""",
        True,
    ),
    (
        "number_features",
        """SELECT o.number,
          o.out_calls, o.active_days, o.active_hours, o.handsets, o.cells,
          COALESCE(cb.distinct_callees, 0) AS distinct_callees,
          COALESCE(i.in_calls, 0) AS in_calls,
          COALESCE(i.in_callers, 0) AS in_callers,
          CAST(o.out_calls AS DOUBLE) / (o.out_calls + COALESCE(i.in_calls, 0)) AS outgoing_share,
          CAST(o.answered_out AS DOUBLE) / o.out_calls AS answer_rate,
          CAST(o.short_out AS DOUBLE) / o.out_calls AS short_share,
          COALESCE(CAST(cb.called_back AS DOUBLE) / NULLIF(cb.distinct_callees, 0), 0) AS callback_rate,
          COALESCE(CAST(cb.repeat_callees AS DOUBLE) / NULLIF(cb.distinct_callees, 0), 0)
            AS repeat_callee_share,
          CAST(COALESCE(cb.distinct_callees, 0) AS DOUBLE) / o.out_calls AS new_callee_ratio,
          CAST(o.afternoon_calls AS DOUBLE) / o.out_calls AS afternoon_share,
          CAST(o.out_talk_s AS DOUBLE) / o.out_calls AS mean_talk_s,
          CAST(o.no_imei_calls AS DOUBLE) / o.out_calls AS no_imei_share,
          COALESCE(sp.sims_per_handset, 0) AS sims_per_handset,
          COALESCE(s.sms_in_days, 0) AS sms_in_days,
          d.max_daily_calls,
          CAST(o.out_calls AS DOUBLE) / o.active_days AS calls_per_active_day,
          COALESCE(g.gap_sd / NULLIF(g.gap_mean, 0), -1) AS gap_cv,
          LEAST(o.first_out_day, COALESCE(i.first_in_day, o.first_out_day),
                COALESCE(s.first_sms_day, o.first_out_day))
            - GREATEST(b.d0, COALESCE(u.open_day, b.d0)) AS dormant_days,
          LEAST(o.first_out_day, COALESCE(i.first_in_day, o.first_out_day),
                COALESCE(s.first_sms_day, o.first_out_day))
            - COALESCE(u.open_day, b.d0) AS idle_before_days,
          COALESCE(b.d1 - u.open_day, -1) AS account_age_days,
          COALESCE(u.arpu_yuan, -1) AS arpu_yuan,
          COALESCE(u.shutdown, 0) AS shutdown,
          COALESCE(u.numbers_on_card, 0) AS numbers_on_card
        FROM f_out AS o
        CROSS JOIN f_bounds AS b
        LEFT JOIN f_callback AS cb ON o.number = cb.number
        LEFT JOIN f_in AS i ON o.number = i.number
        LEFT JOIN f_daily AS d ON o.number = d.number
        LEFT JOIN f_gaps AS g ON o.number = g.number
        LEFT JOIN f_sms AS s ON o.number = s.number
        LEFT JOIN f_subs AS u ON o.number = u.number
        LEFT JOIN (SELECT h.caller AS number, MAX(v.sims) AS sims_per_handset
                   FROM f_handset_use AS h JOIN f_dev AS v ON h.imei = v.imei
                   GROUP BY h.caller) AS sp ON o.number = sp.number""",
        False,
    ),
    (
        "device_features",
        """SELECT v.imei, v.calls, v.sims, v.numbers, v.cells, v.active_hours, v.active_days,
          v.first_hour, v.last_hour,
          CAST(v.answered_calls AS DOUBLE) / v.calls AS answer_rate,
          CAST(v.short_calls AS DOUBLE) / v.calls AS short_share,
          COALESCE(y.power_on_spread_s, -1) AS power_on_spread_s,
          COALESCE(m.callback_rate, 0) AS callback_rate,
          COALESCE(m.new_callee_ratio, 0) AS new_callee_ratio,
          COALESCE(m.sms_in_days, 0) AS sms_in_days
        FROM f_dev AS v
        LEFT JOIN f_dev_sync AS y ON v.imei = y.imei
        LEFT JOIN (
          SELECT h.imei,
            AVG(COALESCE(CAST(cb.called_back AS DOUBLE) / NULLIF(cb.distinct_callees, 0), 0))
              AS callback_rate,
            AVG(CAST(COALESCE(cb.distinct_callees, 0) AS DOUBLE) / o.out_calls) AS new_callee_ratio,
            AVG(CAST(COALESCE(s.sms_in_days, 0) AS DOUBLE)) AS sms_in_days
          FROM f_handset_use AS h
          JOIN f_out AS o ON h.caller = o.number
          LEFT JOIN f_callback AS cb ON h.caller = cb.number
          LEFT JOIN f_sms AS s ON h.caller = s.number
          GROUP BY h.imei) AS m ON v.imei = m.imei""",
        False,
    ),
]

REACHED_SQL = """SELECT c.caller AS flagged_number, c.callee AS victim_number,
  COUNT(*) AS calls, CAST(SUM(c.duration_s) AS BIGINT) AS talk_s
FROM calls_n AS c JOIN flagged AS f ON c.caller = f.number
WHERE c.answered AND c.callee IS NOT NULL
GROUP BY c.caller, c.callee"""

DEVICE_SIMS_SQL = """SELECT DISTINCT h.imei, h.caller AS number
FROM f_handset_use AS h JOIN flagged_devices AS f ON h.imei = f.imei"""

DEVICE_CELLS_SQL = """SELECT DISTINCT u.imei, u.cell_id
FROM f_use AS u JOIN flagged_devices AS f ON u.imei = f.imei WHERE u.cell_id IS NOT NULL"""
