"""The parent's way to "My first 1000 days" (decision 0036): the home page lists the linked
families (each named in the access log as own record), the menu links straight to the one
family, or to that list; an unlinked parent is told how to get linked."""

import pytest

from django.urls import reverse
from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessEvent

from .factories import linked_parent
from .timeline_support import a_family

pytestmark = pytest.mark.django_db


def home(client, lang="nl"):
    response = client.get(f"/{lang}/work/")
    assert response.status_code == 200
    return response


def test_the_home_lists_the_linked_families_with_a_link_to_each(client_for):
    today = timezone.localdate()
    first, _ = a_family(today=today)
    second, _ = a_family(today=today)
    parent = linked_parent(first)
    linked_parent(second, user=parent)
    response = home(client_for(parent))
    section = next(s for s in response.context["home"].sections if s.key == "my-families")
    assert sorted(item.url for item in section.items) == sorted(
        reverse("parents:family", args=[p.public_id]) for p in (first, second)
    )
    assert {r.subject for r in AccessEvent.objects.filter(actor=parent, basis="own_record")} == {
        str(first.public_id),
        str(second.public_id),
    }
    # two families: the menu leads to the home's list
    assert 'href="/nl/work/#my-families"' in response.content.decode()


def test_with_one_family_the_menu_links_straight_to_it(client_for):
    family, _ = a_family(today=timezone.localdate())
    parent = linked_parent(family)
    html = home(client_for(parent), "fr").content.decode()
    assert f'href="/fr/my/{family.public_id}/"' in html
    assert "Mes 1000 premiers jours" in html


def test_an_unlinked_parent_is_told_how_to_get_linked(client_for, persona):
    html = home(client_for(persona(Role.PARENT)), "en").content.decode()
    assert "is not linked to your family" in html


def test_professionals_have_no_such_link(client_for, kg_nurse):
    assert "my-1000-days-link" not in home(client_for(kg_nurse)).content.decode()
