"""The worker's loop: a failing pass is logged and does not stop the others; --once raises it."""

import threading

import pytest

from gronnpraksis.core import worker


def test_a_failing_pass_does_not_stop_the_others(db, caplog):
    stop = threading.Event()
    runs = {"broken": 0, "healthy": 0}

    def broken():
        runs["broken"] += 1
        raise RuntimeError("database went away")

    def healthy():
        runs["healthy"] += 1
        if runs["healthy"] == 3:
            stop.set()
        yield f"round {runs['healthy']}"

    lines: list[str] = []
    passes = [worker.Pass("broken", broken, every=0), worker.Pass("healthy", healthy, every=0)]
    worker.run(passes, tick=0.01, write=lines.append, stop=stop)

    assert runs == {"broken": 3, "healthy": 3}
    assert lines == ["worker: healthy: round 1", "worker: healthy: round 2", "worker: healthy: round 3"]
    assert "pass broken failed" in caplog.text


def test_once_runs_each_pass_once_and_raises_a_failure(db):
    def broken():
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        worker.run([worker.Pass("broken", broken, every=0)], once=True)


def test_every_pass_of_the_worker_is_named_once():
    names = [job.name for job in worker.PASSES]
    assert len(names) == len(set(names))
    assert {"mail", "award_nominees", "partner_feeds", "daily_jobs", "secret_mail"} <= set(names)


@pytest.mark.django_db
def test_worker_command_once_sends_the_outbox(settings, capsys):
    from django.core import mail
    from django.core.management import call_command

    from gronnpraksis.mail.models import OutboxMail, OutboxStatus
    from gronnpraksis.mail.services import enqueue_rendered_mail

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    enqueue_rendered_mail(to="kari.nordmann@example.no", subject="Hei", body_text="Hei, Kari.\n")

    call_command("worker", "--once", "--only", "mail")

    assert OutboxMail.objects.get().status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
    assert "worker: mail: sent 1, failed 0" in capsys.readouterr().out
