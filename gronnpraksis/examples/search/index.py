"""Keeping the index current: an example's rows written anew, or the whole index rebuilt."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from typing import Any, NamedTuple

from django.db import connection, transaction

from ..models import Example, ModerationState, SearchTerm
from .backends import Document, PostgreSQL, SQLite, current_backend
from .facets import FACETS, FILTER_VALUE, PLACES, THEMES
from .terms import pieces, terms

MAX_TITLE_TERMS, MAX_BODY_TERMS = 100, 3000  # distinct terms per example (a tsvector holds 1 MB)
BATCH_SIZE = 1000
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
    for pk, *names in THEMES.filter(example__in=examples).values_list("example_id", "theme__name"):
        texts[pk].extend(names)
    for pk, *names in PLACES.filter(example__in=examples).values_list(
        "example_id", "municipality__name", "municipality__name_norwegian", "municipality__county__short_name"
    ):
        texts[pk].extend(names)
    facets: dict[int, dict[tuple[str, str], None]] = {pk: {} for pk in texts}
    for name, facet in FACETS.items():
        for pk, value in facet.pairs(examples):
            if FILTER_VALUE.fullmatch(str(value)):  # what a filter can ask for
                facets[pk][name, str(value)] = None
    return _Source(created, texts, facets)


def _documents(source: _Source) -> list[Document]:
    """The index documents, by id: words to terms and pieces (Python only, no queries)."""
    documents = []
    for pk, (title, *body) in source.texts.items():
        title_terms, body_terms = terms(title)[:MAX_TITLE_TERMS], terms(" ".join(body))[:MAX_BODY_TERMS]
        found = dict.fromkeys(chain.from_iterable(map(pieces, dict.fromkeys(title_terms + body_terms))))
        documents.append(
            Document(pk, source.created[pk], title_terms, body_terms, list(found), list(source.facets[pk]))
        )
    return documents


def _write(cursor: Any, backend: SQLite | PostgreSQL, documents: list[Document]) -> set[str]:
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
    backend = current_backend()
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
    backend = current_backend()
    ids = list(Example.objects.published().order_by("pk").values_list("pk", flat=True))
    batches = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
    vocabulary: set[str] = set()
    with connection.cursor() as cursor:
        backend.delete(cursor, None)
        SearchTerm.objects.all().delete()

        def write() -> None:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reindex") as terms_maker:
                pending: Future[list[Document]] | None = None
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
