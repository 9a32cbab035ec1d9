"""Search in the example bank: Norwegian words, filters with counts, the same on SQLite and PostgreSQL.

Words become terms here, in Python, for both databases, so both find exactly the same examples:

- A word is a run of Unicode letters and digits (æøå and Sami letters included), NFKC-normalised and
  case-folded; Snowball's Norwegian stop words are left out.
- Its *term* is its Snowball Norwegian stem, with one rule Snowball lacks: an unstressed -el loses its e,
  as Norwegian does before an ending (sykkel → sykl like sykler; eksempel → eksempl like eksempler).
- Each term also yields *pieces*: its beginnings of four letters or more, with the same -el rule
  (sykkelparkering → sykk, sykke, sykl, sykkelp, …), and its endings of three letters or more from the
  third letter on (… parkering, …, utslipp).

A query word's term matches an example that has it as a term or a piece, so a query word finds its
inflected forms, the compounds it begins (sykler → sykkelparkering) and those it ends (utslipp →
klimagassutslippene; bil → elbil). A query compound also matches where both its halves are words of the
bank (sykkelparkering → "parkering for sykler"). Every query word must match. Lookups are exact, never
by prefix, and a query is built from quoted tokens only, so no syntax of the databases can be typed in.
A chosen filter value is a token in the same index, so one lookup applies words and filters.

The index: on SQLite an FTS5 table, on PostgreSQL a tsvector with a GIN index (`examples_search`, made by
migration 0002); a row per example with what a search reads of each match (`examples_search_text`,
migration 0006: when it was created, its filter values packed in one text, the terms of title and body
for relevance); each filter value as an `ExampleFacet` row, for counting over the whole bank or over the
many matches of all filters but one (PostgreSQL keeps these as JSON beside the tsvector); and the words
of the bank as `SearchTerm` rows for splitting compounds. Only published examples are indexed, and
database triggers (migration 0005) remove an example's rows as soon as it is unpublished or deleted by
any path, so the total and the counts trust the index; the page is checked against the example's state.
`reindex(example)` after every change keeps it current (`examples.services.index_example`); a change to
how terms are made needs `reindex_all()`.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any, NamedTuple

import Stemmer
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch, Q, QuerySet, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gronnpraksis.awards.models import Nomination, Prize
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.contributions.models import State as ContributionState
from gronnpraksis.editions.goals import GOALS, goal_label
from gronnpraksis.editions.models import Edition, Phase, Theme
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import County, Municipality

from .models import YEAR_VALIDATORS, Example, ExampleFacet, MeasureType, ModerationState, SearchTerm, Stage

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
MAX_WORD_CHARS = 40
MAX_TITLE_TERMS, MAX_BODY_TERMS = 100, 3000  # distinct terms per example (a tsvector holds 1 MB)
MAX_FILTER_VALUES = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
HEAD_MIN = 4  # beginnings of a term indexed as pieces
TAIL_MIN, TAIL_START = 3, 2  # endings of a term indexed as pieces, from its third letter on
SPLITS_PER_WORD = 3
TITLE_WEIGHT, BODY_WEIGHT, PIECE_WEIGHT = 2.5, 1.0, 0.25
LABELS_SECONDS = 300  # a renamed theme shows its new name in the facets within five minutes
BATCH_SIZE = 1000
FACET_MARK = "\ue000"  # private use: never part of a word, so facet tokens cannot be taken for terms
# The example's own text that is searched (besides the title), as `values_list` lookups.
TEXT_FIELDS = [
    "summary",
    "starting_point",
    "what_was_done",
    "success_factors",
    "barriers",
    "transferability",
    "partners",
    "cost",
    "owner_name",
    "owner_organisation__name",
]

# Snowball's Norwegian stop words (bokmål and nynorsk), as PostgreSQL ships them.
_STOP_WORDS = """og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om
    vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv
    sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned
    skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme
    hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært
    båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne
    hennar hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine
    mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte
    vart"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[^\W_]+")
_SYNCOPE = re.compile(r"([bcdfghjklmnpqrstvwxzðþŋšžčđŧ])\1?el$")
_FILTER_VALUE = re.compile(r"[A-Za-z0-9_-]{1,50}")
_local = threading.local()


# --- Words to terms -----------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words of `text`: NFKC, case-folded runs of letters and digits; overlong runs are dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [word for word in _WORD.findall(folded) if len(word) <= MAX_WORD_CHARS]


