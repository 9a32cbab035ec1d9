from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyJob(models.Model):
    """One row per daily job: the day it last ran. A worker claims a day's run with a conditional update
    (`last_run_on < today`), so several workers run each job once a day, on SQLite and PostgreSQL."""

    name = models.CharField(max_length=50, primary_key=True)
    last_run_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("daily job")
        verbose_name_plural = _("daily jobs")

    def __str__(self) -> str:
        return self.name


class JobRun(models.Model):
    """The log of one run of a daily job: when it started and finished, and how many rows it changed."""

    job = models.CharField(_("job"), max_length=50)
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return f"{self.job} {self.day}"


class ErasureLogEntry(models.Model):
    """That an account was deleted: when, whose id, and who did it. Holds no personal data: ids only."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    subject_user_id = models.PositiveIntegerField(_("account id"))
    # The organiser who did it on request; empty when the person deleted their own account.
    performed_by_id = models.PositiveIntegerField(_("done by (account id)"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")

    def __str__(self) -> str:
        return f"#{self.subject_user_id} ({self.at:%Y-%m-%d})"
