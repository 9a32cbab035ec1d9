"""The privacy statement names the periods the retention jobs use: they come from the same settings."""

import re

import pytest

from gronnpraksis.core.privacy_statement import STATEMENT_VERSION


def text(client, url):
    body = client.get(url).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "health", "registrations", "outbox"),
    [
        ("/personvern/", "slettes 4 dager etter", "i 5 år etter", "utboksen vår 45 dager etter"),
        ("/en/personvern/", "Deleted 4 days after", "kept for 5 years after", "outbox 45 days after"),
    ],
)
def test_the_statement_takes_its_periods_from_the_settings_the_jobs_use(
    client, settings, url, health, registrations, outbox
):
    settings.HEALTH_DATA_RETENTION_DAYS = 4
    settings.REGISTRATION_RETENTION_YEARS = 5
    settings.OUTBOX_RETENTION_DAYS = 45

    page = text(client, url)

    assert health in page and registrations in page and outbox in page
    assert "tre år" not in page and "three years" not in page
    assert STATEMENT_VERSION in page


@pytest.mark.django_db
def test_the_default_periods_are_the_ones_the_statement_promised(client):
    page = text(client, "/personvern/")

    assert "i 3 år etter arrangementet" in page
    assert "slettes 1 dag etter at arrangementet er over" in page


@pytest.mark.django_db
def test_the_jobs_read_the_same_settings(settings):
    from gronnpraksis.core.privacy_statement import retention_periods

    settings.HEALTH_DATA_RETENTION_DAYS = 9
    settings.REGISTRATION_RETENTION_YEARS = 2
    settings.OUTBOX_RETENTION_DAYS = 7
    assert retention_periods() == type(retention_periods())(9, 2, 7)