def _syncopate(value: str) -> str:
    return _SYNCOPE.sub(r"\1l", value) if len(value) >= 5 else value


@functools.lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The term of one folded word: its Snowball stem, with -el syncopated (sykkel → sykl)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # PyStemmer objects are not thread-safe: one per thread
        stemmer = _local.stemmer = Stemmer.Stemmer("norwegian")
    return _syncopate(stemmer.stemWord(word))


def terms(text: str) -> list[str]:
    """The distinct terms of a text, in order of first appearance, stop words left out."""
    kept = [word for word in dict.fromkeys(words(text)) if word not in STOP_WORDS]
    return list(dict.fromkeys(map(term, kept)))


@functools.lru_cache(maxsize=200_000)
def pieces(value: str) -> tuple[str, ...]:
    """The beginnings and endings of a term that are indexed, so that compounds are found by their parts."""
    heads = [_syncopate(value[:i]) for i in range(HEAD_MIN, len(value))]
    tails = [value[i:] for i in range(TAIL_START, len(value) - TAIL_MIN + 1)]
    return tuple(dict.fromkeys(heads + tails))


def facet_token(name: str, value: str) -> str:
    """The index token of a filter value: the mark, the facet's name, the mark and the value in hex."""
    return f"{FACET_MARK}{name}{FACET_MARK}{value.encode().hex()}"


# --- Queries --------------------------------------------------------------------------------------------

# A query is an AND of words; a word an OR of alternatives; an alternative an AND of groups; a group an
# OR of tokens. A chosen facet is one more word: one group of its values' tokens.
Group = tuple[str, ...]
Alternative = tuple[Group, ...]
Query = tuple[tuple[Alternative, ...], ...]


def parse_query(text: str) -> Query:
    """The query for what a person typed: at most MAX_QUERY_WORDS words of its first MAX_QUERY_CHARS
    characters. A compound is split where both halves are words of the bank (one query)."""
    typed = [w for w in dict.fromkeys(words(text[:MAX_QUERY_CHARS])) if w not in STOP_WORDS]
    splits = {word: _split_candidates(word) for word in typed[:MAX_QUERY_WORDS]}
    wanted = {half for pairs in splits.values() for pair in pairs for half in pair}
    known = (
        set(SearchTerm.objects.filter(term__in=wanted).values_list("term", flat=True)) if wanted else set()
    )
    query = []
    for word, pairs in splits.items():
        found = sorted((p for p in pairs if p[0] in known and p[1] in known), key=lambda p: -min(map(len, p)))
        query.append((((term(word),),), *(((head,), (tail,)) for head, tail in found[:SPLITS_PER_WORD])))
    return tuple(query)


def _split_candidates(word: str) -> list[tuple[str, str]]:
    """(head term, tail term) wherever a compound could be split (sykkel|parkering → sykl, parkering)."""
    pairs = []
    for i in range(2, len(word) - 2):
        head, tail = word[:i], word[i:]
        if head not in STOP_WORDS and tail not in STOP_WORDS and len(term(tail)) >= 3:
            pairs.append((term(head), term(tail)))
    return pairs


def _with_filters(query: Query, chosen: Mapping[str, list[str]], leave_out: str = "") -> Query:
    facets = [((tuple(facet_token(n, v) for v in vs),),) for n, vs in chosen.items() if n != leave_out]
    return (*query, *facets)


def _render(query: Query, quote: str, or_: str, and_: str) -> str:
    def group(tokens: Group) -> str:
        quoted = [quote.format(token) for token in dict.fromkeys(tokens)]
        return quoted[0] if len(quoted) == 1 else "(" + or_.join(quoted) + ")"

    def alternative(groups: Alternative) -> str:
        return group(groups[0]) if len(groups) == 1 else "(" + and_.join(map(group, groups)) + ")"

    return and_.join("(" + or_.join(map(alternative, word)) + ")" for word in query)


def fts5_query(query: Query) -> str:
    """The FTS5 MATCH expression. Tokens are letters, digits and the facet mark, so quoting is enough."""
    return _render(query, '"{}"', " OR ", " AND ")


def tsquery(query: Query) -> str:
    """The PostgreSQL tsquery literal, tokens quoted the same way."""
    return _render(query, "'{}'", " | ", " & ")


# --- Facets ---------------------------------------------------------------------------------------------


def _theme_labels() -> dict[str, str]:
    english = get_language() == "en"
    themes = Theme.objects.values_list("slug", "name", "name_en")
    return {slug: name_en if english and name_en else name for slug, name, name_en in themes}


