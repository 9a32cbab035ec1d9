"""Words to terms, and what a person typed to a query of terms and filter values (see the package's
docstring for the rules)."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Mapping

import Stemmer

from ..models import SearchTerm

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
MAX_WORD_CHARS = 40
HEAD_MIN = 4  # beginnings of a term indexed as pieces
TAIL_MIN, TAIL_START = 3, 2  # endings of a term indexed as pieces, from its third letter on
SPLITS_PER_WORD = 3
FACET_MARK = "\ue000"  # private use: never part of a word, so facet tokens cannot be taken for terms

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


def query_words(text: str) -> tuple[list[str], bool]:
    """The words of what a person typed that a search looks for: at most MAX_QUERY_WORDS distinct
    words of its first MAX_QUERY_CHARS characters, stop words left out; and whether anything after
    them was left out (a longer text, more words). No words for text of only symbols, emoji or stop
    words: such a query matches nothing (see `search`)."""
    typed = [w for w in dict.fromkeys(words(text[:MAX_QUERY_CHARS])) if w not in STOP_WORDS]
    cut = len(text) > MAX_QUERY_CHARS or len(typed) > MAX_QUERY_WORDS
    return typed[:MAX_QUERY_WORDS], cut


def parse_query(text: str) -> Query:
    """The query for what a person typed: its `query_words`. A compound is split where both halves
    are words of the bank (one query)."""
    splits = {word: _split_candidates(word) for word in query_words(text)[0]}
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


def with_filters(query: Query, chosen: Mapping[str, list[str]], leave_out: str = "") -> Query:
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
