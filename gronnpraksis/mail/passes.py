"""The mail app's background work, registered with the worker (`core.worker`) in `MailConfig.ready()`."""

from collections.abc import Iterator

from gronnpraksis.mail.services import purge_secret_mail, send_due_mails


def send_outbox() -> Iterator[str]:
    """Send what is due until nothing is left (another worker's leases count as nothing left).
    Yields a line for the log when something was sent or failed."""
    total_sent = total_failed = 0
    while True:
        sent, failed = send_due_mails()
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if not sent:
            break
    if total_sent or total_failed:
        yield f"sent {total_sent}, failed {total_failed}"


def purge_secrets() -> Iterator[str]:
    """Delete sent mails that carried a secret once they are old enough (idempotent)."""
    if purged := purge_secret_mail():
        yield f"purged {purged} mails that carried a secret"
