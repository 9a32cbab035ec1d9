"""Unfinished ideas: the public list and idea pages, comments, offers to help, reports, and the
owners' page. Moderation is in `backoffice.py`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.accounts.models import User
from gronnpraksis.core import ratelimit
from gronnpraksis.core.forms import filled_honeypot
from gronnpraksis.core.http import private_link, public_page, refuse_bot
from gronnpraksis.core.network import client_address
from gronnpraksis.places.models import Municipality

from . import filters, services
from .forms import AnswerForm, CommentForm, IdeaForm, IdeaModerationForm, OfferForm, ReportForm, StatusForm
from .models import HelpOffer, Idea, IdeaVisibility, ModerationAction, OfferStatus
from .permissions import (
    can_comment,
    can_offer_help,
    get_comment_for_user,
    get_idea_for_user,
    get_managed_idea_for_user,
    is_moderator,
    is_owner,
)

PER_PAGE = 20


@public_page
def idea_list(request: HttpRequest) -> HttpResponse:
    """Published ideas, newest first, filtered by theme, status, county and municipality."""
    chosen = filters.read_filters(request.GET)
    ideas = (
        filters.apply(Idea.objects.published(), chosen)
        .select_related("municipality__county")
        .prefetch_related("themes")
        .annotate(comment_count=Count("comments", filter=Q(comments__is_hidden=False)))
        .order_by("-created_at", "-id")
    )
    context = {
        "page": paginate(request, ideas),
        "chosen": chosen,
        "options": filters.options(chosen),
        "is_moderator": is_moderator(request.user),
        "my_ideas": _my_ideas(request.user),
    }
    return render(request, "ideas/list.html", context)


def _my_ideas(user) -> list[Idea]:  # type: ignore[no-untyped-def]
    """The ideas the person owns or co-owns, drafts and hidden ones included, so they find them."""
    if not user.is_authenticated:
        return []
    accepted = HelpOffer.objects.filter(user=user, status=OfferStatus.ACCEPTED).values("idea")
    return list(Idea.objects.filter(Q(owner=user) | Q(pk__in=accepted)).order_by("-created_at")[:50])


def paginate(request: HttpRequest, items, per_page: int = PER_PAGE) -> Page:  # type: ignore[no-untyped-def]
    """The page `?side=` asks for; anything that is not a page number gives the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("side", "")[:6])


@public_page
def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    """An idea with its comments; an old or missing slug redirects to the current address."""
    idea = get_idea_for_user(request, pk)
    if slug != idea.slug:
        return redirect(idea, permanent=True)
    return render_detail(request, idea)


