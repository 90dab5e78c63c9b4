import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2024-08-31", "not in force"), ("2024-09-01", "2024-09-01")],
)
def test_the_rules_page_shows_what_is_in_force_on_a_day(client, on, expected):
    response = client.get("/en/rules/", {"on": on})
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index('id="screening.days_after_birth"') :]
    row = row[: row.index("</tr>")]
    assert ("not in force" in row) == (expected == "not in force")
    assert "zevende dag na de geboorte" in row  # the source is shown


def test_a_bad_date_is_a_clear_error(client):
    response = client.get("/fr/rules/", {"on": "31/31/2024"})
    assert response.status_code == 400
    assert "date" in response.content.decode().lower()


@pytest.mark.parametrize(
    ("on", "since"), [("2025-06-01", "01/09/2024"), ("2024-08-31", "01/09/2024")]
)
def test_the_rules_page_says_the_programme_region_is_an_inference_and_since_when(client, on, since):
    """Seed 002 says the services are billable "sinds september 2024 in het Brussels
    Hoofdstedelijk Gewest"; that they are billable nowhere else is the platform's inference."""
    html = client.get("/en/rules/", {"on": on}).content.decode()
    note = html[html.index('id="programme-region"') :]
    note = note[: note.index("</p>")]
    assert "inference" in note and since in note and "Brussels-Capital Region" in note
    row = html[html.index('id="programme.regions"') :]
    row = row[: row.index("</tr>")]
    assert "A reading, not a statement of the source" in row


@pytest.mark.parametrize(
    ("language", "word"), [("nl", "afleiding"), ("fr", "déduction"), ("en", "inference")]
)
def test_the_region_note_is_translated(client, language, word):
    html = client.get(f"/{language}/rules/").content.decode()
    note = html[html.index('id="programme-region"') :]
    assert word in note[: note.index("</p>")]


@pytest.mark.parametrize(
    "name",
    [
        "mdo.per_period",
        "kind_en_gezin.consultations_until_months",
        "programme.health_insurance_professions",
    ],
)
def test_each_reading_of_the_source_is_shown_with_its_decision(client, name):
    html = client.get("/en/rules/").content.decode()
    row = html[html.index(f'id="{name}"') :]
    row = row[: row.index("</tr>")]
    assert "A reading, not a statement of the source" in row and "0025" in row


def _shown_parameters():
    from perinatal.booklets.parameters import all_parameters as booklet_parameters
    from perinatal.pathways.parameters import all_parameters

    return [*all_parameters().values(), *booklet_parameters().values()]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_text_of_the_rules_page_is_in_dutch_and_french(language):
    """Each description and reading of the rules page has its own translation in the YAML
    files (a source is translated where it says more than a quotation)."""
    missing = [
        f"{parameter.name} {field}"
        for parameter in _shown_parameters()
        for field in ("description", "reading")
        if getattr(parameter, field) and field not in parameter.translations.get(language, {})
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Laatste dag voor de screening", "keuze van het platform", "zoals hierboven"]),
        ("fr", ["Dernier jour du dépistage", "choix de la plateforme", "comme ci-dessus"]),
        ("en", ["Last day for the screening", "platform choice", "as above"]),
    ],
)
def test_the_rules_page_shows_the_texts_in_its_language(client, language, words):
    html = client.get(f"/{language}/rules/").content.decode()
    for word in words:
        assert word in html
    assert "zevende dag na de geboorte" in html  # a quotation stays in the source's language


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["een verstrekker in het kader van de ziekteverzekering", "2 weken", "6 maanden"]),
        ("fr", ["un prestataire dans le cadre de l'assurance maladie", "2 semaines", "6 mois"]),
        ("en", ["a provider under the health insurance", "2 weeks", "6 months"]),
    ],
)
def test_the_rules_values_are_in_words(client, language, words):
    """Lists of codes, ages of the timeline and yes-or-no values are written in words."""
    from perinatal.core.tests.people_output import visible_texts

    html = client.get(f"/{language}/rules/", {"on": "2025-01-01"}).content.decode()
    texts = visible_texts(html)
    for word in words:
        assert any(word in text for text in texts), word
    raw = {"True", "False", "brussels", "health_insurance", "2w", "30m"}
    assert [t for t in texts if raw & set(t.replace(",", " ").replace(":", " ").split())] == []
