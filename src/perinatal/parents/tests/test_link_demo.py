"""The demo data links the demo parent to the demo family its midwife and Kind en Gezin team
care for, as a parent would link (a code, then the mother's date of birth), once."""

import pytest

from django.core.management import call_command
from django.utils import translation

from perinatal.audit.models import AccessEvent
from perinatal.pathways.demo import DEMO_FAMILY_NAME

from ..models import LinkCode, ParentLink
from ..selectors import linked_pregnancies

pytestmark = pytest.mark.django_db


def test_the_demo_parent_is_linked_to_the_demo_family_once():
    with translation.override("en"):
        call_command("demo", "seed", verbosity=0)
        call_command("demo", "seed", verbosity=0)
    link = ParentLink.objects.get(user__username="demo-parent")
    assert link.pregnancy.mother.family_name == DEMO_FAMILY_NAME
    assert list(linked_pregnancies(link.user)) == [link.pregnancy]
    code = LinkCode.objects.get()
    assert (code.created_by.username, code.used_by) == ("demo-midwife", link.user)
    assert AccessEvent.objects.filter(actor=link.user, basis="own_record").exists()