def render_detail(request: HttpRequest, idea: Idea, status: int = 200, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The idea page, with the forms given (bound, with errors) in place of empty ones."""
    user = request.user
    comments = list(idea.comments.all())
    for comment in comments:
        if comment.is_hidden:
            comment.text = ""  # never reaches a public page, not even by mistake
    name = getattr(user, "name", "")
    context = {
        "idea": idea,
        "comments": comments,
        "co_owners": [o for o in idea.offers.all() if o.status == OfferStatus.ACCEPTED],
        "my_offer": next((o for o in idea.offers.all() if o.user_id == user.pk), None),
        "is_owner": is_owner(user, idea),
        "is_moderator": is_moderator(user),
        "can_comment": can_comment(user, idea),
        "can_offer": can_offer_help(user, idea),
        "comment_form": forms.get("comment_form") or CommentForm(initial={"author_name": name}),
        "offer_form": forms.get("offer_form") or OfferForm(initial={"name": name}),
        "moderation_form": forms.get("moderation_form") or IdeaModerationForm(prefix="moderation"),
        "hidden_because": _hidden_because(idea, user),
        "show_example": _can_open_example(user, idea),
        "login_url": login_url(idea),
    }
    return render(request, "ideas/detail.html", context, status=status)


def _hidden_because(idea: Idea, user) -> str:  # type: ignore[no-untyped-def]
    """Why a moderator hid the idea, for its owners and the moderators."""
    if idea.visibility != IdeaVisibility.HIDDEN:
        return ""
    record = idea.moderation_records.filter(action=ModerationAction.HIDE_IDEA).first()
    return record.reason if record else ""


def _can_open_example(user, idea: Idea) -> bool:  # type: ignore[no-untyped-def]
    """Whether the idea's practice example has a page this person may open: a published one, or the
    draft for whoever created it (the example bank shows drafts only to them and to staff)."""
    example = idea.example
    if example is None:
        return False
    if example.state == "published":
        return True
    return bool(user.is_authenticated and (example.created_by_id == user.pk or user.is_staff))


def login_url(idea: Idea) -> str:
    return f"{reverse('account_request_login_code')}?{urlencode({'next': idea.get_absolute_url()})}"


@login_required
@ratelimit.limited
@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a comment (POST). A GET, after logging in, leads back to the idea."""
    idea = get_idea_for_user(request, pk)
    if request.method == "GET" or not can_comment(request.user, idea):
        return redirect(f"{idea.get_absolute_url()}#comments")
    form = CommentForm(request.POST)
    if not form.is_valid() or not ratelimit.allows(request, form, "comment", email=request.user.email):  # type: ignore[union-attr]
        return render_detail(request, idea, comment_form=form)
    try:
        created = services.add_comment(
            idea=idea,
            author=request.user,  # type: ignore[arg-type]
            author_name=form.cleaned_data["author_name"],
            text=form.cleaned_data["text"],
        )
    except services.IdeaError as error:
        form.add_error(None, str(error))
        return render_detail(request, idea, comment_form=form)
    messages.success(request, _("Thank you: your comment is published."))
    return redirect(f"{idea.get_absolute_url()}#comment-{created.pk}")


@login_required
@ratelimit.limited
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Vil bidra": offer to help develop the idea (POST). A GET leads back to the idea."""
    idea = get_idea_for_user(request, pk)
    if request.method == "GET" or not can_offer_help(request.user, idea):
        return redirect(f"{idea.get_absolute_url()}#offer")
    form = OfferForm(request.POST)
    if not form.is_valid() or not ratelimit.allows(request, form, "help_offer", email=request.user.email):  # type: ignore[union-attr]
        return render_detail(request, idea, offer_form=form)
    try:
        services.offer_help(
            idea=idea,
            user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
            message=form.cleaned_data["message"],
            language=get_language() or "nb",
        )
    except services.IdeaError as error:
        form.add_error(None, str(error))
        return render_detail(request, idea, offer_form=form)
    messages.success(request, _("Thank you: the owner has been told, and answers on this page."))
    return redirect(f"{idea.get_absolute_url()}#offer")


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a comment to the moderators; anyone may, logged in or not (with a honeypot)."""
    reported = get_comment_for_user(request, pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if filled_honeypot(form):
            return refuse_bot(request)
        if form.is_valid():
            try:
                services.report_comment(
                    comment=reported,
                    reporter=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
                    reporter_key=reporter_key(request),
                    reason=form.cleaned_data["reason"],
                )
            except services.IdeaError as error:
                form.add_error(None, str(error))
                status = 429
            else:
                messages.success(request, _("Thank you: the moderators will look at the comment."))
                return redirect(f"{reported.idea.get_absolute_url()}#comment-{reported.pk}")
    return render(request, "ideas/report.html", {"comment": reported, "form": form}, status=status)


def reporter_key(request: HttpRequest) -> str:
    """Who reports: the account, or for visitors a keyed hash of their address (never stored plain)."""
    if request.user.is_authenticated:
        return f"u:{request.user.pk}"
    return "ip:" + salted_hmac("ideas.report", client_address(request), algorithm="sha256").hexdigest()[:40]


# --- The owners' page --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The owners' page: edit the idea, publish it, set its status, answer offers, promote it."""
    idea = get_managed_idea_for_user(request, pk)
    form = IdeaForm(request.POST if request.method == "POST" else None, initial=_idea_initial(idea))
    if request.method == "POST" and form.is_valid():
        services.update_idea(
            idea=idea,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            themes=form.cleaned_data["themes"],
            municipality=form.cleaned_data["municipality"],
        )
        messages.success(request, _("The idea is saved."))
        return redirect("ideas:manage", pk=idea.pk)
    return render_manage(request, idea, form=form)


def render_manage(request: HttpRequest, idea: Idea, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    offers = list(idea.offers.all())
    context = {
        "idea": idea,
        "form": forms.get("form") or IdeaForm(initial=_idea_initial(idea)),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": idea.status}),
        "pending": [o for o in offers if o.status == OfferStatus.PENDING],
        "answered": [o for o in offers if o.status != OfferStatus.PENDING],
        "municipalities": Municipality.objects.current().only("name", "number"),
        "hidden_because": _hidden_because(idea, request.user),
        "show_example": _can_open_example(request.user, idea),
        "notifications_token": services.opt_out_token(idea=idea, user=request.user),  # type: ignore[arg-type]
        "notifications_on": not idea.opt_outs.filter(user=request.user.pk).exists(),
    }
    return render(request, "ideas/manage.html", context)


def _idea_initial(idea: Idea) -> dict:
    return {
        "title": idea.title,
        "text": idea.text,
        "themes": list(idea.themes.all()),
        "municipality": idea.municipality,
    }


@login_required
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_managed_idea_for_user(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_status(idea=idea, status=form.cleaned_data["status"])
        except services.IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status is changed."))
            return redirect("ideas:manage", pk=idea.pk)
    return render_manage(request, idea, status_form=form)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_managed_idea_for_user(request, pk)
    try:
        services.publish_idea(idea=idea, by=request.user)  # type: ignore[arg-type]
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The idea is published: everyone can read and comment on it."))
    return redirect("ideas:manage", pk=idea.pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    """Accept (the person becomes a co-owner) or decline an offer to help."""
    idea = get_managed_idea_for_user(request, pk)
    answered = get_object_or_404(HelpOffer, idea=idea, pk=offer_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to accept or decline the offer."))
        return redirect("ideas:manage", pk=idea.pk)
    accept = form.cleaned_data["answer"] == "accept"
    try:
        services.answer_offer(offer=answered, accept=accept)
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        if accept:
            messages.success(request, _("%(name)s is now a co-owner of the idea.") % {"name": answered.name})
        else:
            messages.success(request, _("The offer from %(name)s is declined.") % {"name": answered.name})
    return redirect("ideas:manage", pk=idea.pk)


@login_required
@require_POST
def promote(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a draft practice example from the idea and open it."""
    idea = get_managed_idea_for_user(request, pk)
    example = services.promote_to_example(idea=idea, by=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("The practice example is created as a draft from the idea. Complete it; a moderator publishes it."),
    )
    return redirect(example.get_absolute_url())


# --- Mail notifications --------------------------------------------------------------------------------


@private_link
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest, token: str) -> HttpResponse:
    """Stop (or start again) the mails about one idea, from the link in any of them: no login."""
    found = services.read_opt_out_token(token[:200])
    if found is None:
        raise Http404
    idea = get_object_or_404(Idea, pk=found[0])
    user = get_object_or_404(User, pk=found[1], is_active=True)
    if request.method == "POST":
        on = request.POST.get("on") == "1"
        services.set_notifications(idea=idea, user=user, on=on)
        if on:
            messages.success(request, _("You will get mails about this idea again."))
        else:
            messages.success(request, _("You will get no more mails about this idea."))
        return redirect("ideas:notifications", token=token)
    stopped = idea.opt_outs.filter(user=user).exists()
    return render(request, "ideas/notifications.html", {"idea": idea, "stopped": stopped})
