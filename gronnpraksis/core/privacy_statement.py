"""The privacy statement's facts that code depends on: its version and the retention periods."""

from dataclasses import dataclass

from django.conf import settings

# Change when the privacy statement or a consent text (the news checkbox, the health data note) changes
# in substance: registrations store the version the person agreed to.
STATEMENT_VERSION = "2026-12-08"


@dataclass(frozen=True)
class RetentionPeriods:
    health_data_days: int
    registration_years: int
    outbox_days: int


def retention_periods() -> RetentionPeriods:
    """The periods the daily jobs use, read from the settings; the statement is rendered from these."""
    return RetentionPeriods(
        health_data_days=settings.HEALTH_DATA_RETENTION_DAYS,
        registration_years=settings.REGISTRATION_RETENTION_YEARS,
        outbox_days=settings.OUTBOX_RETENTION_DAYS,
    )
