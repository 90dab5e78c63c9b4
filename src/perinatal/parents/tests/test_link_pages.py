"""The pages of linking (decision 0035) in Dutch, French and English: the care team's page of a
family's parents and its code sheet, the parent's page with the code and the date of birth,
and the parent's unlinking; who reaches them and who is refused."""

import re
from datetime import date, timedelta

import pytest

from django.test import Client

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.audit.models import AccessEvent
from perinatal.pathways.services.care_team import emergency_access_open
from perinatal.pathways.tests.factories import register

from .. import linking
from ..models import LinkCode, ParentLink
from ..services.linking import link_code_issue, link_redeem

pytestmark = pytest.mark.django_db

BIRTH = date(1994, 3, 12)
LANGUAGES = ["nl", "fr", "en"]
SHOWN_CODE = re.compile(r'<code id="link-code">([2-9A-Z]{5}-[2-9A-Z]{5})</code>')

# The same refusal in each language, whatever was wrong.
NOT_LINKED = {
    "nl": "Deze code en geboortedatum passen niet bij een code die nog gebruikt kan worden.",
    "fr": "Ce code et cette date de naissance ne correspondent à aucun code encore utilisable.",
    "en": "This code and date of birth do not match a code that can be used.",
}
LINK_TITLE = {
    "nl": "Koppel het dossier van je gezin",
    "fr": "Reliez le dossier de votre famille",
    "en": "Link your family's record",
}


@pytest.fixture
def nurse():
    return make_persona(Role.KG_PROFESSIONAL)


@pytest.fixture
def family(nurse):
    return register(nurse)


def a_parent():
    return make_persona(Role.PARENT)


def html(response) -> str:
    return response.content.decode()


# --- The care team's page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_family_page_offers_a_code_for_a_parent(family, nurse, lang):
    page = html(logged_in_client(nurse).get(f"/{lang}/families/{family.public_id}/"))
    assert f'href="/{lang}/my/links/{family.public_id}/"' in page


MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_team_makes_a_code_and_sees_it_once_on_a_printable_sheet(family, nurse, lang):
    client = logged_in_client(nurse)
    url = f"/{lang}/my/links/{family.public_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "issue"})
    assert response.status_code == 200
    page = html(response)
    code = SHOWN_CODE.search(page).group(1)
    row = LinkCode.objects.get()
    assert row.code_hash == linking.code_hash(linking.normalised(code))
    assert "parents/linking.css" in page and "data-print" in page
    # The sheet is in the family's language (French, then Arabic): the address, the expiry
    # in words
    assert '<div class="link-code-sheet" lang="fr">' in page
    assert "/fr/my/link/" in page
    assert f"{row.last_day.day} {MONTHS['fr'].split()[row.last_day.month - 1]}" in page
    assert code not in html(client.get(url))  # never shown again


@pytest.mark.parametrize(
    ("languages", "sheet"), [(["nl"], "nl"), (["ar", "en"], "en"), (["ar"], "fr")]
)
def test_the_sheet_is_in_the_familys_first_language_the_platform_speaks(nurse, languages, sheet):
    family = register(nurse, languages=languages)
    page = html(
        logged_in_client(nurse).post(f"/fr/my/links/{family.public_id}/", {"action": "issue"})
    )
    assert f'<div class="link-code-sheet" lang="{sheet}">' in page
    assert f"/{sheet}/my/link/" in page
    last_day = LinkCode.objects.get().last_day
    assert MONTHS[sheet].split()[last_day.month - 1] in page


def test_the_team_page_lists_the_linked_parents_and_open_codes(family, nurse):
    parent = a_parent()
    code = link_code_issue(pregnancy=family, by=nurse).code
    link_redeem(user=parent, code=code, mother_birth_date=BIRTH)
    link_code_issue(pregnancy=family, by=nurse)
    page = html(logged_in_client(nurse).get(f"/en/my/links/{family.public_id}/"))
    assert parent.get_full_name() in page
    assert page.count('name="action" value="end"') == 1
    assert "Given on" in page


def test_the_team_unlinks_a_parent_from_its_page(family, nurse):
    parent = a_parent()
    link = link_redeem(
        user=parent,
        code=link_code_issue(pregnancy=family, by=nurse).code,
        mother_birth_date=BIRTH,
    )
    response = logged_in_client(nurse).post(
        f"/fr/my/links/{family.public_id}/", {"action": "end", "link": link.pk}, follow=True
    )
    assert response.status_code == 200
    link.refresh_from_db()
    assert link.ended_by == nurse
    assert "n’est plus lié" in html(response) or "n&#x27;est plus lié" in html(response)


def test_a_professional_outside_the_team_is_refused_and_logged(family):
    outsider = make_persona(Role.INDEPENDENT_MIDWIFE)
    client = logged_in_client(outsider)
    url = f"/nl/my/links/{family.public_id}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "issue"}).status_code == 403
    assert not LinkCode.objects.exists()
    assert AccessEvent.objects.filter(actor=outsider, outcome="refused").count() == 2


def test_an_emergency_access_reads_the_page_but_gives_no_code(family):
    outsider = make_persona(Role.INDEPENDENT_MIDWIFE)
    emergency_access_open(by=outsider, pregnancy=family, reason="Bleeding at the consultation")
    client = logged_in_client(outsider)
    url = f"/nl/my/links/{family.public_id}/"
    page = html(client.get(url))
    assert 'value="issue"' not in page
    assert client.post(url, {"action": "issue"}).status_code == 403
    assert not LinkCode.objects.exists()


