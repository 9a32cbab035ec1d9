"""Check 7 (page cache) of `make prod-check`: nginx keeps the public pages of visitors without a session
(deploy/nginx/gronnpraksis-page-cache.conf), a change shows within PUBLIC_PAGE_MAX_AGE, and nothing
personal is ever kept."""

from __future__ import annotations

import re
import threading
import time
import uuid
from pathlib import Path

from .stack import Outcome, Stack, programme_path

FILLED_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]')


def _seconds_until(stack: Stack, path: str, shows: str, *, status: int = 200, limit: float) -> float | None:
    """Seconds until `path` answers `status` with `shows` in it (None: not within `limit`)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        answer, _headers, body = stack.get(path)
        if answer == status and shows in body.decode(errors="replace"):
            return time.monotonic() - started
        time.sleep(0.25)
    return None


def _kept(stack: Stack) -> str:
    cache = stack.tmp / "nginx" / "page-cache"
    return "\n".join(p.read_bytes().decode(errors="replace") for p in Path(cache).rglob("*") if p.is_file())


def check_page_cache(stack: Stack) -> Outcome:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from gronnpraksis.accounts.models import User
    from gronnpraksis.editions.models import Edition
    from gronnpraksis.ideas import services as ideas
    from gronnpraksis.ideas.models import Idea, IdeaVisibility
    from gronnpraksis.program.models import ProgramItem
    from gronnpraksis.program.services import publish_program

    max_age = settings.PUBLIC_PAGE_MAX_AGE
    problems: list[str] = []
    programme = programme_path(stack)
    slug = programme.strip("/").split("/")[0]
    edition = Edition.objects.get(slug=slug)
    idea = Idea.objects.filter(visibility=IdeaVisibility.PUBLISHED).order_by("pk").first()
    pages = [f"/{slug}/", programme] + ([idea.get_absolute_url()] if idea else [])

    # Kept: the second anonymous request is answered by nginx, with the app's public headers.
    for path in pages:
        first, second = stack.get(path), stack.get(path)
        states = [first[1].get("X-Cache-Status"), second[1].get("X-Cache-Status")]
        if second[1].get("X-Cache-Status") != "HIT":
            problems.append(f"{path}: not kept ({states})")
        if not second[1].get("Cache-Control", "").startswith("public") or not second[1].get("ETag"):
            problems.append(f"{path}: Cache-Control {second[1].get('Cache-Control')!r}, no ETag")
        if second[1].get("Set-Cookie") or FILLED_TOKEN.search(second[2]):
            problems.append(f"{path}: a cookie or a filled CSRF token on a shared page")
        revalidated = stack.get(path, {"If-None-Match": second[1].get("ETag", "")})
        if revalidated[0] != 304:
            problems.append(f"{path}: If-None-Match answered {revalidated[0]}")

    # Changed: an edit, a publication and a moderation decision, each seen within the stated time.
    tag = uuid.uuid4().hex[:6]
    new_name = f"{edition.name} {tag}"
    moderator = User.objects.filter(is_superuser=True).first() or User.objects.create_user(
        email=f"moderator.{tag}@example.no", password=None
    )
    last = ProgramItem.objects.filter(edition=edition).order_by("-ends_at").first()
    seen: dict[str, float | None] = {}

    def edit() -> None:
        Edition.objects.filter(pk=edition.pk).update(name=new_name)
        seen["edit"] = _seconds_until(stack, f"/{slug}/", new_name, limit=max_age + 10)

    def publication() -> None:
        ProgramItem.objects.create(
            edition=edition, title=f"Nytt punkt {tag}", starts_at=last.starts_at, ends_at=last.ends_at
        )
        publish_program(edition=edition, user=None)
        seen["publication"] = _seconds_until(stack, programme, f"Nytt punkt {tag}", limit=max_age + 10)

    def moderation() -> None:
        ideas.hide_idea(idea=idea, moderator=moderator, reason="prod-check")
        seen["moderation"] = _seconds_until(stack, pages[2], "", status=404, limit=max_age + 10)

    changes = [edit, publication] + ([moderation] if idea else [])
    threads = [threading.Thread(target=change) for change in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for what, seconds in seen.items():
        if seconds is None or seconds > max_age + 2:
            problems.append(f"{what}: not visible within {max_age} s ({seconds})")

    # Personal: a logged-in visitor passes the cache, a response that sets a cookie is never kept.
    person = User.objects.create_user(email=f"kari.{tag}@example.no", password=None, name=f"Kari {tag}")
    session = SessionStore()
    session.update(
        {
            SESSION_KEY: str(person.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: person.get_session_auth_hash(),
        }
    )
    session.create()
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}
    personal = [stack.get(path, cookie) for path in pages[:2] for _ in range(2)]
    tokens = [stack.get("/csrf-token") for _ in range(2)]
    for status, headers, _body in personal:
        if headers.get("X-Cache-Status") != "BYPASS" or "private" not in headers.get("Cache-Control", ""):
            problems.append(
                f"logged in: {status} {headers.get('X-Cache-Status')} {headers.get('Cache-Control')}"
            )
    if any(h.get("X-Cache-Status") == "HIT" for _s, h, _b in tokens) or tokens[0][2] == tokens[1][2]:
        problems.append("a response that sets a cookie was kept")
    kept = _kept(stack)
    if "Set-Cookie" in kept or person.email in kept or f"Kari {tag}" in kept:
        problems.append("the page cache holds a cookie or a logged-in person's page")
    figure = (
        f"{len(pages)} pages kept by nginx and revalidated by ETag; visible after "
        + ", ".join(f"{what} {s:.1f} s" if s is not None else f"{what} never" for what, s in seen.items())
        + f" (stated: {max_age} s); logged-in requests bypass, nothing with a cookie kept"
    )
    return Outcome(not problems, figure, "\n".join(problems[:20]))
