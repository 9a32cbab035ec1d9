"""Changes to an edition that other apps must hear about.

editions imports no app above it. An app whose data depends on an edition's phase (the bank's "presented
at" and prize filters name only public editions) registers a listener from its `AppConfig.ready()`.
"""

from collections.abc import Callable

from django.db import transaction

from .models import Edition, Phase

PhaseListener = Callable[[Edition], None]

_PHASE_LISTENERS: dict[str, PhaseListener] = {}


def on_phase_change(name: str, listener: PhaseListener) -> None:
    """Call `listener(edition)` whenever an edition's phase changes (the name makes it idempotent)."""
    _PHASE_LISTENERS[name] = listener


@transaction.atomic
def set_phase(*, edition: Edition, phase: Phase | str) -> Edition:
    """Change the edition's phase. Side effects: the edition's `phase`, and what the registered listeners
    do in the same transaction (the bank re-indexes the examples whose filter values name the edition).
    Setting the phase it already has changes nothing."""
    if edition.phase == phase:
        return edition
    Edition.objects.filter(pk=edition.pk).update(phase=phase)
    edition.phase = phase
    phase_changed(edition=edition)
    return edition


def phase_changed(*, edition: Edition) -> None:
    """Tell the listeners that the edition's phase has changed (for a caller that saved the row itself,
    as the admin does). Side effects: whatever the listeners do."""
    for listener in _PHASE_LISTENERS.values():
        listener(edition)
