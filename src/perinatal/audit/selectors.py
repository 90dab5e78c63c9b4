"""Reading the change log."""

from django.db import models
from django.db.models import QuerySet

from .models import ChangeEvent


def changes_for(instance: models.Model) -> QuerySet[ChangeEvent]:
    return ChangeEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("-at", "-id")
