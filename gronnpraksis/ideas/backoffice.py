"""Moderation of ideas and comments (moderators only: the permission `ideas.moderate_idea`).

The queue `/ideer/moderering/` lists comments with open reports, ideas not yet published, and the
latest decisions. Every decision needs a reason and is recorded (who, when, why).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.core.http import safe_next

from . import services
from .forms import CommentModerationForm, IdeaModerationForm
from .models import Comment, CommentReport, Idea, IdeaVisibility, ModerationRecord
from .permissions import check_moderator, get_comment_for_moderator, get_idea_for_user
from .views import paginate, render_detail

QUEUE_PAGE = 25
LATEST = 20


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    check_moderator(request)
    open_reports = CommentReport.objects.filter(resolved_at__isnull=True)
    reported = (
        Comment.objects.filter(pk__in=open_reports.values("comment"))
        .select_related("idea")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("created_at", "id")
    )
    page = paginate(request, reported, QUEUE_PAGE)
    drafts = Idea.objects.filter(visibility=IdeaVisibility.DRAFT).order_by("-created_at", "-id")
    context = {
        "page": page,
        "forms": [
            (c, CommentModerationForm(prefix=f"c{c.pk}", hidden=c.is_hidden)) for c in page.object_list
        ],
        "drafts": drafts[:LATEST],
        "draft_count": drafts.count(),
        "hidden_comments": Comment.objects.filter(is_hidden=True)
        .select_related("idea")
        .order_by("-id")[:LATEST],
        "records": ModerationRecord.objects.select_related("idea")[:LATEST],
    }
    return render(request, "ideas/moderation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def moderate_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """One comment with all its reports and history, and the decision form (also the queue's target)."""
    comment = get_comment_for_moderator(request, pk)
    form = CommentModerationForm(
        request.POST if request.method == "POST" else None, prefix=f"c{comment.pk}", hidden=comment.is_hidden
    )
    if request.method == "POST" and form.is_valid():
        services.moderate_comment(
            comment=comment,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
            moderator=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("The decision is recorded."))
        return redirect(safe_next(request, request.POST.get("next", ""), reverse("ideas:moderation")))
    context = {
        "comment": comment,
        "form": form,
        "reports": comment.reports.all(),
        "records": comment.moderation_records.all(),
        "next": safe_next(request, request.POST.get("next") or request.GET.get("next", ""), ""),
    }
    return render(request, "ideas/moderate_comment.html", context)


@login_required
@require_POST
def moderate_idea(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or hide an idea (from the moderators' box on the idea's page)."""
    check_moderator(request)
    idea = get_idea_for_user(request, pk)
    form = IdeaModerationForm(request.POST, prefix="moderation")
    if not form.is_valid():
        return render_detail(request, idea, moderation_form=form)
    if form.cleaned_data["action"] == "publish":
        services.publish_idea(idea=idea, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The idea is published."))
    else:
        services.hide_idea(idea=idea, moderator=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        messages.success(request, _("The idea is hidden. Its owners see why."))
    return redirect(idea)