def test_a_parent_cannot_open_the_team_page(family):
    response = logged_in_client(a_parent()).post(
        f"/nl/my/links/{family.public_id}/", {"action": "issue"}
    )
    assert response.status_code == 403
    assert not LinkCode.objects.exists()


# --- The parent's page


@pytest.fixture
def parent():
    return a_parent()


def code_for(family, nurse) -> str:
    return linking.shown(link_code_issue(pregnancy=family, by=nurse).code)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_parent_reaches_the_link_page_from_home_and_account(parent, lang):
    client = logged_in_client(parent)
    for page in (f"/{lang}/work/", f"/{lang}/account/"):
        assert f'href="/{lang}/my/link/"' in html(client.get(page))
    response = client.get(f"/{lang}/my/link/")
    assert response.status_code == 200
    assert LINK_TITLE[lang] in html(response)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_parent_links_with_the_code_and_the_date_of_birth(family, nurse, parent, lang):
    response = logged_in_client(parent).post(
        f"/{lang}/my/link/",
        {"code": code_for(family, nurse).lower(), "mother_birth_date": BIRTH.isoformat()},
    )
    assert response.status_code == 302
    assert ParentLink.objects.filter(user=parent, pregnancy=family).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_code_and_a_wrong_date_read_the_same(family, nurse, parent, lang):
    client = logged_in_client(parent)
    url = f"/{lang}/my/link/"
    unknown = client.post(url, {"code": linking.new_code(), "mother_birth_date": BIRTH})
    wrong = client.post(
        url,
        {"code": code_for(family, nurse), "mother_birth_date": BIRTH + timedelta(days=1)},
    )
    assert unknown.status_code == wrong.status_code == 422
    errors = [
        re.search(r'<ul class="errorlist nonfield">(.*?)</ul>', html(r)).group(1)
        for r in (unknown, wrong)
    ]
    assert errors[0] == errors[1]
    assert NOT_LINKED[lang] in errors[0].replace("&#x27;", "'")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_errors_stand_by_their_field_and_the_input_is_kept(parent, lang):
    future = date.today() + timedelta(days=2)
    response = logged_in_client(parent).post(
        f"/{lang}/my/link/", {"code": "abc-12", "mother_birth_date": future.isoformat()}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"code", "mother_birth_date"}
    page = html(response)
    assert 'value="abc-12"' in page and f'value="{future.isoformat()}"' in page
    assert 'aria-invalid="true"' in page


def test_the_sixth_try_of_an_hour_is_refused_with_retry_after(family, nurse, parent):
    client = logged_in_client(parent)
    for _ in range(5):
        client.post("/en/my/link/", {"code": linking.new_code(), "mother_birth_date": BIRTH})
    response = client.post(
        "/en/my/link/", {"code": code_for(family, nurse), "mother_birth_date": BIRTH}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "You tried too many codes" in html(response)
    assert not ParentLink.objects.exists()


def test_a_professional_is_refused_the_parents_link_page(nurse):
    assert logged_in_client(nurse).get("/nl/my/link/").status_code == 403


def test_the_link_page_needs_a_login():
    response = Client().get("/nl/my/link/")
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- The parent unlinks


@pytest.fixture
def linked(family, nurse, parent):
    return link_redeem(
        user=parent,
        code=link_code_issue(pregnancy=family, by=nurse).code,
        mother_birth_date=BIRTH,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_parent_unlinks_after_confirming(linked, lang):
    client = logged_in_client(linked.user)
    links_page = html(client.get(f"/{lang}/my/link/"))
    url = f"/{lang}/my/{linked.pregnancy.public_id}/unlink/"
    assert f'href="{url}"' in links_page
    assert client.get(url).status_code == 200
    linked.refresh_from_db()
    assert linked.ended_at is None  # reading the confirmation changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == f"/{lang}/my/link/"
    linked.refresh_from_db()
    assert linked.ended_by == linked.user
    row = AccessEvent.objects.get(actor=linked.user, action="update")
    assert row.basis == "own_record"


def test_the_unlink_page_of_another_family_is_not_found_and_logged(linked, nurse):
    other = register(nurse)
    client = logged_in_client(linked.user)
    assert client.get(f"/nl/my/{other.public_id}/unlink/").status_code == 404
    assert client.post(f"/nl/my/{other.public_id}/unlink/").status_code == 404
    refused = AccessEvent.objects.filter(actor=linked.user, outcome="refused")
    assert refused.count() == 2
    assert {r.refusal for r in refused} == {"wrong_organisation"}


def test_every_page_of_linking_that_shows_a_family_leaves_an_access_log_row(linked, nurse):
    family, parent = linked.pregnancy, linked.user
    team, own = logged_in_client(nurse), logged_in_client(parent)
    url = f"/nl/my/links/{family.public_id}/"
    visits = [
        (team, "get", url, {}),
        (team, "post", url, {"action": "issue"}),
        (own, "get", "/nl/my/link/", {}),
        (own, "get", f"/nl/my/{family.public_id}/unlink/", {}),
        (own, "post", f"/nl/my/{family.public_id}/unlink/", {}),
    ]
    for client, method, path, data in visits:
        before = AccessEvent.objects.filter(subject=str(family.public_id)).count()
        getattr(client, method)(path, data)
        after = AccessEvent.objects.filter(subject=str(family.public_id)).count()
        assert after > before, (method, path)
