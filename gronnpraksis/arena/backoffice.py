"""The door on the day: check-in by QR code or search (a phone's page), the day's list for the phone to
keep and for paper, the sync of scans queued offline, and the organisers' name badges."""

import datetime
import json
import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gronnpraksis.accounts.models import User
from gronnpraksis.core.forms import filled_honeypot
from gronnpraksis.editions.models import Edition, EditionDay
from gronnpraksis.editions.permissions import team_view
from gronnpraksis.registrations.forms import RegistrationForm
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.services import RegistrationData, RegistrationError

from . import attendance, door, pdfs, qr, services
from .forms import BadgeForm, CheckInForm, SearchForm
from .models import Scan, ScanMethod, ScanResult
from .permissions import checkin_view

MAX_SYNC_SCANS = 200


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def result_message(scan: Scan) -> str:
    name = scan.registration.name if scan.registration else ""
    texts = {
        ScanResult.CHECKED_IN: _("%(name)s is checked in."),
        ScanResult.DUPLICATE: _("%(name)s was already checked in."),
        ScanResult.WRONG_DAY: _("%(name)s is not registered for this day."),
        ScanResult.CANCELLED: _("%(name)s has cancelled the registration."),
        ScanResult.WAITLISTED: _("%(name)s is on the waitlist and has no seat."),
        ScanResult.UNKNOWN: _("The code is not a ticket for this edition."),
    }
    return texts[ScanResult(scan.result)] % {"name": name}


