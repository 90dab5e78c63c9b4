"""What an editor saves reaches the search at once: the API's answer (stored in the index)
shows a phone changed on the edit page right after the save."""

import json

import pytest

from django.urls import reverse

from perinatal.directory.details import load_details
from perinatal.directory.hsds.dump import service_hsds_json
from perinatal.directory.models import Phone, Service
from perinatal.directory.search.models import SearchDocument
from perinatal.directory.tests.factories import ServiceFactory

from .test_edit_sets import EditPage

pytestmark = pytest.mark.django_db


def _answer(client, words: str, lang: str) -> dict:
    body = client.get("/api/v1/services", {"q": words, "lang": lang}).json()
    assert body["total_items"] == 1, body
    return body["contents"][0]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_phone_changed_by_an_editor_is_in_the_api_answer_right_after_the_save(
    client, editor_client, django_capture_on_commit_callbacks, lang
):
    with django_capture_on_commit_callbacks(execute=True):
        service = ServiceFactory(
            name_nl="Geboortehuis Zuid", name_fr="Maison de naissance Sud", name_en="Birth house"
        )
        Phone.objects.create(service=service, number="+3222167944")
    words = {"nl": "geboortehuis", "fr": "naissance", "en": "birth house"}[lang]
    assert [p["number"] for p in _answer(client, words, lang)["phones"]] == ["+3222167944"]

    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    page = EditPage(editor_client, url)
    contact = page.new_row("contacts")
    page.fill(
        {"phones-0-number": "0471 84 29 93", f"{contact}name": "Onthaal", f"{contact}phone": "1733"}
    )
    with django_capture_on_commit_callbacks(execute=True):  # the save's transaction commits
        assert page.post().status_code == 302

    answer = _answer(client, words, lang)
    assert [p["number"] for p in answer["phones"]] == ["+32471842993"]
    assert [p["number"] for c in answer["contacts"] for p in c["phones"]] == ["1733"]
    stored = SearchDocument.objects.get(service=service, lang=lang).hsds
    fresh = Service.objects.select_related("organization").get(pk=service.pk)
    load_details([fresh])
    assert json.loads(stored) == json.loads(service_hsds_json(fresh, lang))
