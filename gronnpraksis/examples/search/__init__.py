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
bank (sykkelparkering → "parkering for sykler"). Every query word must match. A query of at most 12
words of its first 200 characters; text with no word in it (only symbols, emoji or stop words) matches
nothing, rather than everything. Lookups are exact, never
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

The modules: `terms` (words to terms, a query from what was typed), `facets` (the filters, their values
and labels), `backends` (the index on each database), `query` (a search), `index` (keeping it current).
"""

from .facets import FACETS, MAX_FILTER_VALUES, YES, Facet, FacetValue
from .index import BATCH_SIZE, reindex, reindex_all, reindex_ids
from .query import MAX_PAGE, MAX_PER_PAGE, SearchResult, search
from .terms import (
    MAX_QUERY_CHARS,
    STOP_WORDS,
    facet_token,
    fts5_query,
    parse_query,
    pieces,
    query_words,
    term,
    terms,
    tsquery,
    words,
)

__all__ = [
    "BATCH_SIZE",
    "FACETS",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MAX_QUERY_CHARS",
    "STOP_WORDS",
    "YES",
    "Facet",
    "FacetValue",
    "SearchResult",
    "facet_token",
    "fts5_query",
    "parse_query",
    "pieces",
    "query_words",
    "reindex",
    "reindex_all",
    "reindex_ids",
    "search",
    "term",
    "terms",
    "tsquery",
    "words",
]
