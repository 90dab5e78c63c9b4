"""The editors' page of search words: list, add, change, with history; bad input refused in
the editor's language with nothing stored; only directory editors."""

import pytest

from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.html_forms import as_post_data, submitted
from perinatal.directory.search import services
from perinatal.directory.search.models import QuestionStatus, Synonym, UnansweredQuestion
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(editor):
    return logged_in_client(editor)


def _url(name: str, lang: str = "nl", **kwargs) -> str:
    with translation.override(lang):
        return reverse(f"directory:{name}", kwargs=kwargs)


def _history(synonym: Synonym):
    return ChangeEvent.objects.filter(
        object_type="directory_search.synonym", object_id=str(synonym.pk)
    )


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_desk_links_to_the_search_words_and_the_list_shows_them(editor_client, editor, lang):
    services.synonym_create(
        lang="fr", phrase="baby blues", needs=["mental_health"], words="", by=editor
    )
    desk = editor_client.get(_url("editor_queue", lang)).content.decode()
    assert _url("synonyms", lang) in desk and _url("questions", lang) in desk
    page = editor_client.get(_url("synonyms", lang))
    assert page.status_code == 200
    html = page.content.decode()
    assert "baby blues" in html
    label = {"nl": "Geestelijke gezondheid", "fr": "Santé mentale", "en": "Mental health"}[lang]
    assert label in html and "mental_health" not in html  # labels, never codes


