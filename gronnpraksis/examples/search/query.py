"""A search: one statement for the matches, their total, the facet counts and the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.db import connection
from django.db.models import Prefetch

from gronnpraksis.places.models import Municipality

from ..models import Example, ModerationState
from .backends import PostgreSQL, SQLite, current_backend
from .facets import FACETS, FacetValue, clean_filters, facet_values
from .terms import Query, parse_query, with_filters

MAX_PER_PAGE = 100
MAX_PAGE = 10_000
TITLE_WEIGHT, BODY_WEIGHT, PIECE_WEIGHT = 2.5, 1.0, 0.25


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


def search(
    query: str,
    *,
    filters: Mapping[str, Iterable[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResult:
    """Published examples matching every word of `query` (all of them when nothing is typed) and
    `filters` (facet name → values: any of a facet's values, every facet), sorted by "relevance" or
    "newest". Text without a word to search for (only symbols, emoji or stop words) matches nothing.
    Odd input is never an error: unknown facets and malformed values are ignored. Reads only, in at
    most eight queries, however many examples match."""
    chosen = clean_filters(filters or {})
    parsed = parse_query(query) if query.strip() else ()
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    page = min(max(page, 1), MAX_PAGE)
    if query.strip() and not parsed:
        return SearchResult(
            examples=[],
            total=0,
            facets=facet_values({name: {} for name in FACETS}, chosen),
            page=page,
            per_page=per_page,
        )
    backend = current_backend()
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
        facets=facet_values(counts, chosen),
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


def _statements(
    backend: SQLite | PostgreSQL,
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
    everything = with_filters(query, chosen)
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
        if others := with_filters(query, chosen, leave_out=name):
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
