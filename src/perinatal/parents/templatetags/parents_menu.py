"""The menu's link for parents, "My first 1000 days": straight to the family when the parent
is linked to exactly one, else to the home page's list of linked families (decision 0036).
One small query, for parents only."""

from typing import Any

from django import template
from django.urls import reverse

from perinatal.accounts.roles import is_parent

from ..selectors import linked_pregnancies

register = template.Library()


@register.simple_tag
def my_1000_days_url(user: Any) -> str:
    if not is_parent(user):
        return ""
    ids = list(linked_pregnancies(user).values_list("public_id", flat=True)[:2])
    if len(ids) == 1:
        return reverse("parents:family", args=[ids[0]])
    return reverse("worklist:home") + "#my-families"
