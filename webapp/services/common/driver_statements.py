"""A hot statement compiled once by SQLAlchemy and run on the driver's cursor.

Why: for a scan's two statements and a kept story's one, SQLAlchemy's
per-call machinery (an execution context, result metadata, and the column
descriptions the driver builds for it) cost more CPU than the database spent
running them, and SQLAlchemy has no public way to skip it
(`Connection.exec_driver_sql` still builds both).

What stays SQLAlchemy's: the statement is built and compiled by it, once per
dialect; the columns' own types convert the values both ways (the processors
it would apply); the statement runs in the session's connection and
transaction; `before_cursor_execute` and `after_cursor_execute` listeners are
told of it (with no execution context, and they cannot rewrite it); a driver
error goes through SQLAlchemy's own handling (its exception classes,
`handle_error` listeners, a lost connection invalidated with its pool).
Skipped: `before_execute`/`after_execute` listeners, execution options,
echo logging. Written against SQLAlchemy 2.1 (pyproject.toml keeps it there):
it reads the compiler's bind names, positional order and prefetched defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, cast

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any]


@cache
def on_driver(statement: ClauseElement, dialect: Dialect) -> DriverStatement:
    """The statement compiled for the dialect, once (statements of a hot path
    are built once, so the same object comes back)."""
    return DriverStatement(statement, dialect)


class DriverStatement:
    """One statement returning at most one row we read, as a dict by column name."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("a statement run on the driver must render whole")
        if compiled.escaped_bind_names or compiled.update_prefetch:
            raise ValueError("escaped bind names and onupdate defaults are not run")
        self.sql = compiled.string
        self._compiled = compiled
        self._dialect = dialect
        self._order = compiled.positiontup if compiled.positional else None
        self._binds: dict[str, Processor] = {}
        for bind, name in compiled.bind_names.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self._binds[name] = processor
        self._defaults = {
            column.key: _default_of(column) for column in compiled.insert_prefetch
        }
        # A SELECT's columns, or what an INSERT … RETURNING returns.
        self._selected = list(getattr(statement, "exported_columns", ()))
        names = [column.name for column in self._selected]
        if len(set(names)) != len(names):
            raise ValueError(f"columns of one name would hide each other: {names}")
        # Each column's result processor, made on the first run: some depend
        # on the driver's type code, which only a result describes.
        self._columns: list[tuple[str, Processor | None]] | None = None

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
        cursor = connection.connection.cursor()
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
            # SQLAlchemy's own handling; it raises.
            connection._handle_dbapi_exception(error, self.sql, params, cursor, None)
            raise  # not reached
        finally:
            cursor.close()
        if row is None:
            return None
        return {
            name: processor(value) if processor else value
            for (name, processor), value in zip(columns, row, strict=True)
        }

    def _described(self, cursor) -> list[tuple[str, Processor | None]]:
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


def _default_of(column) -> Callable[[], Any]:
    """A Python-side column default of an INSERT, evaluated per call as
    SQLAlchemy does; a callable one without the execution context it may be
    given (no default of ours reads it)."""
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        raise ValueError(f"{column} has no default to evaluate in Python")
    if default.is_scalar:
        value = default.arg
        return lambda: value
    return lambda: default.arg(None)
