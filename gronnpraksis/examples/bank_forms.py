"""The example bank's forms: the search (a GET form that is never invalid) and the contact form.

A search is read from the URL, so every search has an address that can be shared:
`/eksempler/?q=sykkel&tema=transport&fylke=42&sort=nyeste&side=2`. The same parameters filter the
exports (`eksempler.csv`, `eksempler.json`), the Atom feed and `/api/v1/examples/`. Odd input is
never an error: text is cleaned and cut, malformed filter values and unknown sort orders are dropped,
a page that is not a number is the first.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import CheckedEmailField, HoneypotField, clean_text

from . import search

MAX_QUERY_CHARS = search.MAX_QUERY_CHARS
MAX_VALUES = search.MAX_FILTER_VALUES
MAX_PAGE = search.MAX_PAGE

CHECKBOXES, SELECT = "checkboxes", "select"
# What `examples.search` accepts as a filter value.
FILTER_VALUE = re.compile(r"[A-Za-z0-9_-]{1,50}")


@dataclass(frozen=True)
class Filter:
    """A filter of the page: its name in the URL, its facet in `examples.search`, how it is shown."""

    param: str
    facet: str
    label: str | Promise
    widget: str
    more: bool = False  # shown under "More filters", folded until one of its values is chosen
    # Shown only when the search has at least this many values for it (or one is chosen): the network
    # filter appears once more than one network has examples.
    min_values: int = 1


# The filters `examples.search` counts. A new facet there is one line here and one in api.ExampleFilters.
# Each facet must exist once the apps are ready (system check examples.E001).
FILTERS = [
    Filter("tema", "theme", _("Theme"), CHECKBOXES),
    Filter("maal", "goal", _("UN sustainable development goal"), SELECT, more=True),
    Filter("fylke", "county", _("County"), SELECT),
    Filter("kommune", "municipality", _("Municipality"), SELECT),
    Filter("aktor", "actor", _("Type of actor"), CHECKBOXES, more=True),
    Filter("fase", "stage", _("Stage"), CHECKBOXES),
    Filter("tiltak", "measure", _("Type of measure"), CHECKBOXES, more=True),
    Filter("startaar", "year", _("Start year"), SELECT, more=True),
    Filter("nokkeltall", "figures", _("Key figures"), CHECKBOXES, more=True),
    Filter("utgave", "edition", _("Presented at"), CHECKBOXES, more=True),
    Filter("pris", "award", _("GrønnPraksisPrisen"), CHECKBOXES, more=True),
    Filter("nettverk", "network", _("Network"), CHECKBOXES, more=True, min_values=2),
]

RELEVANCE, NEWEST = "relevans", "nyeste"
SORTS = {RELEVANCE: "relevance", NEWEST: "newest"}
# Relevance is the default: without words every example ties, so they come newest first.
SORT_CHOICES = [(RELEVANCE, _("Best match, then newest")), (NEWEST, _("Newest"))]


def _one_line(value: object) -> str:
    return " ".join(clean_text(value if isinstance(value, str) else "").split())


def clean_query(value: object) -> str:
    """What was typed, without control characters, on one line, at most MAX_QUERY_CHARS characters."""
    return _one_line(value)[:MAX_QUERY_CHARS]


def query_is_cut(value: object) -> bool:
    """Whether `clean_query` leaves out part of what was typed."""
    return len(_one_line(value)) > MAX_QUERY_CHARS


def clean_values(values: object) -> list[str]:
    """The well-formed filter values, once each, at most MAX_VALUES of them."""
    listed = [values] if isinstance(values, str) else list(values) if isinstance(values, list | tuple) else []
    wanted = [v.strip() for v in listed if isinstance(v, str)]
    return [v for v in dict.fromkeys(wanted) if FILTER_VALUE.fullmatch(v)][:MAX_VALUES]


def clean_sort(value: object) -> str:
    return value if isinstance(value, str) and value in SORTS else ""


def clean_page(value: object) -> int:
    text = value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else ""
    return min(int(text), MAX_PAGE) if text.isdigit() and len(text) <= 6 and int(text) > 0 else 1


@dataclass(frozen=True)
class BankSearch:
    """One search of the bank: words, chosen filter values (URL name → values), sort order and page."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    # What was typed was longer than MAX_QUERY_CHARS (q holds its beginning): the page says so.
    cut: bool = field(default=False, compare=False)

    @classmethod
    def build(
        cls, *, q: object = "", filters: dict[str, object] | None = None, sort: object = "", page: object = 1
    ) -> "BankSearch":
        """A search from raw values, cleaned the same way for the page, the exports and the API."""
        chosen = {f.param: clean_values((filters or {}).get(f.param)) for f in FILTERS}
        return cls(
            q=clean_query(q),
            filters={name: values for name, values in chosen.items() if values},
            sort=clean_sort(sort),
            page=clean_page(page),
            cut=query_is_cut(q),
        )

    @property
    def order(self) -> str:
        """The sort order for `examples.search`: relevance (newest first without words), unless newest
        was asked."""
        return SORTS[self.sort_choice]

    @property
    def sort_choice(self) -> str:
        """The sort order as the form shows it: relevance unless newest was asked, so that words typed
        into the form of a page without words are sorted by relevance."""
        return self.sort or RELEVANCE

    @property
    def searched_words(self) -> list[str]:
        """The words of `q` the search looks for (`search.query_words`)."""
        return search.query_words(self.q)[0]

    @property
    def unsearchable(self) -> bool:
        """Text was typed, but nothing in it can be searched for (symbols, emoji, stop words): the search
        matches nothing, and the page says why."""
        return bool(self.q) and not self.searched_words

    @property
    def words_left_out(self) -> bool:
        """Only the beginning of a long query is searched for: the page names the words used."""
        return bool(self.searched_words) and (self.cut or search.query_words(self.q)[1])

    @property
    def facet_filters(self) -> dict[str, list[str]]:
        by_param = {f.param: f.facet for f in FILTERS}
        return {by_param[name]: values for name, values in self.filters.items()}

    @property
    def is_narrowed(self) -> bool:
        return bool(self.q or self.filters)

    def run(self, *, per_page: int, page: int | None = None) -> search.SearchResult:
        return search.search(
            self.q,
            filters=self.facet_filters,
            sort=self.order,
            page=self.page if page is None else page,
            per_page=per_page,
        )

    def loosened(self, *, q: str | None = None, remove: tuple[str, str] | None = None) -> "BankSearch":
        """The same search on its first page, with other words or without one filter value."""
        filters = {name: [v for v in values if (name, v) != remove] for name, values in self.filters.items()}
        return replace(
            self,
            q=self.q if q is None else q,
            filters={name: values for name, values in filters.items() if values},
            page=1,
            cut=self.cut and q is None,
        )

    def querystring(self) -> str:
        """`?q=…&tema=…` for this search, in a fixed order, or "" when nothing is chosen."""
        pairs = [("q", self.q)] if self.q else []
        pairs += [(f.param, value) for f in FILTERS for value in self.filters.get(f.param, [])]
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("side", str(self.page)))
        return "?" + urlencode(pairs) if pairs else ""


