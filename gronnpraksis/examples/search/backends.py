"""The index on each database: how documents are written, removed and rebuilt, how a lookup reads,
and how a facet is counted over many matches."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.db import connection

from ..models import ExampleFacet
from .terms import facet_token, fts5_query, tsquery


@dataclass(frozen=True)
class Document:
    example_id: int
    created_at: Any  # as the database stores it
    title: list[str]
    body: list[str]
    pieces: list[str]
    facets: list[tuple[str, str]]

    @property
    def tokens(self) -> list[str]:
        """Everything the index lookups match: terms, pieces and filter values."""
        facets = [facet_token(name, value) for name, value in self.facets]
        return list(dict.fromkeys(chain(self.title, self.body, self.pieces, facets)))

    @property
    def row(self) -> tuple[Any, ...]:
        """The row of `examples_search_text`: id, created, the packed filter values ("theme:energi
        county:42"), and title and body terms for relevance, a space around each, so instr(' term ')
        finds a term."""
        packed = " ".join(f"{name}:{value}" for name, value in self.facets)
        return (
            self.example_id,
            self.created_at,
            packed,
            f" {' '.join(self.title)} ",
            f" {' '.join(self.body)} ",
        )


class SQLite:
    """FTS5 keeps the tokens as text; filter values are counted from the `ExampleFacet` rows."""

    lookup = "SELECT rowid AS id FROM examples_search WHERE examples_search MATCH %s"
    render = staticmethod(fts5_query)
    contains = "instr"

    @staticmethod
    @contextmanager
    def reading() -> Iterator[None]:
        yield  # no transaction: with IMMEDIATE transactions it would take the write lock

    @staticmethod
    def count(source: str, name: str) -> tuple[str, list[Any]]:
        """(facet, value, count) of one facet over the examples in `source`."""
        # CROSS JOIN keeps SQLite's order: the matches first, then their facet rows by primary key.
        sql = (
            f"SELECT f.facet, f.value, COUNT(*) FROM {source} m CROSS JOIN examples_examplefacet f "  # noqa: S608 - names of our CTEs
            "WHERE f.example_id = m.id AND f.facet = %s GROUP BY f.facet, f.value"
        )
        return sql, [name]

    def delete(self, cursor: Any, ids: list[int] | None) -> None:
        tables = ("examples_search_text", "examples_examplefacet")
        if ids is None:
            for table in ("examples_search", *tables):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - the table names are ours
            return
        rows = [(i,) for i in ids]
        cursor.executemany("DELETE FROM examples_search WHERE rowid = %s", rows)
        for table in tables:
            cursor.executemany(f"DELETE FROM {table} WHERE example_id = %s", rows)  # noqa: S608

    def rebuild(self, cursor: Any, write: Callable[[], None]) -> None:
        write()

    def insert(self, cursor: Any, documents: list[Document]) -> None:
        """Rows in ascending id order: FTS5 flushes its pending terms whenever an id goes down."""
        cursor.executemany(
            "INSERT INTO examples_search (rowid, tokens) VALUES (%s, %s)",
            [(d.example_id, " ".join(d.tokens)) for d in documents],
        )
        cursor.executemany(
            "INSERT INTO examples_search_text (example_id, created_at, facets, title, body) "
            "VALUES (%s, %s, %s, %s, %s)",
            [d.row for d in documents],
        )
        cursor.executemany(
            "INSERT INTO examples_examplefacet (example_id, facet, value) VALUES (%s, %s, %s)",
            [(d.example_id, name, value) for d in documents for name, value in d.facets],
        )


class PostgreSQL:
    """A tsvector of the tokens (no positions) with a GIN index, and the filter values as JSON in the
    same row, counted where the lookup reads it. Title and body live apart, to keep these rows small."""

    lookup = "SELECT example_id AS id, facets FROM examples_search WHERE document @@ %s::tsquery"
    render = staticmethod(tsquery)
    contains = "strpos"
    index = "CREATE INDEX examples_search_document ON examples_search USING gin (document)"

    @staticmethod
    @contextmanager
    def reading() -> Iterator[None]:
        """Plan without JIT (compiling takes longer than the statement) and without sequential scans:
        the planner does not count reading each row's out-of-line tsvector, and for a common word it
        would rather read every document (1.5 s at 100,000 examples) than use the index (30 ms). Both
        settings are set back afterwards (two short statements; no transaction is needed)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT jit, seqscan, set_config('jit', 'off', false), set_config('enable_seqscan', 'off', false) "
                "FROM (SELECT current_setting('jit') AS jit, current_setting('enable_seqscan') AS seqscan "
                "OFFSET 0) AS before"
            )
            before = cursor.fetchone()[:2]
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('jit', %s, false), set_config('enable_seqscan', %s, false)", before
                )

    @staticmethod
    def count(source: str, name: str) -> tuple[str, list[Any]]:
        """(facet, value, count) of one facet over the examples in `source`: the matches are grouped by
        their list of values first (a few hundred lists for ten thousand matches), and only the lists
        are taken apart, which takes a third less time than taking each match's list apart."""
        sql = (
            f"SELECT %s, v, SUM(n)::bigint FROM (SELECT m.facets -> %s AS vs, COUNT(*) AS n FROM {source} m "  # noqa: S608 - names of our CTEs
            "GROUP BY 1) AS g CROSS JOIN jsonb_array_elements_text(g.vs) AS v GROUP BY v"
        )
        return sql, [name, name]

    def delete(self, cursor: Any, ids: list[int] | None) -> None:
        tables = ("examples_search", "examples_search_text", "examples_examplefacet")
        if ids is None:  # TRUNCATE leaves no dead rows
            _check_deferred_foreign_keys(cursor)
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
            return
        for table in tables:
            cursor.execute(f"DELETE FROM {table} WHERE example_id = ANY(%s)", [ids])  # noqa: S608

    def rebuild(self, cursor: Any, write: Callable[[], None]) -> None:
        """Fill the emptied tables without the GIN index and the facet rows' indexes, and build those
        once at the end: three times faster for the GIN index. Searches wait meanwhile (the tables are
        locked). The facet indexes are the model's, made by the schema editor (in this transaction)."""
        facet_indexes = ExampleFacet._meta.indexes
        with connection.schema_editor() as editor:
            for index in facet_indexes:
                editor.remove_index(ExampleFacet, index)
        cursor.execute("DROP INDEX examples_search_document")
        write()
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(self.index)
        _check_deferred_foreign_keys(cursor)
        with connection.schema_editor() as editor:
            for index in facet_indexes:
                editor.add_index(ExampleFacet, index)

    def insert(self, cursor: Any, documents: list[Document]) -> None:
        """COPY, which psycopg writes in C: rows and arrays as parameters cost ten times more."""
        raw = cursor.cursor
        with raw.copy("COPY examples_search (example_id, document, facets) FROM STDIN") as copy:
            for d in documents:
                grouped: dict[str, list[str]] = {}
                for name, value in d.facets:
                    grouped.setdefault(name, []).append(value)
                # A tsvector literal of bare lexemes: the tokens hold no quotes, backslashes or spaces.
                copy.write_row((d.example_id, "'" + "' '".join(d.tokens) + "'", json.dumps(grouped)))
        with raw.copy(
            "COPY examples_search_text (example_id, created_at, facets, title, body) FROM STDIN"
        ) as copy:
            for d in documents:
                copy.write_row(d.row)
        with raw.copy("COPY examples_examplefacet (example_id, facet, value) FROM STDIN") as copy:
            for d in documents:
                for name, value in d.facets:
                    copy.write_row((d.example_id, name, value))


def _check_deferred_foreign_keys(cursor: Any) -> None:
    """Run the foreign key checks that wait for the end of the transaction (Django's foreign keys are
    deferred) now, and defer again: PostgreSQL refuses to TRUNCATE or index a table with checks pending."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def current_backend() -> SQLite | PostgreSQL:
    return PostgreSQL() if connection.vendor == "postgresql" else SQLite()
