"""Many rows in few statements, for imports, generators and batched sightings.

Django's `bulk_create` and `bulk_update` prepare every value through the whole expression machinery
(`bulk_update` builds a CASE WHEN per field and row); at a few hundred thousand rows that costs far
more than the database's own work. These helpers send one parameterized statement with
`executemany` and convert only the values whose field needs it (dates, decimals, JSON). Table and
column names come from model metadata, quoted; values are always parameters. Model signals and
`save()` are skipped, as with Django's bulk methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

# Fields whose Python value is already what the database driver takes.
_PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}

Convert = Callable[[Any], Any] | None


def _converter(field: models.Field[Any, Any]) -> Convert:
    kind = field.get_internal_type()
    if kind in _PLAIN:
        return None
    ops = connection.ops
    if kind == "DateTimeField":  # aware datetimes straight to the backend's form
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    return lambda value: field.get_db_prep_save(value, connection)


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def _columns(model: type[models.Model], fields: Sequence[str]) -> tuple[list[str], list[Convert]]:
    found = [_field(model, name) for name in fields]
    qn = connection.ops.quote_name
    return [qn(f.column) for f in found], [_converter(f) for f in found]


def _prepared(rows: Iterable[Sequence[Any]], converters: list[Convert]) -> list[list[Any]]:
    if not any(converters):
        return [list(row) for row in rows]
    return [[c(v) if c else v for c, v in zip(converters, row, strict=True)] for row in rows]


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """INSERT one row per tuple (values in `fields` order; foreign keys as ids, `"unit"` or
    `"unit_id"` alike). With `ignore_conflicts`, rows that break a unique constraint are skipped
    (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike)."""
    columns, converters = _columns(model, fields)
    # Only model metadata (quoted table and column names) goes into the text; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({}){}".format(  # noqa: S608
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(columns),
        ", ".join(["%s"] * len(columns)),
        " ON CONFLICT DO NOTHING" if ignore_conflicts else "",
    )
    params = _prepared(rows, converters)
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def update_values(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """UPDATE … WHERE pk = last value, one parameterized statement per row sent with executemany;
    each tuple holds the new values in `fields` order, then the primary key."""
    columns, converters = _columns(model, fields)
    pk = connection.ops.quote_name(model._meta.pk.column)
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
        connection.ops.quote_name(model._meta.db_table), ", ".join(f"{c} = %s" for c in columns), pk
    )
    params = _prepared(rows, [*converters, None])
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def update_rows(rows: Sequence[models.Model], fields: Sequence[str]) -> None:
    """Writes `fields` of model instances back, one UPDATE per row (see `update_values`)."""
    if not rows:
        return
    model = type(rows[0])
    attnames = [_field(model, name).attname for name in fields]
    update_values(model, fields, ([getattr(r, a) for a in attnames] + [r.pk] for r in rows))


def insert_objects(objs: Sequence[models.Model], *, ignore_conflicts: bool = False) -> None:
    """INSERT unsaved model instances (every concrete column but an automatic primary key), for
    rows whose ids nobody needs back; `bulk_create` where they are needed."""
    if not objs:
        return
    model = type(objs[0])
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    insert_rows(
        model,
        [f.attname for f in fields],
        # pre_save fills auto_now(_add) stamps, as bulk_create does; other fields return their value.
        ([f.pre_save(obj, True) for f in fields] for obj in objs),
        ignore_conflicts=ignore_conflicts,
    )


def values_among(model: type[models.Model], field: str, values: Sequence[Any], **equal: Any) -> list[Any]:
    """The values of `field` among `values` that rows of `model` hold, where the other fields
    equal `equal` (`values_among(Indicator, "value", ["a", "b"], kind="phone")`): one SELECT
    written out. For lookups on a request's hot path, where building the query through the ORM
    costs several times what the database takes to answer it. Every value is one parameter:
    callers pass bounded chunks (the detection store's are 500)."""
    if not values:
        return []
    names = [*equal, field]
    columns, _ = _columns(model, names)
    where = " AND ".join(f"{c} = %s" for c in columns[:-1])
    sql = "SELECT {col} FROM {table} WHERE {where}{conj}{col} IN ({marks})".format(  # noqa: S608
        col=columns[-1],
        table=connection.ops.quote_name(model._meta.db_table),
        where=where,
        conj=" AND " if where else "",
        marks=", ".join(["%s"] * len(values)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*equal.values(), *values])
        return [row[0] for row in cursor.fetchall()]
