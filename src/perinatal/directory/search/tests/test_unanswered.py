"""Questions that found nothing are counted, with their language, never with who asked; the
table stays bounded; the page and the API offer the corrected question."""

from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from perinatal.accounts.tests.factories import logged_in_client
from perinatal.directory.search import services
from perinatal.directory.search.models import UnansweredQuestion
from perinatal.directory.tests.factories import ServiceFactory
from perinatal.jobs.scheduler import periodic_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def lactation(db):
    return ServiceFactory(
        name_nl="Hulp bij borstvoeding",
        name_fr="Aide à l'allaitement",
        name_en="Breastfeeding support",
        description_nl="Een vroedvrouw helpt.",
        description_fr="Une sage-femme aide.",
        description_en="A midwife helps.",
        needs=["breastfeeding"],
        phases=["postnatal"],
    )


def _search(client, lang: str = "nl", **params):
    with translation.override(lang):
        url = reverse("directory:search")
    return client.get(url, params)


def test_a_question_that_found_nothing_is_counted_with_its_language_only(client, lactation):
    _search(client, "fr", q="Plouf PLOUF Ploof")
    _search(client, "fr", q="plouf   plouf ploof!")
    _search(client, "nl", q="plouf plouf ploof")
    rows = {(q.lang, q.text): q for q in UnansweredQuestion.objects.all()}
    assert set(rows) == {("fr", "plouf plouf ploof"), ("nl", "plouf plouf ploof")}
    french = rows[("fr", "plouf plouf ploof")]
    assert french.count == 2 and french.first_seen == french.last_seen == timezone.localdate()
    # Nothing in the table can say who asked.
    fields = {f.name for f in UnansweredQuestion._meta.get_fields()}
    assert fields == {"id", "lang", "text", "count", "first_seen", "last_seen", "status"}


def test_a_signed_in_persons_question_is_counted_the_same(editor, lactation):
    _search(logged_in_client(editor), q="zwemles baby")
    (row,) = UnansweredQuestion.objects.all()
    assert (row.text, row.count) == ("zwemles baby", 1)
    assert editor.username not in str(UnansweredQuestion.objects.values().get())


@pytest.mark.parametrize(
    "params",
    [
        {"q": "borstvoeding"},  # found something
        {"q": ""},  # no question
        {"q": "piscine", "phase": "prenatal"},  # a filter may be what emptied the answer
        {"q": "piscine", "low_cost": "on"},
        {"q": "!!! ???"},  # nothing to keep
        {"q": "0471842993"},  # only a long number
    ],
)
def test_what_is_not_counted(client, lactation, params):
    _search(client, **params)
    assert not UnansweredQuestion.objects.exists()


def test_the_api_counts_too(client, lactation):
    response = client.get("/api/v1/services", {"q": "swimming lessons", "lang": "en"})
    assert response.status_code == 200 and response.json()["total_items"] == 0
    assert UnansweredQuestion.objects.get().text == "swimming lessons"


def test_long_numbers_are_not_kept_and_the_text_is_bounded(client, lactation):
    _search(client, q="rijksregisternummer 85073003328 " + "zwemmen " * 100)
    (row,) = UnansweredQuestion.objects.all()
    assert "85073003328" not in row.text and row.text.startswith("rijksregisternummer zwemmen")
    assert len(row.text) <= 200


def test_old_questions_are_pruned_and_the_table_is_bounded(monkeypatch):
    today = date(2026, 12, 1)
    for n in range(6):
        UnansweredQuestion.objects.create(
            lang="nl",
            text=f"vraag {n}",
            first_seen=today - timedelta(days=n),
            last_seen=today - timedelta(days=n),
        )
    UnansweredQuestion.objects.create(
        lang="nl", text="oud", first_seen=date(2025, 1, 1), last_seen=date(2025, 11, 30)
    )
    monkeypatch.setattr(services, "KEEP_ROWS", 4)
    assert services.questions_prune(today=today) == 3
    kept = set(UnansweredQuestion.objects.values_list("text", flat=True))
    assert kept == {"vraag 0", "vraag 1", "vraag 2", "vraag 3"}


def test_a_full_table_takes_no_new_question_but_still_counts(client, lactation, monkeypatch):
    UnansweredQuestion.objects.create(
        lang="nl", text="zwemles", first_seen=date(2026, 11, 1), last_seen=date(2026, 11, 1)
    )
    monkeypatch.setattr(services, "MAX_ROWS", 1)
    _search(client, q="zwemles")
    _search(client, q="paardrijden")
    assert list(UnansweredQuestion.objects.values_list("text", "count")) == [("zwemles", 2)]


def test_the_pruning_runs_daily_from_the_scheduler():
    periodic = periodic_tasks["search-prune-unanswered"]
    assert periodic.every == timedelta(days=1)
    assert periodic.task.module_path.endswith("search.tasks.prune_unanswered")


@pytest.mark.parametrize(
    ("lang", "typo", "label", "corrected"),
    [
        ("nl", "borstvoedng", "Bedoelde je:", "borstvoeding"),
        ("fr", "alaitement", "Vouliez-vous dire :", "allaitement"),
        ("en", "breastfeding", "Did you mean:", "breastfeeding"),
    ],
)
def test_the_page_offers_the_corrected_question(client, lactation, lang, typo, label, corrected):
    html = _search(client, lang, q=typo, phase="postnatal").content.decode()
    assert label in html
    assert f'?q={corrected}&amp;phase=postnatal">{corrected}</a>' in html


def test_no_offer_without_a_correction(client, lactation):
    assert "did-you-mean" not in _search(client, q="borstvoeding").content.decode()


def test_the_api_answer_holds_the_corrected_question(client, lactation):
    answer = client.get("/api/v1/services", {"q": "borstvoedng", "lang": "nl"}).json()
    assert answer["did_you_mean"] == "borstvoeding" and answer["total_items"] >= 1
    plain = client.get("/api/v1/services", {"q": "borstvoeding", "lang": "nl"}).json()
    assert "did_you_mean" not in plain


def test_the_openapi_document_describes_the_corrected_question(client):
    schema = client.get("/api/v1/openapi.json").json()
    page = schema["components"]["schemas"]["ServicePage"]
    assert "did_you_mean" in page["properties"]
    assert "did_you_mean" not in page.get("required", [])
