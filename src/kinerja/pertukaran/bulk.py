"""Fast inserts for the importer.

`QuerySet.bulk_create` compiles every value of every row into SQL (about 4 µs per value), which
was most of the time of a 100,000-employee import. `insert_rows` sends prepared rows with one
`executemany` per batch instead: the same single INSERT statement, no model instances. Use it only
for plain rows whose values are already valid (checked by the importer's validation) and whose ids
are not needed, or are read back afterwards with `ids_since`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

BATCH_SIZE = 5000


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Insert `rows` (values in the order of `columns`, model field names) into the model's table;
    returns how many were inserted."""
    fields = [model._meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    # Only names from the model's metadata, quoted by the backend, go into the SQL; the values are
    # parameters.
    sql = "INSERT INTO {table} ({columns}) VALUES ({values})".format(  # noqa: S608
        table=quote(model._meta.db_table),
        columns=", ".join(quote(str(field.column)) for field in fields),  # type: ignore[union-attr]
        values=", ".join(["%s"] * len(fields)),
    )
    inserted = 0
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(sql, batch)
                inserted += len(batch)
                if on_batch:
                    on_batch(len(batch))
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            inserted += len(batch)
            if on_batch:
                on_batch(len(batch))
    return inserted


def last_id(model: type[models.Model]) -> int:
    """The highest primary key of a table (0 when empty): rows inserted later have higher ones."""
    found = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(found or 0)


def ids_since(model: type[models.Model], floor: int, key: str) -> dict[Any, int]:
    """The ids of the rows inserted after `floor` (see `last_id`), by the value of `key`."""
    rows = model._default_manager.filter(pk__gt=floor).values_list(key, "pk")
    return dict(rows)


def date_value(value: datetime.date | None) -> Any:
    return connection.ops.adapt_datefield_value(value)


def datetime_value(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)
