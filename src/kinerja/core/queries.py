"""Reading many rows fast.

Django fetches a `values_list` queryset 100 rows per round trip and runs every value through
its converters; for the hundreds of thousands of rows of a recap that costs more than the query.
`plain_rows` runs the queryset's own SQL on the database cursor and fetches every row at once.
Only for columns the database returns as Python needs them on every backend: text, integers and
NULL (not dates, decimals, booleans or JSON, which SQLite returns raw).
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import QuerySet


def plain_rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a `values_list` queryset as tuples, in one fetch, without converters."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
