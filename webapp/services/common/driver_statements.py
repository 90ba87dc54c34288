"""A hot statement compiled once by SQLAlchemy and run on the driver's cursor.

SQLAlchemy builds the statement, compiles it once per dialect, and its types
convert the values both ways (the same processors it would apply). Only the
execution skips SQLAlchemy's per-call machinery (an execution context, result
metadata, the driver's column descriptions), which for a scan's two statements
cost more CPU than the database spent running them.

The connection and its transaction stay the session's: the statement runs
inside it, cursor events are dispatched to listeners (told, not asked: a
listener cannot rewrite the statement), and a driver error is raised as
SQLAlchemy's, the connection invalidated when it was lost, as SQLAlchemy does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, cast

from sqlalchemy import exc
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@cache
def on_driver(statement: ClauseElement, dialect: Dialect) -> DriverStatement:
    """The statement compiled for the dialect, once (statements of a hot path
    are built once, so the same object comes back)."""
    return DriverStatement(statement, dialect)


class DriverStatement:
    """One statement returning at most one row we read, as a dict by column name."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
        self.sql = compiled.string
        if "POSTCOMPILE" in self.sql:  # values rendered into the text per call
            raise ValueError("a statement run on the driver must render whole")
        self._compiled = compiled
        self._order = compiled.positiontup if compiled.positional else None
        self._dialect = dialect
        self._binds: dict[str, Callable[[Any], Any]] = {}
        for bind, name in compiled.bind_names.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self._binds[name] = processor
        # Python-side column defaults of an INSERT, evaluated per call as
        # SQLAlchemy does (a callable one without the execution context,
        # which no default of ours reads).
        self._defaults: dict[str, Callable[[], Any]] = {}
        for column in getattr(compiled, "insert_prefetch", ()):
            self._defaults[column.key] = _default_of(column)
        # A SELECT's columns, or what an INSERT … RETURNING returns.
        self._selected = list(getattr(statement, "exported_columns", ()))
        # Each column's result processor, made on the first run: some depend
        # on the driver's type code, which only a result describes.
        self._columns: list[tuple[str, Callable[[Any], Any] | None]] | None = None

    def first(self, connection: Connection, values: Mapping[str, Any]) -> dict | None:
        """Run with values (by bind name) on the connection: its first row."""
        given = {name: make() for name, make in self._defaults.items()}
        given.update(values)
        named = dict(self._compiled.construct_params(given) or {})
        for name, processor in self._binds.items():
            named[name] = processor(named[name])
        params: dict | tuple = named
        if self._order is not None:  # a positional paramstyle (SQLite's qmark)
            params = tuple(named[name] for name in self._order)
        dbapi_connection = connection.connection
        cursor = dbapi_connection.cursor()
        dispatch = connection.dispatch
        try:
            dispatch.before_cursor_execute(
                connection, cursor, self.sql, params, None, False
            )
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
            columns = self._columns or self._described(cursor)
            dispatch.after_cursor_execute(
                connection, cursor, self.sql, params, None, False
            )
        except self._dialect.loaded_dbapi.Error as error:
            raise self._translated(connection, cursor, params, error) from error
        finally:
            cursor.close()
        if row is None:
            return None
        return {
            name: processor(value) if processor else value
            for (name, processor), value in zip(columns, row, strict=True)
        }

    def _described(self, cursor) -> list[tuple[str, Callable[[Any], Any] | None]]:
        dialect = self._dialect
        self._columns = [
            (
                column.name,
                column.type.dialect_impl(dialect).result_processor(
                    dialect, described[1]
                ),
            )
            for column, described in zip(
                self._selected, cursor.description or (), strict=True
            )
        ]
        return self._columns

    def _translated(self, connection, cursor, params, error) -> exc.DBAPIError:
        lost = self._dialect.is_disconnect(error, connection.connection, cursor)
        if lost:
            connection.invalidate(error)
        return exc.DBAPIError.instance(
            self.sql,
            params,
            error,
            self._dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=self._dialect,
        )


def _default_of(column) -> Callable[[], Any]:
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        raise ValueError(f"{column} has no default to evaluate in Python")
    if default.is_scalar:
        value = default.arg
        return lambda: value
    return lambda: default.arg(None)