class QueryField(forms.CharField):
    def to_python(self, value: object) -> str:
        return clean_query(value)


class ValuesField(forms.Field):
    """Any number of filter values from the URL (`?tema=a&tema=b`); malformed ones are dropped."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: object) -> list[str]:
        return clean_values(value)

    def validate(self, value: object) -> None:
        pass


class LenientChoiceField(forms.CharField):
    def to_python(self, value: object) -> str:
        return clean_sort(value)


class PageField(forms.Field):
    def to_python(self, value: object) -> int:
        return clean_page(value)


class SearchForm(forms.Form):
    """The search from the URL. Every field accepts anything, so the form is always valid."""

    q = QueryField(required=False)
    sort = LenientChoiceField(required=False)
    side = PageField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in FILTERS:
            self.fields[f.param] = ValuesField(required=False)

    def to_search(self) -> BankSearch:
        self.is_valid()
        data = self.cleaned_data
        return BankSearch(
            q=data.get("q", ""),
            filters={f.param: data[f.param] for f in FILTERS if data.get(f.param)},
            sort=data.get("sort", ""),
            page=data.get("side", 1),
            cut=query_is_cut(self.data.get("q")),
        )


def read_search(data: Mapping[str, Any]) -> BankSearch:
    """The search a query string (`request.GET`) asks for."""
    return SearchForm(data).to_search()


# --- Contact ----------------------------------------------------------------------------------------


class OneLineField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return " ".join(clean_text(super().to_python(value) or "").split())


class MessageField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class ContactForm(forms.Form):
    """A message to an example's contact person, relayed by mail (`examples.contact`)."""

    name = OneLineField(label=_("Your name"), max_length=200)
    email = CheckedEmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "Not shown on this site. The mail gives it only as the address for replies, so the contact "
            "person can answer you."
        ),
    )
    message = MessageField(
        label=_("Your message"),
        min_length=10,
        max_length=3000,
        help_text=_("Plain text, at most 3000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    website = HoneypotField()
