"""The example bank's public pages: the search, an example's page with its contact form, the exports.

Every search parameter is in the URL (see `bank_forms`), so a search can be shared, and the exports,
the feed and the API take the same parameters. Only published examples are ever listed or exported;
an example's page is also open to its owners and the moderators (`permissions.get_example_for_user`).
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gronnpraksis.core import ratelimit
from gronnpraksis.core.forms import filled_honeypot
from gronnpraksis.core.http import public_page, refuse_bot
from gronnpraksis.editions.networks import several_networks

from . import contact, networks, opendata, registry, revisions, search
from .bank_forms import FILTERS, RELEVANCE, SORT_CHOICES, BankSearch, ContactForm, read_search
from .models import AttachmentKind, Example
from .permissions import can_edit_example, can_moderate_example, can_withdraw_example, get_example_for_user

PER_PAGE = 20
SIMILAR = 4
MAX_WORD_SUGGESTIONS = 6


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    chosen: bool


@dataclass(frozen=True)
class FilterGroup:
    param: str
    label: str | Promise
    widget: str
    options: list[Option]
    more: bool = False

    @property
    def chosen(self) -> bool:
        return any(option.chosen for option in self.options)


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str


@public_page
def bank(request: HttpRequest) -> HttpResponse:
    """Search the published examples: words, filters with counts, sort order, 20 a page."""
    query = read_search(request.GET)
    result = query.run(per_page=PER_PAGE)
    if result.total and query.page > result.pages:  # past the last page: go to the last one
        return redirect(reverse("examples:search") + replace(query, page=result.pages).querystring())
    groups = filter_groups(query, result)
    context = {
        "query": query,
        "result": result,
        "filters": [group for group in groups if not group.more],
        "more_filters": [group for group in groups if group.more],
        "more_chosen": any(group.chosen for group in groups if group.more),
        "sorts": SORT_CHOICES,
        "suggestions": loosen(query, groups) if not result.total and query.is_narrowed else [],
        "same_search": query.loosened().querystring(),  # for the exports and the feed
        # The canonical address: the recognised parameters in a fixed order, the default sort dropped.
        "canonical_query": replace(query, sort="" if query.sort == RELEVANCE else query.sort).querystring(),
    }
    return render(request, "examples/search.html", context)


def filter_groups(query: BankSearch, result: search.SearchResult) -> list[FilterGroup]:
    """Each filter with its values, how many examples each would show, and whether it is chosen."""
    groups = []
    for f in FILTERS:
        chosen = set(query.filters.get(f.param, []))
        options = [
            Option(v.value, v.label, v.count, v.value in chosen) for v in result.facets.get(f.facet, [])
        ]
        if len(options) < f.min_values and not chosen:
            options = []  # the template leaves out a filter without options
        groups.append(FilterGroup(f.param, f.label, f.widget, options, f.more))
    return groups


def loosen(query: BankSearch, groups: list[FilterGroup]) -> list[Suggestion]:
    """For a search that found nothing: the same search without each chosen filter value, and without
    each of its words (or without words at all), as links."""
    page = reverse("examples:search")
    suggestions = []
    for group in groups:
        labels = {option.value: option.label for option in group.options}
        for value in query.filters.get(group.param, []):
            without = query.loosened(remove=(group.param, value))
            text = _("Remove the filter “%(filter)s: %(value)s”") % {
                "filter": group.label,
                "value": labels.get(value, value),  # a value the bank does not know is shown as typed
            }
            suggestions.append(Suggestion(text, page + without.querystring()))
    words = query.q.split()
    if len(words) > 1:
        for number, word in enumerate(words[:MAX_WORD_SUGGESTIONS]):
            fewer = " ".join(words[:number] + words[number + 1 :])
            text = _("Search without the word “%(word)s”") % {"word": word}
            suggestions.append(Suggestion(text, page + query.loosened(q=fewer).querystring()))
    elif words and query.filters:
        suggestions.append(
            Suggestion(
                _("Search with the filters only, without words"), page + query.loosened(q="").querystring()
            )
        )
    return suggestions


@public_page
def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    """An example in the bank; an old or missing slug redirects to the current address."""
    example = get_example_for_user(request, pk)
    if slug != example.slug:
        return redirect(example, permanent=True)
    return render_detail(request, example)


def render_detail(
    request: HttpRequest, example: Example, *, contact_form: ContactForm | None = None, status: int = 200
) -> HttpResponse:
    """The example's page, with the contact form given (bound, with errors) in place of an empty one.
    Who may edit, withdraw or moderate it is worked out here, once, with the rules of the views that do it."""
    attachments = list(example.attachments.all())
    can_edit = can_edit_example(request.user, example)
    context = {
        "example": example,
        "can_edit": can_edit,
        "can_withdraw": can_edit and can_withdraw_example(request.user, example),
        "can_moderate": can_moderate_example(request.user, example),
        # The owners and moderators are told that a change waits; the page shows the example as approved.
        "waiting": revisions.pending_revision(example) if can_edit else None,
        "key_figures": list(example.key_figures.all()),
        "links": list(example.links.all()),
        "images": [a for a in attachments if a.kind == AttachmentKind.IMAGE],
        "documents": [a for a in attachments if a.kind != AttachmentKind.IMAGE],
        "partners": opendata.partner_lines(example),
        "similar": similar_examples(example),
        "panels": registry.example_panels(request, example),
        # The network and editions it comes from, named only when there are several networks.
        "provenance": networks.provenance(example) if several_networks() else None,
        "can_contact": contact.can_contact(example),
        "contact_form": contact_form or ContactForm(),
    }
    return render(request, "examples/detail.html", context, status=status)


def similar_examples(example: Example) -> list[Example]:
    """Up to SIMILAR other published examples: those with the example's longest title word and one of
    its themes first, then others with one of its themes (newest first); without themes, those with
    the title word. One to two searches."""
    themes = [theme.slug for theme in example.themes.all()]
    title_words = [w for w in search.words(example.title) if w not in search.STOP_WORDS and not w.isdigit()]
    word = max(title_words, key=len, default="")
    attempts: list[tuple[str, dict[str, list[str]]]] = []
    if themes and word:
        attempts.append((word, {"theme": themes}))
    if themes:
        attempts.append(("", {"theme": themes}))
    elif word:
        attempts.append((word, {}))
    found: dict[int, Example] = {}
    for words, filters in attempts:
        for other in search.search(words, filters=filters, sort="relevance", per_page=SIMILAR + 1).examples:
            if other.pk != example.pk:
                found.setdefault(other.pk, other)
        if len(found) >= SIMILAR:
            break
    return list(found.values())[:SIMILAR]


@ratelimit.limited
@require_http_methods(["GET", "POST"])
def contact_owner(request: HttpRequest, pk: int) -> HttpResponse:
    """Relay a message to the example's contact person (POST). A GET leads to the form on the page."""
    example = get_example_for_user(request, pk)
    if request.method == "GET":
        return redirect(example.get_absolute_url() + "#contact")
    if not contact.can_contact(example):
        raise Http404
    form = ContactForm(request.POST)
    if filled_honeypot(form):
        return refuse_bot(request)
    if not form.is_valid() or not ratelimit.allows(
        request, form, "contact", email=form.cleaned_data["email"]
    ):
        return render_detail(request, example, contact_form=form)
    try:
        contact.relay_message(
            example=example,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
            language=settings.LANGUAGE_CODE,
        )
    except contact.ContactRefused as error:
        form.add_error(None, str(error))
        return render_detail(request, example, contact_form=form, status=429)
    messages.success(
        request,
        _("Thank you: your message is sent. If the contact person answers, the answer comes to your e-mail."),
    )
    return redirect(example.get_absolute_url() + "#contact")


# --- Open data ------------------------------------------------------------------------------------------


def export_json(request: HttpRequest) -> StreamingHttpResponse:
    """Every published example the search finds, as JSON with a licence and attribution object."""
    query = read_search(request.GET)
    response = StreamingHttpResponse(
        opendata.json_chunks(query, opendata.published_examples(query)),
        content_type="application/json; charset=utf-8",
    )
    return _open_data(response, "eksempler.json")


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every published example the search finds, as CSV with a licence column on every row."""
    query = read_search(request.GET)
    response = StreamingHttpResponse(
        opendata.csv_chunks(opendata.published_examples(query)),
        content_type="text/csv; charset=utf-8; header=present",
    )
    return _open_data(response, "eksempler.csv")


def _open_data(response: StreamingHttpResponse, filename: str) -> StreamingHttpResponse:
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{opendata.LICENCE["url"]}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
