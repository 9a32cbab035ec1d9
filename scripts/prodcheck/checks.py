"""Checks 1 (smoke) and 4 (shared limits) of `make prod-check`."""

from __future__ import annotations

import http.client
import re
import uuid
from collections import Counter

from .stack import HASHED, HOST, SECURITY_HEADERS, Outcome, Stack


def check_smoke(stack: Stack) -> Outcome:
    """Crawl the public site from its home page (paths only, up to three pages of each shape, at most 400)
    plus the exports."""
    from gronnpraksis.editions.models import Edition

    seeds = ["/", "/arkiv/", "/eksempler/", "/kommuner/", "/personvern/", "/tilgjengelighet/", "/healthz"]
    seeds += [
        "/eksempler/eksempler.csv",
        "/eksempler/eksempler.json",
        "/eksempler/nye.atom",
        "/api/v1/openapi.json",
    ]
    for slug in Edition.objects.values_list("slug", flat=True):
        seeds += [f"/{slug}/", f"/{slug}/program/", f"/{slug}/program/talere/", f"/{slug}/program/nytt/"]
        seeds += [f"/{slug}/program.xml", f"/{slug}/program.json", f"/{slug}/program.ics"]
        seeds += [f"/{slug}/program/nytt.atom"]
    skip = ("/admin", "/accounts", "/static/", "/media/", "/i18n/", "/dev/", "/arrangor", "/api/")
    seen: set[str] = set()
    pages: dict[str, tuple[int, http.client.HTTPMessage]] = {}
    statics: set[str] = set()
    problems: list[str] = []
    link = re.compile(r'(?:href|src)="(/[^"#?]*)')
    shapes: Counter[str] = (
        Counter()
    )  # at most 3 pages of each shape (/kommuner/#/ …): every kind, not every page

    def new(path: str) -> bool:
        shape = re.sub(r"\d+", "#", path)
        if path in seen or shapes[shape] >= 3:
            return False
        shapes[shape] += 1
        return True

    queue = [path for path in dict.fromkeys(seeds) if new(path)]

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as executor:
        while queue and len(pages) < 400:
            batch = [p for p in queue[: 400 - len(pages)] if p not in seen]
            queue = queue[len(batch) :]
            seen.update(batch)
            for path, (status, headers, body) in zip(batch, executor.map(stack.get, batch), strict=True):
                pages[path] = (status, headers)
                if "text/html" not in headers.get("Content-Type", ""):
                    continue
                for found in link.findall(body.decode(errors="replace")):
                    if found.startswith("/static/"):
                        statics.add(found)
                    elif not found.startswith(skip) and found not in queue and new(found):
                        queue.append(found)
    login_needed = 0
    for path, (status, headers) in sorted(pages.items()):
        location = headers.get("Location", "")
        if status in (301, 302) and ("/accounts/" in location or "logg-inn" in location):
            login_needed += 1
            continue
        if status != 200:
            problems.append(f"{path}: {status}")
            continue
        if path != "/healthz":
            missing = [h for h in SECURITY_HEADERS if not headers.get(h)]
            if missing:
                problems.append(f"{path}: no {', '.join(missing)}")
    hashed = [s for s in statics if HASHED.search(s)]
    for path in sorted(statics):
        status, headers, _ = stack.get(path, {"Accept-Encoding": "gzip"})
        cache = headers.get("Cache-Control", "")
        if status != 200:
            problems.append(f"{path}: {status}")
        elif HASHED.search(path) and "max-age=31536000" not in cache:
            problems.append(f"{path}: Cache-Control {cache!r}")
        elif path.endswith(".css") and headers.get("Content-Encoding") != "gzip":
            problems.append(f"{path}: not compressed")
    if not hashed:
        problems.append("no hashed static file found in the pages (ManifestStaticFilesStorage not in use?)")
    ok = not problems and len(pages) >= 20
    figure = (
        f"{len(pages) - login_needed} public pages and exports 200 with security headers "
        f"({login_needed} ask for login), {len(hashed)}/{len(statics)} static files hashed with a 1-year cache"
    )
    return Outcome(ok, figure, "\n".join(problems[:20]))


TOO_MANY = "For mange innloggingsforsøk"  # allauth's own (bokmål) messages
WRONG = "passordet du oppgav er feil"
LOGIN_FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _failed_login(stack: Stack, email: str) -> tuple[int, str]:
    """GET the login form, POST a wrong password for `email`; returns (status, page)."""
    status, headers, body = stack.get("/accounts/login/")
    token = LOGIN_FORM_TOKEN.search(body.decode())
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if status != 200 or not token or not cookie:
        return status, body.decode(errors="replace")[:300]
    from urllib.parse import urlencode

    connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
    try:
        connection.request(
            "POST",
            "/accounts/login/",
            body=urlencode(
                {
                    "csrfmiddlewaretoken": token[1],
                    "login": email,
                    "password": "wrong-Password-1",
                }
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie[1]}",
                "Origin": f"http://{HOST}:{stack.nginx_port}",
                "Accept-Language": "nb",
            },
        )
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def check_limits(stack: Stack) -> Outcome:
    """allauth's limit of 10 failed logins per minute and address, 20 attempts spread over both apps."""
    from gronnpraksis.accounts.models import User

    limit = 10
    # Failed logins count for existing accounts; one account per attempt keeps the per-account limit out.
    tag = uuid.uuid4().hex[:6]
    emails = [f"limit{i}.{tag}@example.no" for i in range(2 * limit)]
    for email in emails:
        User.objects.create_user(email=email, password=None)  # no usable password: every attempt fails
    posts_before = [len([e for e in app.access_entries() if e.method == "POST"]) for app in stack.apps]
    answers = [_failed_login(stack, email) for email in emails]
    limited = sum(1 for status, page in answers if status == 200 and TOO_MANY in page)
    refused = sum(1 for status, page in answers if status == 200 and WRONG in page)
    per_app = [
        len([e for e in app.access_entries() if e.method == "POST"]) - before
        for app, before in zip(stack.apps, posts_before, strict=True)
    ]
    # The platform's own limits keep their counts in the same shared cache (its "ratelimits" alias on the
    # same Redis); tests/burst/test_rate_limit_burst.py checks them across two processes.
    note = ""
    ok = limited == limit and refused == limit and all(per_app)
    figure = (
        f"{2 * limit} failed logins over both apps (POSTs per app: {' + '.join(map(str, per_app))}): "
        f"{refused} refused as wrong, {limited} stopped by the shared limit of {limit}/min{note}"
    )
    details = "" if ok else "\n".join(f"{s}: {p[:200]}" for s, p in answers if s != 200)
    return Outcome(ok, figure, details)
