"""Reading the change log."""

from django.db import models
from django.db.models import QuerySet

from .models import AccessEvent, ChangeEvent


def changes_for(instance: models.Model) -> QuerySet[ChangeEvent]:
    return ChangeEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("-at", "-id")


def accesses(
    *, subject: str = "", actor: str = "", since=None, until=None
) -> QuerySet[AccessEvent]:
    """The access log, newest first, narrowed by whose record, by whom and by day."""
    events = AccessEvent.objects.all()
    if subject:
        events = events.filter(subject=subject)
    if actor:
        events = events.filter(actor_username=actor)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-id")


def accesses_to_subject(subject: str) -> QuerySet[AccessEvent]:
    """Who looked at a family's record: what the family may be given on request."""
    return AccessEvent.objects.filter(subject=subject).order_by("-at", "-id")