def test_an_editor_adds_a_synonym_that_searches_use_at_once(editor_client):
    service = ServiceFactory(
        name_fr="Accompagnement", description_fr="Pour les parents.", needs=["mental_health"]
    )
    assert service.id not in search(SearchQuery(text="idées noires", lang="fr")).ids
    response = editor_client.post(
        _url("synonym_create", "fr"),
        {"lang": "fr", "phrase": "idées noires", "needs": ["mental_health"], "words": ""},
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(lang="fr", phrase="idées noires")
    assert synonym.needs == "mental_health"
    (event,) = _history(synonym)
    assert event.action == "create" and event.actor_username == "editor"
    assert search(SearchQuery(text="idées noires", lang="fr")).ids == [service.id]


def test_a_change_is_kept_with_history_and_shown_in_words(editor_client, editor):
    synonym = services.synonym_create(
        lang="nl", phrase="kraamhulp", needs=["kraamzorg"], words="", by=editor
    )
    response = editor_client.post(
        _url("synonym_edit", pk=synonym.pk),
        {
            "phrase": "kraamhulp",
            "needs": ["kraamzorg", "breastfeeding"],
            "words": "",
            "enabled": "",
        },
    )
    assert response.status_code == 302
    synonym.refresh_from_db()
    assert synonym.needs == "breastfeeding kraamzorg" and not synonym.enabled
    update = _history(synonym).get(action="update")
    assert update.changes == {
        "needs": ["kraamzorg", "breastfeeding kraamzorg"],
        "enabled": [True, False],
    }
    html = editor_client.get(_url("synonym_edit", pk=synonym.pk)).content.decode()
    assert "Borstvoeding, Kraamzorg" in html  # the needs by their labels


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
@pytest.mark.parametrize(
    "case",
    [
        {"phrase": "dépression", "needs": ["mental_health"], "words": "soutien\npsychologue"},
        {"phrase": "pas de mutuelle", "needs": ["no_insurance", "no_legal_residence"], "words": ""},
        {"phrase": "geboortepremie", "needs": [], "words": "startbedrag"},
    ],
)
def test_the_edit_form_saved_unchanged_changes_nothing(editor_client, editor, lang, case):
    synonym = services.synonym_create(lang="fr", by=editor, **case)
    before = Synonym.objects.filter(pk=synonym.pk).values().get()
    url = _url("synonym_edit", lang, pk=synonym.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(
        url, as_post_data(submitted(page.content.decode(), form_id="synonym-edit"))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Synonym.objects.filter(pk=synonym.pk).values().get() == before
    assert _history(synonym).count() == 1  # its creation only


TEN_THOUSAND = "psychologue\n" * 833 + "soin"  # 10,000 characters, one word a line
assert len(TEN_THOUSAND) == 10_000

# (what is posted, the message's words per language)
REFUSED = {
    "an empty phrase": (
        {"phrase": "", "needs": ["mental_health"]},
        {
            "nl": "Schrijf het woord of de uitdrukking",
            "fr": "Écrivez le mot ou l’expression",
            "en": "Write the word or phrase people type",
        },
    ),
    "an unknown need": (
        {"phrase": "astrologie", "needs": ["astrology"]},
        {"nl": "astrology", "fr": "astrology", "en": "astrology"},
    ),
    "a list of 10,000 characters": (
        {"phrase": "baby blues", "needs": ["mental_health"], "words": TEN_THOUSAND},
        {"nl": "(het zijn er nu 10000)", "fr": "(actuellement 10000)", "en": "(it has 10000)"},
    ),
    "no meaning": (
        {"phrase": "baby blues", "needs": [], "words": ""},
        {
            "nl": "Kies minstens één behoefte",
            "fr": "Choisissez au moins un besoin",
            "en": "Choose at least one need",
        },
    ),
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
@pytest.mark.parametrize(("posted", "messages"), REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_in_the_editors_language_and_nothing_is_stored(
    editor_client, lang, posted, messages
):
    data = {"lang": "fr", "words": "", **posted}
    response = editor_client.post(_url("synonym_create", lang), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist' in html and messages[lang] in html
    assert not Synonym.objects.exists()
    assert not ChangeEvent.objects.filter(object_type="directory_search.synonym").exists()


def test_a_phrase_listed_already_is_refused(editor_client, editor):
    services.synonym_create(lang="fr", phrase="crèche", needs=["childcare"], words="", by=editor)
    response = editor_client.post(
        _url("synonym_create", "en"), {"lang": "fr", "phrase": "Crèches", "needs": ["childcare"]}
    )
    assert response.status_code == 400
    assert "already listed as “crèche”" in response.content.decode()
    assert Synonym.objects.count() == 1


def test_a_question_that_found_nothing_becomes_a_synonym(editor_client):
    question = UnansweredQuestion.objects.create(
        lang="nl", text="sterrenkindje", first_seen="2026-11-01", last_seen="2026-11-02", count=3
    )
    page = editor_client.get(_url("questions"))
    assert "sterrenkindje" in page.content.decode()
    form = editor_client.get(
        _url("synonym_create") + f"?lang=nl&phrase=sterrenkindje&question={question.pk}"
    ).content.decode()
    assert 'value="sterrenkindje"' in form
    response = editor_client.post(
        _url("synonym_create"),
        {
            "lang": "nl",
            "phrase": "sterrenkindje",
            "needs": ["perinatal_grief"],
            "question": question.pk,
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.SYNONYM
    assert "sterrenkindje" not in editor_client.get(_url("questions")).content.decode()


@pytest.mark.parametrize("status", [QuestionStatus.MISSING, QuestionStatus.DISMISSED])
def test_an_editor_marks_a_question_with_history(editor_client, status):
    question = UnansweredQuestion.objects.create(
        lang="fr", text="piscine bebe", first_seen="2026-11-01", last_seen="2026-11-01"
    )
    response = editor_client.post(_url("question_mark", pk=question.pk), {"status": status})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == status
    event = ChangeEvent.objects.get(object_type="directory_search.unansweredquestion")
    assert event.changes == {"status": ["open", status]}
    listed = editor_client.get(_url("questions") + f"?status={status}").content.decode()
    assert "piscine bebe" in listed


@pytest.mark.parametrize(
    "role", [Role.PARENT, Role.KG_PROFESSIONAL, Role.ANALYST, Role.INDEPENDENT_MIDWIFE]
)
def test_other_personas_cannot_see_or_change_the_search_words(persona, role, editor):
    synonym = services.synonym_create(
        lang="fr", phrase="crèche", needs=["childcare"], words="", by=editor
    )
    question = UnansweredQuestion.objects.create(
        lang="fr", text="piscine", first_seen="2026-11-01", last_seen="2026-11-01"
    )
    client = logged_in_client(persona(role))
    for url in (_url("synonyms"), _url("synonym_create"), _url("questions")):
        assert client.get(url).status_code == 403
    edit = _url("synonym_edit", pk=synonym.pk)
    assert client.post(edit, {"phrase": "x", "needs": ["childcare"]}).status_code == 403
    mark = _url("question_mark", pk=question.pk)
    assert client.post(mark, {"status": "dismissed"}).status_code == 403
    synonym.refresh_from_db()
    question.refresh_from_db()
    assert synonym.phrase == "crèche" and question.status == QuestionStatus.OPEN


def test_anonymous_is_sent_to_login(client):
    response = client.get(_url("synonyms"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize(
    "fields",
    [
        {"phrase": "x" * 101, "key": "x" * 101},
        {"words": "mot\n" * 300},
        {"needs": "", "words": ""},
        {"lang": "de"},
        {"key": ""},
        {"phrase": ""},
    ],
    ids=["long phrase", "long words", "no meaning", "language", "no key", "no phrase"],
)
def test_the_database_refuses_what_the_rules_refuse(fields):
    row = {"lang": "fr", "phrase": "crèche", "key": "crech", "needs": "childcare", "words": ""}
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Synonym.objects.create(**{**row, **fields})
    assert not Synonym.objects.exists()


def test_the_database_keeps_one_row_per_question_and_language():
    row = {"lang": "nl", "text": "zwemles", "first_seen": "2026-11-02", "last_seen": "2026-11-02"}
    UnansweredQuestion.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        UnansweredQuestion.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        UnansweredQuestion.objects.create(**{**row, "text": "ander", "first_seen": "2026-11-03"})
