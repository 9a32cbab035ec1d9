"""Sharing practice examples: the share form (similar examples appear as the title is typed), the first
step for someone not logged in, editing by owners, withdrawing, and the files of an example.

Anyone with an e-mail address can share: a person without an account gives their name and address, gets
an account without a password and a one-time code, and comes back to the form logged in.
"""

import functools
import operator
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.core import ratelimit
from gronnpraksis.core.forms import clean_text, filled_honeypot
from gronnpraksis.core.http import refuse_bot
from gronnpraksis.core.text import slugify
from gronnpraksis.core.typing import AuthenticatedRequest
from gronnpraksis.editions.models import Network
from gronnpraksis.places.models import Municipality

from . import revisions, search, services
from .forms import UNIT_SUGGESTIONS, ExampleForms, StartForm
from .models import Attachment, Example, ModerationState
from .permissions import (
    can_edit_example,
    can_withdraw_example,
    get_example_for_editing,
    get_example_for_user,
    is_owner,
)

SIMILAR = 5
MIN_SIMILAR_CHARS = 3
OWN_EXAMPLES = 50


@ratelimit.limited
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest) -> HttpResponse:
    """Share an example in the bank. It waits for moderation; the owner lands on its page."""
    network = _network(request)
    if not request.user.is_authenticated:
        return _start(request, network)
    user = request.user
    posted = request.method == "POST"
    initial = {"contact_name": user.name, "contact_email": user.email}
    parts = ExampleForms(
        request.POST if posted else None, request.FILES if posted else None, initial=initial, similar=True
    )
    if posted:
        if filled_honeypot(parts.main):
            return refuse_bot(request)
        if parts.is_valid() and ratelimit.allows(request, parts.main, "share", email=user.email):
            try:
                example = services.share_example(
                    data=parts.data(),
                    attachments=parts.new_attachments(),
                    by=user,
                    language=_language(),
                    network=network,
                )
            except services.ExampleError as error:
                parts.main.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! The example waits for a moderator, who publishes it in the bank. Only "
                        "you and the moderators see it until then. We have sent you a receipt."
                    ),
                )
                return redirect(example)
    title = parts.main.data.get("title", "") if posted else ""
    context = {
        **_form_context(parts),
        "similar": similar_examples(title),
        "title_typed": bool(title),
        "network": network,
        "own": Example.objects.filter(Q(owners=user) | Q(created_by=user))
        .distinct()
        .order_by("-updated_at")[:OWN_EXAMPLES],
    }
    return render(request, "examples/share.html", context)


def _network(request: HttpRequest) -> Network | None:
    """The network the example is shared through (`?nettverk=<slug>`, from the network's page), if any."""
    slug = request.GET.get("nettverk", "")
    if not slug or len(slug) > 40:
        return None
    return Network.objects.filter(slug=slug).first()


def _start(request: HttpRequest, network: Network | None = None) -> HttpResponse:
    """Name and e-mail address, then a one-time code: the way in for anyone, with or without an account."""
    form = StartForm(request.POST if request.method == "POST" else None)
    next_url = reverse("examples:share")
    if network is not None:
        next_url += "?" + urlencode({"nettverk": network.slug})
    if request.method == "POST":
        if filled_honeypot(form):
            return refuse_bot(request)
        if form.is_valid() and ratelimit.allows(
            request, form, "login_code", email=form.cleaned_data["email"]
        ):
            user = get_or_create_user(email=form.cleaned_data["email"], name=form.cleaned_data["name"])
            error = _send_login_code(request, user)
            if error is None:
                return redirect(f"{reverse('account_confirm_login_code')}?{urlencode({'next': next_url})}")
            form.add_error("email", error)
    login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"
    return render(request, "examples/share_start.html", {"form": form, "login_url": login_url})


