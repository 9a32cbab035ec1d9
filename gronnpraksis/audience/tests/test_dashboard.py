import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from gronnpraksis.audience import charts, stats
from gronnpraksis.registrations.models import Registration
from tests.factories import EditionFactory, register_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Tables and pages in English (the URLs get the /en/ prefix), so the msgids are what we compare."""
    with translation.override("en"):
        yield


def by_slug(edition):
    return {table.slug: table for table in stats.dashboard_tables(edition)}


def test_grouped_counts_leave_out_the_cancelled(seeded):
    tables = by_slug(seeded.edition)
    assert dict(map(tuple, tables["sector"].rows)) == {"Municipality": 2, "Business": 1}
    assert dict(map(tuple, tables["role"].rows)) == {"Professional": 1, "Leader": 1, "Student": 1}
    assert dict(map(tuple, tables["ticket"].rows)) == {"Ordinær": 2, "Student": 1}
    days = dict(map(tuple, tables["day"].rows))
    assert days == {seeded.day1.label: 2, seeded.day2.label: 2}
    counties = dict(map(tuple, tables["county"].rows))
    assert counties == {"Agder": 2, "Oslo": 1}
    assert tables["organisation-type"].rows == [["Municipality", 3]]  # all linked to Kristiansand kommune


def test_contributions_reviews_and_the_day(seeded):
    tables = by_slug(seeded.edition)
    assert dict(map(tuple, tables["kind"].rows)) == {"Practice example": 1, "Unfinished idea": 1}
    assert dict(map(tuple, tables["state"].rows)) == {"Submitted": 2}
    assert tables["reviews"].rows == [["Anne Arrangør", 0, 1]]
    assert tables["checked-in-by-hour"].rows == [[f"{seeded.edition.starts_on:%Y-%m-%d} 08:00", 1]]
    assert tables["checked-in-by-hour"].extra == {"checked_in": 1, "confirmed": 3}
    assert tables["no-shows"].rows == [["Ordinær", 1, 1, 2], ["Student", 0, 1, 1]]


def test_the_curve_is_cumulative_and_set_against_the_previous_edition(seeded):
    edition = seeded.edition
    earlier = EditionFactory(starts_on=edition.starts_on.replace(year=edition.starts_on.year - 1))
    earlier.ends_on = earlier.starts_on
    earlier.save()
    for n, days_before in enumerate([70, 10, 10]):
        old = register_person(earlier, email=f"fjor{n}@example.no")
        moment = datetime.datetime.combine(earlier.starts_on, datetime.time(12), tzinfo=earlier.tz)
        Registration.objects.filter(pk=old.pk).update(
            created_at=moment - datetime.timedelta(days=days_before)
        )
    table = by_slug(edition)["over-time"]
    assert table.columns[2:] == [edition.name, earlier.name]
    today = (edition.starts_on - timezone.localdate()).days  # all of this year's registered today

    def day(days):
        return edition.starts_on - datetime.timedelta(days=days)

    # Only days with a change; this year's count is empty after today. The cancelled one is left out.
    assert table.rows == [
        [70, day(days=70), 0, 1],
        [today, day(days=today), 3, 1],
        [10, day(days=10), "", 3],
    ]
    assert [label for label, _offset in table.extra["deadlines"]] == [
        "Registration deadline",
        "Contribution deadline",
    ]
    svg = charts.line(table)
    assert "<polyline" in svg and "gp-chart__line--previous" in svg and "Registration deadline" in svg


def test_the_page_draws_accessible_charts_with_tables(client, seeded, organiser):
    client.force_login(organiser)
    response = client.get(reverse("audience:dashboard", kwargs={"edition": seeded.edition.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and '<desc id="chart-sector-desc">Municipality: 2; Business: 1</desc>' in html
    assert 'id="table-county"' in html and "gp-map__svg" in html


def test_query_count_does_not_grow_with_the_registrations(
    client, seeded, organiser, django_assert_max_num_queries
):
    client.force_login(organiser)
    url = reverse("audience:dashboard", kwargs={"edition": seeded.edition.slug})
    client.get(url)
    for n in range(15):
        register_person(seeded.edition, email=f"flere{n}@example.no", sector="stat")
    with django_assert_max_num_queries(16):  # the session, the user and the team role, then the numbers
        response = client.get(url)
    with django_assert_max_num_queries(10):
        stats.dashboard_tables(seeded.edition)
    assert "Flere" not in response.content.decode()
    assert Registration.objects.filter(edition=seeded.edition).count() == 19


def test_csv_and_xlsx_downloads(client, seeded, organiser):
    client.force_login(organiser)
    slug = seeded.edition.slug
    response = client.get(
        reverse("audience:download", kwargs={"edition": slug, "table": "sector", "fmt": "csv"})
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Sector", "Registrations"], ["Municipality", "2"], ["Business", "1"]]
    response = client.get(
        reverse("audience:download", kwargs={"edition": slug, "table": "alle", "fmt": "xlsx"})
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert "sector" in workbook.sheetnames and "no-shows" in workbook.sheetnames
    assert [list(r) for r in workbook["no-shows"].iter_rows(values_only=True)] == [
        ["Ticket", "Checked in", "Not checked in", "Confirmed"],
        ["Ordinær", 1, 1, 2],
        ["Student", 0, 1, 1],
    ]
    missing = client.get(
        reverse("audience:download", kwargs={"edition": slug, "table": "nope", "fmt": "csv"})
    )
    assert missing.status_code == 404


def test_a_spreadsheet_formula_in_a_name_is_defused():
    from gronnpraksis.audience.exports import table_csv

    table = stats.Table("t", "T", ["Name", "N"], [["=HYPERLINK(1)", 1]])
    assert "'=HYPERLINK(1)" in table_csv(table).decode("utf-8-sig")