@dataclass(frozen=True)
class Facet:
    """A filter with counts. `pairs` gives (example id, value) for a queryset of examples; a value is
    what a filter can ask for (letters, digits, - and _). `labels` names every value in the order they
    are shown, in the active language (one query at most; cached for LABELS_SECONDS)."""

    pairs: Callable[[QuerySet[Example]], Iterable[tuple[int, Any]]]
    labels: Callable[[], dict[str, str]]


_THEMES = Example.themes.through._default_manager
_PLACES = Example.municipalities.through._default_manager
_GOALS = Example.goals.through._default_manager
YES = "ja"
NOMINATED, AWARDED = "nominert", "vinner"
PRESENTED = [ContributionState.ACCEPTED, ContributionState.CONFIRMED]
FIRST_YEAR, LAST_YEAR = (validator.limit_value for validator in YEAR_VALIDATORS)


def _choices(choices: Any) -> Callable[[], dict[str, str]]:
    return lambda: {choice.value: str(choice.label) for choice in choices}


def _presented(examples: QuerySet[Example]) -> Iterable[tuple[int, str]]:
    """Editions open to the public where the example was an accepted contribution."""
    contributions = Contribution.objects.filter(example__in=examples, state__in=PRESENTED)
    return contributions.exclude(edition__phase=Phase.PLANNING).values_list("example_id", "edition__slug")


def _awards(examples: QuerySet[Example]) -> Iterable[tuple[int, str]]:
    """Nominated: an eligible nominee of a public edition's prize (as the example's page shows);
    awarded: a winner once the result is published. A winner is both."""
    public = ~Q(round__edition__phase=Phase.PLANNING)
    nominated = Nomination.objects.eligible().filter(public, example__in=examples)
    won = Prize.objects.filter(
        public, nomination__example__in=examples, round__result_published_at__isnull=False
    )
    return chain(
        nominated.values_list("example_id", Value(NOMINATED)),
        won.values_list("nomination__example_id", Value(AWARDED)),
    )


# A new facet is one entry here (its name in lower-case letters only: the index splits tokens at
# anything else), one line in `bank_forms.FILTERS` and one field in `api.ExampleFilters`, then
# `reindex_all()` (`manage.py reindex_examples`). Whatever changes what a facet reads must reindex
# the examples concerned (`examples.services.index_examples`).
FACETS: dict[str, Facet] = {
    "theme": Facet(
        lambda examples: _THEMES.filter(example__in=examples).values_list("example_id", "theme__slug"),
        _theme_labels,
    ),
    "goal": Facet(
        lambda examples: _GOALS.filter(example__in=examples).values_list("example_id", "goal__number"),
        lambda: {str(number): goal_label(number) for number in GOALS},
    ),
    "county": Facet(
        lambda examples: (
            _PLACES.filter(example__in=examples)
            .values_list("example_id", "municipality__county__number")
            .distinct()
        ),
        lambda: dict(County.objects.values_list("number", "short_name")),
    ),
    "municipality": Facet(
        lambda examples: _PLACES.filter(example__in=examples).values_list(
            "example_id", "municipality__number"
        ),
        lambda: dict(Municipality.objects.values_list("number", "name")),
    ),
    "actor": Facet(
        lambda examples: examples.exclude(actor_type="").values_list("pk", "actor_type"),
        _choices(Sector),
    ),
    "stage": Facet(
        lambda examples: examples.exclude(stage="").values_list("pk", "stage"),
        _choices(Stage),
    ),
    "measure": Facet(
        lambda examples: examples.exclude(measure_type="").values_list("pk", "measure_type"),
        _choices(MeasureType),
    ),
    "year": Facet(
        lambda examples: examples.filter(start_year__isnull=False).values_list("pk", "start_year"),
        lambda: {str(year): str(year) for year in range(LAST_YEAR, FIRST_YEAR - 1, -1)},
    ),
    "figures": Facet(
        lambda examples: examples.filter(key_figures__isnull=False).values_list("pk", Value(YES)).distinct(),
        lambda: {YES: _("Has key figures")},
    ),
    "edition": Facet(
        _presented,
        lambda: dict(Edition.objects.public().order_by("-starts_on").values_list("slug", "name")),
    ),
    "award": Facet(
        _awards,
        lambda: {NOMINATED: _("Nominated for GrønnPraksisPrisen"), AWARDED: _("Won GrønnPraksisPrisen")},
    ),
}