def _send_login_code(request: HttpRequest, user: User) -> str | None:
    """Start allauth's login by code for the account, as its own "send me a code" page does (with its
    rate limit); None when the code is on its way, else the reason it is not."""
    from allauth.account.forms import RequestLoginCodeForm
    from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess

    code_form = RequestLoginCodeForm({"email": user.email})
    if not code_form.is_valid():
        return " ".join(str(e) for errors in code_form.errors.values() for e in errors)
    LoginCodeVerificationProcess.initiate(
        request=request,
        user=getattr(code_form, "_user", None),
        email=code_form.cleaned_data["email"],
    )
    return None


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Owners (and moderators) change an example; every save is a version. Draft and sent-back
    examples can be sent for moderation from here. An owner's change to a published example waits for
    a moderator (`revisions`): the form shows the waiting change, and the public the example as it is."""
    example = get_example_for_editing(request, pk)
    user = request.user
    moderated = revisions.needs_moderation(user, example)
    waiting = revisions.pending_revision(example) if moderated else None
    posted = request.method == "POST"
    parts = ExampleForms(
        request.POST if posted else None,
        request.FILES if posted else None,
        example=example,
        revision=waiting,
    )
    if posted:
        if filled_honeypot(parts.main):
            return refuse_bot(request)
        if parts.is_valid() and moderated:
            try:
                waiting = revisions.propose_revision(
                    example=example,
                    data=parts.data(),
                    by=user,
                    new_attachments=parts.new_attachments(),
                    remove_attachments=parts.removed_attachments(),
                )
            except services.ExampleError as error:
                parts.main.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your changes are saved and wait for a moderator. Until they are approved, the "
                        "bank shows the example as it was published."
                    )
                    if waiting
                    else _("Nothing is changed: the example is as it was published."),
                )
                return redirect(example)
        elif parts.is_valid():
            try:
                example = services.update_example(
                    example=example,
                    data=parts.data(),
                    by=request.user,
                    new_attachments=parts.new_attachments(),
                    remove_attachments=parts.removed_attachments(),
                    submit="send" in request.POST,
                    language=_language(),
                )
            except services.ExampleError as error:
                parts.main.add_error(None, str(error))
            else:
                messages.success(request, _saved_message(example))
                return redirect(example)
    context = {
        **_form_context(parts),
        "example": example,
        "moderated": moderated,
        "waiting": waiting,
        "can_withdraw": can_withdraw_example(request.user, example),
    }
    return render(request, "examples/edit.html", context)


def _saved_message(example: Example) -> str:
    if example.state == ModerationState.PUBLISHED:  # a moderator's change
        return _("Your changes are saved and shown at once.")
    if example.state == ModerationState.PENDING:
        return _("Your changes are saved. The example waits for a moderator.")
    return _("Your changes are saved. The example is not sent for moderation yet.")


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The owner takes the example out of the bank (or the queue); it becomes a draft they can send again."""
    example = get_example_for_user(request, pk)
    if not is_owner(request.user, example):
        raise Http404
    if request.method == "POST":
        try:
            services.withdraw_example(example=example, by=request.user)
        except services.ExampleError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The example is withdrawn. Only you and the moderators see it; you can send it again."),
            )
        return redirect(example)
    return render(
        request,
        "examples/edit_withdraw.html",
        {"example": example, "can_withdraw": can_withdraw_example(request.user, example)},
    )


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """An image or document of an example, for whoever may see the example (so never one of an
    unpublished example to the public). Sent with the type that was checked on upload, never sniffed."""
    example = get_example_for_user(request, pk)
    # A file of a change waiting for moderation: only for those who may edit or moderate the example.
    files = Attachment.all_objects if can_edit_example(request.user, example) else Attachment.objects
    item = get_object_or_404(files, example=example, pk=attachment_pk)
    extension = (item.file.name or "").rpartition(".")[2]
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=item.kind != "image",
        filename=f"{slugify(item.title, max_length=60, fallback='vedlegg')}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    if example.state != ModerationState.PUBLISHED or item.revision_id is not None:
        response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """Published examples with a title like `?title=`: a list for htmx under the share form's title, or a
    page of its own with a search field (without JavaScript)."""
    title = request.GET.get("title", "")
    context = {"similar": similar_examples(title), "title": title[:200], "title_typed": bool(title.strip())}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "examples/_similar.html", context)
    return render(request, "examples/share_similar.html", context)


def similar_examples(title: str) -> list[Example]:
    """At most five published examples like the title: by the bank's search (every word must match),
    else those whose title contains one of its longer words."""
    title = clean_text(title)[:200]
    if len(title) < MIN_SIMILAR_CHARS or not search.terms(title):  # a query without words finds everything
        return []
    found = search.search(title, per_page=SIMILAR).examples
    if found:
        return found
    words = sorted(
        {w for w in search.words(title) if len(w) >= 4 and w not in search.STOP_WORDS}, key=len, reverse=True
    )[:SIMILAR]
    if not words:
        return []
    matches = functools.reduce(operator.or_, (Q(title__icontains=word) for word in words))
    return list(
        Example.objects.published()
        .filter(matches)
        .prefetch_related("municipalities")
        .order_by("-published_at", "-pk")[:SIMILAR]
    )


def _form_context(parts: ExampleForms) -> dict:
    return {
        "parts": parts,
        "form": parts.main,
        "municipalities": Municipality.objects.current(),
        "units": UNIT_SUGGESTIONS,
    }


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE
