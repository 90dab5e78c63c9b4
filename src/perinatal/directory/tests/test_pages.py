"""The public pages: search with any input, detail, timeline, visible language fallback."""

import pytest

from django.urls import reverse

from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

BAD_INPUT = [
    '"',
    "'",
    '"unbalanced',
    "'; DROP TABLE directory_service; --",
    "1 OR 1=1",
    "rouw AND NOT",
    "NEAR(rouw deuil)",
    "*",
    "^rouw",
    "col:rouw",
    "(",
    ")",
    "\\",
    "x" * 10_000,
    "x" * 10_001,
    "🤰🏽👶",
    "rouw\x00",
    "<script>alert(1)</script>",
    "%",
    "_",
]


@pytest.mark.parametrize("text", BAD_INPUT)
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_any_search_text_gives_a_page_not_an_error(client, text, lang):
    ServiceFactory(name_nl="Steun bij perinatale rouw", name_fr="Deuil périnatal")
    response = client.get(f"/{lang}/", {"q": text})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "rouw"}, 1),
        ({"q": "ROUW"}, 1),
        ({"phase": "prenatal"}, 1),
        ({"phase": "birth"}, 0),
        ({"phase": "nonsense"}, None),
        ({"place": "1190"}, 1),
        ({"place": "vorst"}, 1),
        ({"place": "Forest"}, 1),
        ({"place": "1000"}, 0),
    ],
)
def test_search_page_filters(client, params, expected):
    ServiceFactory(
        name_nl="Steun bij perinatale rouw",
        phases=["prenatal"],
        address=("Deltastraat 65", "1190", "Vorst", "Forest"),
    )
    response = client.get("/nl/", params)
    assert response.status_code == 200
    if expected is None:
        assert response.context["form"].errors  # an unknown choice is said, not an error page
    else:
        assert response.context["count"] == expected


def test_missing_language_falls_back_visibly(client):
    service = ServiceFactory(name_en="", description_en="", name_nl="Vroedvrouw aan huis")
    html = client.get(
        reverse("directory:service", kwargs={"service_id": service.id}).replace("/nl/", "/en/")
    ).content.decode()
    assert '<span lang="nl">Vroedvrouw aan huis</span>' in html
    assert "only available in Dutch" in html


def test_unknown_service_is_a_404(client):
    response = client.get("/nl/services/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_public_pages_may_be_cached_but_not_for_logged_in_users(editor_client):
    from django.test import Client

    service = ServiceFactory()
    url = reverse("directory:service", kwargs={"service_id": service.id})
    assert "public" in Client().get(url)["Cache-Control"]
    assert editor_client.get(url)["Cache-Control"] == "no-store"
