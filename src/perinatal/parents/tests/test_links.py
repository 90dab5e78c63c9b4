"""A parent reaches a family only through an active link; every read is logged as own record."""

import pytest

from django.db import IntegrityError, transaction
from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import make_persona
from perinatal.audit.models import AccessEvent
from perinatal.pathways.tests.factories import register

from ..models import ParentLink
from ..selectors import NotLinked, is_linked, linked_pregnancies, own_family_get
from .factories import linked_parent

pytestmark = pytest.mark.django_db


def a_family():
    return register(make_persona(Role.KG_PROFESSIONAL))


def test_a_linked_parent_reads_the_family_on_the_basis_own_record():
    pregnancy = a_family()
    parent = linked_parent(pregnancy)
    got = own_family_get(user=parent, public_id=pregnancy.public_id, purpose="my first 1000 days")
    assert got == pregnancy
    row = AccessEvent.objects.get(actor=parent, basis="own_record")
    assert (row.basis, row.subject) == ("own_record", str(pregnancy.public_id))


def test_an_ended_link_sees_nothing():
    pregnancy = a_family()
    parent = linked_parent(pregnancy)
    ParentLink.objects.filter(user=parent).update(ended_at=timezone.now())
    assert not is_linked(parent, pregnancy)
    assert list(linked_pregnancies(parent)) == []
    with pytest.raises(NotLinked):
        own_family_get(user=parent, public_id=pregnancy.public_id, purpose="x")


def test_another_familys_parent_is_not_linked():
    pregnancy, other = a_family(), a_family()
    parent = linked_parent(other)
    with pytest.raises(NotLinked):
        own_family_get(user=parent, public_id=pregnancy.public_id, purpose="x")
    assert list(linked_pregnancies(parent)) == [other]


def test_one_active_link_per_parent_and_family():
    pregnancy = a_family()
    parent = linked_parent(pregnancy)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParentLink.objects.create(pregnancy=pregnancy, user=parent)