@checkin_view
@require_GET
def checkin(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """The check-in page: the scanner (with JavaScript), the search, and the person a code points to."""
    day = door.chosen_day(edition, request.GET.get("dag", ""))
    search = SearchForm(request.GET or None)
    rows: list[door.DoorRow] = []
    scanned = None
    secret = qr.secret_from(request.GET.get(qr.SECRET_PARAMETER, ""))
    if day is not None and secret:
        registration = services.registration_for_secret(edition, secret)
        scanned = door.row_for(edition, day, registration) if registration else None
        if scanned is None:
            messages.error(request, _("The code is not a ticket for this edition."))
    query = search.cleaned_data["q"] if search.is_valid() else ""
    if day is not None and query:
        rows = door.search(edition, day, query)
    return render(
        request,
        "arena/backoffice/checkin.html",
        {
            "edition": edition,
            "role": role,
            "day": day,
            "days": list(edition.days.all()),
            "search": search,
            "query": query,
            "rows": rows,
            "scanned": scanned,
            "secret": secret if scanned else "",
            "new_scan_id": uuid.uuid4,
        },
    )


def _device(request: HttpRequest, reported: str) -> str:
    return (reported or request.headers.get("User-Agent", ""))[:60]


@checkin_view
@require_POST
def checkin_post(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Check one person in from the page's button (works without JavaScript)."""
    form = CheckInForm(request.POST)
    back = reverse("arena_backoffice:checkin", kwargs={"edition": edition.slug})
    if not form.is_valid():
        messages.error(request, _("Choose the person to check in."))
        return redirect(back)
    data = form.cleaned_data
    day = edition.days.filter(date=data["day"]).first()
    if day is None:
        messages.error(request, _("Choose one of the edition's days."))
        return redirect(back)
    scan = services.record_scan(
        edition=edition,
        day=day,
        staff=request.user if isinstance(request.user, User) else None,
        scan=services.ScanRequest(
            scan_id=data["scan_id"],
            method=ScanMethod.QR if data["secret"] else ScanMethod.SEARCH,
            secret=data["secret"],
            registration_id=data["registration"],
            device=_device(request, data["device"]),
            allow_other_day=data["allow_other_day"],
        ),
    )
    level = messages.SUCCESS if scan.result == ScanResult.CHECKED_IN else messages.WARNING
    messages.add_message(request, level, result_message(scan))
    params = {"dag": day.date.isoformat()}
    if data["q"]:
        params["q"] = data["q"]
    return redirect(f"{back}?{urlencode(params)}")


@checkin_view
@require_GET
def day_list_json(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """The day's list for the phone to keep while the connection comes and goes."""
    day = door.chosen_day(edition, request.GET.get("dag", ""))
    if day is None:
        return JsonResponse({"day": None, "people": []})
    services.ensure_passes(edition=edition)
    response = JsonResponse(door.day_list_data(edition, day))
    response["Cache-Control"] = "no-store, private"
    return response


def _parse_scan(item: object, request: HttpRequest) -> services.ScanRequest | None:
    if not isinstance(item, dict):
        return None
    try:
        scan_id = uuid.UUID(str(item.get("scan_id", "")))
    except ValueError:
        return None
    registration_id = item.get("registration")
    secret = qr.secret_from(str(item.get("code", "")))[:64]
    scanned_at = parse_datetime(str(item.get("scanned_at", ""))) if item.get("scanned_at") else None
    if scanned_at is not None and scanned_at.tzinfo is None:
        scanned_at = scanned_at.replace(tzinfo=datetime.UTC)
    return services.ScanRequest(
        scan_id=scan_id,
        method=ScanMethod.QR if secret else ScanMethod.SEARCH,
        secret=secret,
        registration_id=registration_id if isinstance(registration_id, int) else None,
        device=_device(request, str(item.get("device", ""))),
        scanned_at=scanned_at,
        allow_other_day=item.get("allow_other_day") is True,
    )


@checkin_view
@require_POST
def sync(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Scans the phone made, now or queued while offline: `{"day": "YYYY-MM-DD", "scans": [...]}`.

    Each scan is recorded once by its `scan_id`, so a queue sent twice changes nothing; the answer gives each
    scan's result and the person's name."""
    try:
        body = json.loads(request.body or b"{}")
        date = datetime.date.fromisoformat(str(body.get("day", "")))
        items = body.get("scans", [])
    except (ValueError, AttributeError):
        return JsonResponse({"error": _("The scans could not be read.")}, status=400)
    day: EditionDay | None = edition.days.filter(date=date).first()
    if day is None or not isinstance(items, list) or len(items) > MAX_SYNC_SCANS:
        return JsonResponse({"error": _("The scans could not be read.")}, status=400)
    results = []
    staff = request.user if isinstance(request.user, User) else None
    for item in items:
        scan = _parse_scan(item, request)
        if scan is None:
            continue
        row = services.record_scan(edition=edition, day=day, staff=staff, scan=scan)
        results.append(
            {
                "scan_id": str(row.scan_id),
                "result": row.result,
                "registration": row.registration_id,
                "name": row.registration.name if row.registration else "",
                "message": result_message(row),
            }
        )
    return JsonResponse({"results": results})


@checkin_view
@require_http_methods(["GET", "POST"])
def walk_in(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Register someone who comes without a registration, and check them in at once."""
    day = door.chosen_day(edition, request.GET.get("dag", ""))
    if day is None:
        return redirect("arena_backoffice:checkin", edition=edition.slug)
    form = RegistrationForm(request.POST or None, edition=edition, initial={"days": [day]})
    if request.method == "POST" and not filled_honeypot(form) and form.is_valid():
        data = form.cleaned_data
        try:
            registration, scan = services.register_walk_in(
                edition=edition,
                day=day,
                staff=request.user if isinstance(request.user, User) else None,
                idempotency_key=data["idempotency_key"],
                device=_device(request, ""),
                data=RegistrationData(
                    **{field: data[field] for field in WALK_IN_FIELDS},
                    days=list(data["days"]),
                    language=get_language() or "nb",
                ),
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            level = messages.SUCCESS if scan.result == ScanResult.CHECKED_IN else messages.WARNING
            messages.add_message(request, level, result_message(scan))
            back = reverse("arena_backoffice:checkin", kwargs={"edition": edition.slug})
            return redirect(f"{back}?{urlencode({'dag': day.date.isoformat(), 'q': registration.name})}")
    return render(
        request, "arena/backoffice/walk_in.html", {"edition": edition, "role": role, "day": day, "form": form}
    )


WALK_IN_FIELDS = (
    "name",
    "email",
    "phone",
    "organisation_name",
    "organisation_number",
    "sector",
    "role",
    "municipality",
    "ticket_type",
    "dietary_needs",
    "accessibility_needs",
    "invoice_reference",
    "payer_type",
    "payer_name",
    "payer_address",
    "news_opt_in",
)


@checkin_view
@require_GET
def day_list_pdf(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """The day's list on paper, sorted by surname, with tick boxes: the door's fallback."""
    day = door.chosen_day(edition, request.GET.get("dag", ""))
    if day is None:
        return redirect("arena_backoffice:checkin", edition=edition.slug)
    rows = [
        pdfs.ListRow(
            name=row.registration.name,
            organisation=row.registration.organisation_name,
            municipality=row.registration.municipality.name,
            ticket=row.registration.ticket_type.name,
            checked_in=row.first is not None,
        )
        for row in door.day_rows(edition, day)
        if row.registration.status == Status.CONFIRMED
    ]
    return _pdf(pdfs.day_list(edition, day, rows), f"{edition.slug}-{day.date.isoformat()}-liste.pdf")


@team_view(organiser=True)
@require_GET
def badges(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Name badges for every confirmed registration, in a layout the organiser picks."""
    form = BadgeForm(request.GET or None)
    if form.is_valid():
        layout = next(lay for lay in pdfs.badge_layouts() if lay.key == form.cleaned_data["layout"])
        registrations = list(
            Registration.objects.filter(edition=edition, status=Status.CONFIRMED, anonymised_at__isnull=True)
            .select_related("municipality")
            .order_by("name")
        )
        people = sorted(attendance.badges_for(edition, registrations), key=lambda b: pdfs.surname_key(b.name))
        return _pdf(pdfs.badges(edition, people, layout), f"{edition.slug}-navneskilt-{layout.key}.pdf")
    return render(request, "arena/backoffice/badges.html", {"edition": edition, "role": role, "form": form})