class FacetValue(NamedTuple):
    value: str
    label: str
    count: int  # type: ignore[assignment]  # a field, hiding tuple.count


@dataclass(frozen=True)
class SearchResult:
    """One page of published examples (in order; owner, themes and places loaded), how many match in
    all, and per facet its values with how many match with that value and the other facets' filters."""

    examples: list[Example]
    total: int
    facets: dict[str, list[FacetValue]]
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


# --- The two databases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Document:
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


class _SQLite:
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

    def insert(self, cursor: Any, documents: list[_Document]) -> None:
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


class _PostgreSQL:
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
        if ids is None:  # TRUNCATE leaves no dead rows; it needs the deferred foreign key checks done
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django's foreign keys are
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
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the rows' foreign keys checked: no index on
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # a table with pending checks
        with connection.schema_editor() as editor:
            for index in facet_indexes:
                editor.add_index(ExampleFacet, index)

    def insert(self, cursor: Any, documents: list[_Document]) -> None:
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


def _backend() -> _SQLite | _PostgreSQL:
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()


# --- Searching ------------------------------------------------------------------------------------------


def search(
    query: str,
    *,
    filters: Mapping[str, Iterable[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResult:
    """Published examples matching every word of `query` (all of them when it has none) and `filters`
    (facet name → values: any of a facet's values, every facet), sorted by "relevance" or "newest".
    Odd input is never an error: unknown facets and malformed values are ignored. Reads only, in at
    most eight queries, however many examples match."""
    chosen = _clean_filters(filters or {})
    parsed = parse_query(query) if query else ()
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    page = min(max(page, 1), MAX_PAGE)
    backend = _backend()
    total = 0
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    ranked: dict[int, int] = {}
    packed: list[str] = []
    with backend.reading(), connection.cursor() as cursor:
        for sql, params in _statements(backend, parsed, chosen, sort, per_page, (page - 1) * per_page):
            cursor.execute(sql, params)
            for name, value, count in cursor.fetchall():
                if name == "#":  # the position on the page, or 0: the order of the rows
                    ranked[int(value)] = count or len(ranked) + 1
                elif name == "@":  # the filter values of a match
                    packed.append(value)
                elif name:
                    counts[name][value] = count
                else:
                    total = count
    _count_packed(packed, counts, skip=chosen)
    ids = sorted(ranked, key=ranked.__getitem__)
    # By primary key (an index on state would tempt SQLite into reading every published example), and
    # checked again: only published examples are ever returned.
    examples = (
        Example.objects.filter(pk__in=ids)
        .select_related("owner_organisation")
        .prefetch_related("themes", Prefetch("municipalities", Municipality.objects.select_related("county")))
    )
    by_id = {e.pk: e for e in examples if e.state == ModerationState.PUBLISHED} if ids else {}
    return SearchResult(
        examples=[by_id[i] for i in ids if i in by_id],
        total=total,
        facets=_facet_values(counts, chosen),
        page=page,
        per_page=per_page,
    )


def _count_packed(packed: list[str], counts: dict[str, dict[str, int]], skip: Mapping[str, Any]) -> None:
    """Add the packed filter values of the matches to `counts`, but for the facets in `skip`. Counting
    here takes a tenth of the time the database takes to count one row per value."""
    for token, count in Counter(chain.from_iterable(value.split() for value in packed)).items():
        name, _colon, value = token.partition(":")
        if name in counts and name not in skip:
            counts[name][value] = count


def _clean_filters(filters: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    chosen = {}
    for name, values in filters.items():
        if name in FACETS and values:
            listed = [values] if isinstance(values, str) else list(values)[:MAX_FILTER_VALUES]
            clean = [v for v in dict.fromkeys(listed) if isinstance(v, str) and _FILTER_VALUE.fullmatch(v)]
            if clean:
                chosen[name] = clean
    return chosen


def _statements(
    backend: _SQLite | _PostgreSQL,
    query: Query,
    chosen: dict[str, list[str]],
    sort: str,
    limit: int,
    offset: int,
) -> list[tuple[str, list[Any]]]:
    """SQL giving rows ("", "", total), (facet, value, count), ("@", packed filter values, 0) and
    ("#", id, position on the page).

    With words or filters it is one statement: `r` holds the matches, scored, with their packed filter
    values, which are counted in Python; a facet with a chosen value is counted over the matches without
    its own filter, which the index finds as fast as the matches, from its rows of filter values (often
    ten times as many matches). Browsing everything counts the facet rows directly and reads the page
    from the index on (state, created_at)."""
    published = str(ModerationState.PUBLISHED)
    everything = _with_filters(query, chosen)
    if not everything:
        counts = (
            "SELECT '', '', COUNT(*) FROM examples_example WHERE state = %s UNION ALL "
            "SELECT facet, value, COUNT(*) FROM examples_examplefacet GROUP BY facet, value"
        )
        page = (
            "SELECT '#', CAST(id AS TEXT), 0 FROM examples_example WHERE state = %s "
            "ORDER BY created_at DESC, id DESC LIMIT %s OFFSET %s"
        )
        return [(counts, [published]), (page, [published, limit, offset])]
    rank = bool(query) and sort != "newest"
    score, score_params = _score(query, backend.contains) if rank else ("0", [])
    ctes = [
        f"matched AS MATERIALIZED ({backend.lookup})",
        # CROSS JOIN keeps SQLite's order: the matches first, then their rows by primary key. The index
        # holds published examples only (migration 0005's triggers).
        f"r AS MATERIALIZED (SELECT t.example_id AS id, {score} AS score, t.created_at AS created_at, "  # noqa: S608 - SQL made here, values as parameters
        "t.facets AS facets FROM matched m CROSS JOIN examples_search_text t WHERE t.example_id = m.id)",
    ]
    params: list[Any] = [backend.render(everything), *score_params]
    arms, arm_params = ["SELECT '', '', COUNT(*) FROM r"], []
    if len(chosen) < len(FACETS):
        arms.append("SELECT '@', facets, 0 FROM r")
    for name in chosen:
        if others := _with_filters(query, chosen, leave_out=name):
            ctes.append(f"without_{name} AS MATERIALIZED ({backend.lookup})")
            params += [backend.render(others)]
            arm, arm_param = backend.count(f"without_{name}", name)
        else:  # the only filter: its counts are those of browsing everything
            arm = "SELECT facet, value, COUNT(*) FROM examples_examplefacet WHERE facet = %s GROUP BY facet, value"
            arm_param = [name]
        arms.append(arm)
        arm_params += arm_param
    order = "score DESC, created_at DESC, id DESC" if rank else "created_at DESC, id DESC"
    arms.append(
        "SELECT '#', CAST(id AS TEXT), n FROM "  # noqa: S608 - a constant ORDER BY
        f"(SELECT id, ROW_NUMBER() OVER (ORDER BY {order}) AS n FROM r ORDER BY n LIMIT %s OFFSET %s) AS page"
    )
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(arms)
    return [(sql, [*params, *arm_params, limit, offset])]


def _score(query: Query, contains: str) -> tuple[str, list[str]]:
    """Relevance, the same on both databases: per query word TITLE_WEIGHT when one of its terms is in
    the title, else BODY_WEIGHT when in the body, else PIECE_WEIGHT (it matched part of a word). No
    inverse document frequency: bm25 computes it with a pass over each term's whole posting list,
    which took longer than the rest of a search, and every result has every query word anyway."""
    cases, params = [], []
    for word in query:
        tokens = [
            f" {t} " for t in dict.fromkeys(t for alternative in word for group in alternative for t in group)
        ]
        title, body = (
            " OR ".join([f"{contains}(t.{column}, %s) > 0"] * len(tokens)) for column in ("title", "body")
        )
        cases.append(
            f"CASE WHEN {title} THEN {TITLE_WEIGHT} WHEN {body} THEN {BODY_WEIGHT} ELSE {PIECE_WEIGHT} END"
        )
        params += tokens * 2
    return "(" + " + ".join(cases) + ")", params


def _facet_values(
    counts: dict[str, dict[str, int]], chosen: dict[str, list[str]]
) -> dict[str, list[FacetValue]]:
    """Values with matches, and chosen values even without, labelled and in the facet's order."""
    facets = {}
    for name, facet in FACETS.items():
        shown = counts[name].keys() | set(chosen.get(name, []))
        key = f"examples.search.labels.{name}.{get_language()}"
        labels: dict[str, str] = cache.get_or_set(key, facet.labels, LABELS_SECONDS) or {}
        facets[name] = [
            FacetValue(v, label, counts[name].get(v, 0)) for v, label in labels.items() if v in shown
        ]
    return facets


# --- Indexing -------------------------------------------------------------------------------------------


class _Source(NamedTuple):
    """What the index documents of some examples are made from, read from the database."""

    created: dict[int, Any]  # id → created_at as the database stores it
    texts: dict[int, list[str]]  # id → title, then the rest of the searched text
    facets: dict[int, dict[tuple[str, str], None]]  # id → (facet, value) in order


def _read(ids: list[int]) -> _Source:
    """The searched text and filter values of the published examples among `ids` (a few queries)."""
    created, texts = {}, {}
    adapt = connection.ops.adapt_datetimefield_value
    # The state is checked here, not in SQL: SQLite would read every published example by the index on
    # (state, created_at) rather than look up the ids by primary key (ten times slower).
    rows = (
        Example.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list("state", "pk", "created_at", "title", *TEXT_FIELDS)
    )
    for state, pk, created_at, title, *rest in rows:
        if state == ModerationState.PUBLISHED:
            created[pk] = adapt(created_at)
            texts[pk] = [title, *(t or "" for t in rest)]
    examples = Example.objects.filter(pk__in=list(texts))
    for pk, *names in _THEMES.filter(example__in=examples).values_list("example_id", "theme__name"):
        texts[pk].extend(names)
    for pk, *names in _PLACES.filter(example__in=examples).values_list(
        "example_id", "municipality__name", "municipality__name_norwegian", "municipality__county__short_name"
    ):
        texts[pk].extend(names)
    facets: dict[int, dict[tuple[str, str], None]] = {pk: {} for pk in texts}
    for name, facet in FACETS.items():
        for pk, value in facet.pairs(examples):
            if _FILTER_VALUE.fullmatch(str(value)):  # what a filter can ask for
                facets[pk][name, str(value)] = None
    return _Source(created, texts, facets)


def _documents(source: _Source) -> list[_Document]:
    """The index documents, by id: words to terms and pieces (Python only, no queries)."""
    documents = []
    for pk, (title, *body) in source.texts.items():
        title_terms, body_terms = terms(title)[:MAX_TITLE_TERMS], terms(" ".join(body))[:MAX_BODY_TERMS]
        found = dict.fromkeys(chain.from_iterable(map(pieces, dict.fromkeys(title_terms + body_terms))))
        documents.append(
            _Document(pk, source.created[pk], title_terms, body_terms, list(found), list(source.facets[pk]))
        )
    return documents


def _write(cursor: Any, backend: _SQLite | _PostgreSQL, documents: list[_Document]) -> set[str]:
    """Index the documents (not in the index yet); returns their terms for splitting compounds."""
    if documents:
        backend.insert(cursor, documents)
    return {value for d in documents for value in (*d.title, *d.body) if len(value) >= 2}


def _remember(vocabulary: set[str]) -> None:
    SearchTerm.objects.bulk_create([SearchTerm(term=value) for value in vocabulary], ignore_conflicts=True)


def reindex(example: Example) -> None:
    """Bring one example's index entry up to date: written anew when it is published, removed
    otherwise. Writes its index, text and facet rows and remembers new words for splitting compounds."""
    reindex_ids([example.pk])


@transaction.atomic
def reindex_ids(ids: Iterable[int]) -> None:
    """`reindex` for the examples with these ids (ids of deleted examples are simply removed)."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    backend = _backend()
    with connection.cursor() as cursor:
        backend.delete(cursor, wanted)
        _remember(_write(cursor, backend, _documents(_read(wanted))))


@transaction.atomic
def reindex_all(*, batch_size: int = BATCH_SIZE) -> int:
    """Rebuild the whole index and the words from the published examples, in one transaction (on
    PostgreSQL searches wait for it). Returns how many examples were indexed.

    Batches go through a pipeline: while the database writes one batch (SQLite in C, PostgreSQL in its
    own process, both without Python's lock), a thread makes the next batch's terms, so the two cores
    work at once. The thread runs Python only; every query stays on this thread's connection."""
    backend = _backend()
    ids = list(Example.objects.published().order_by("pk").values_list("pk", flat=True))
    batches = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
    vocabulary: set[str] = set()
    with connection.cursor() as cursor:
        backend.delete(cursor, None)
        SearchTerm.objects.all().delete()

        def write() -> None:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reindex") as terms_maker:
                pending: Future[list[_Document]] | None = None
                for batch in batches:
                    made = terms_maker.submit(_documents, _read(batch))
                    if pending is not None:
                        vocabulary.update(_write(cursor, backend, pending.result()))
                    pending = made
                if pending is not None:
                    vocabulary.update(_write(cursor, backend, pending.result()))

        backend.rebuild(cursor, write)
    _remember(vocabulary)
    return len(ids)
