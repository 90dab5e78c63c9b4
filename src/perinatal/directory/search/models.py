"""The search index: derived from the directory tables, rebuilt by `index.reindex_services()`.

Besides these columns the database holds, per vendor (migration 0002):
- PostgreSQL: `searchdocument.vector`, a stored generated tsvector (title A, keywords B,
  body C, places D) in the document's language configuration, with a GIN index; and a
  trigram GIN index on `searchterm.word`.
- SQLite: FTS5 tables `directory_search_fts_nl|fr|en` over the `stemmed_*` columns and
  `directory_search_vocab_fts` (trigram tokenizer) over `searchterm.word`, both external
  content tables kept in step by triggers. A later migration that makes Django rebuild one
  of these two tables on SQLite drops those triggers: it must create them again (see 0002),
  and the covering index of the filter columns (0009).

Beside the index, two small tables the editors keep an eye on: the synonyms (everyday words
and what they mean in the directory) and the questions that found nothing (counted, never with
who asked). See docs/decisions/0020-search-vocabulary.md.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One service in one language: its visible text (with the fallback) and its filters."""

    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    lang = models.CharField(max_length=2)
    sort_name = models.CharField(max_length=300)  # folded name, for ordering by name

    # The language's text, weighted from title (highest) to places (lowest).
    title = models.TextField(blank=True)  # name, alternate name
    keywords = models.TextField(blank=True)  # needs, phases, organisation
    body = models.TextField(blank=True)  # description, access conditions, costs
    places = models.TextField(blank=True)  # municipalities and postcodes
    # The same text stemmed in Python, for SQLite's FTS5 (empty on PostgreSQL).
    stemmed_title = models.TextField(blank=True)
    stemmed_keywords = models.TextField(blank=True)
    stemmed_body = models.TextField(blank=True)
    stemmed_places = models.TextField(blank=True)

    # Filters, denormalised: "|code|code|" lists match with `contains="|code|"`.
    status = models.CharField(max_length=32)
    phases = models.TextField(blank=True)
    needs = models.TextField(blank=True)
    languages = models.TextField(blank=True)
    postcodes = models.TextField(blank=True)  # of its locations
    municipalities = models.TextField(blank=True)  # NIS codes of its locations' municipalities
    served = models.TextField(null=True, blank=True)  # NIS codes of its areas served
    low_cost = models.BooleanField(default=False)
    programme = models.BooleanField(default=False)

    # The service as the API's search answer shows it in this language (HSDS JSON text), so
    # an answer reads one row per hit instead of loading and serialising each service.
    # Null until the document is (re)built; readers then build it from the tables.
    hsds = models.TextField(null=True, blank=True)
    # The service as one entry of the HTML result list shows it (cards.py, JSON text), so the
    # page too reads one row per hit. Null until the document is (re)built, as `hsds`.
    card = models.TextField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "lang"], name="search_document_unique"),
        ]
        indexes = [
            models.Index(fields=["lang", "sort_name"], name="search_document_by_name"),
            # The few documents hidden from searches (inactive, defunct): found fast to
            # subtract them from a full-text count (sqlite_backend.SqliteBackend).
            models.Index(fields=["lang", "status"], name="search_document_by_status"),
        ]

    def __str__(self) -> str:
        return f"{self.sort_name} [{self.lang}]"


class SearchTerm(models.Model):
    """A word seen in the documents of a language: the candidates for typo corrections."""

    lang = models.CharField(max_length=2)
    word = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lang", "word"], name="search_term_unique"),
        ]

    def __str__(self) -> str:
        return self.word


SYNONYM_LANGUAGES = ("nl", "fr", "en")
PHRASE_MAX_LENGTH = 100
NEEDS_MAX_LENGTH = 500
WORDS_MAX_LENGTH = 1000
QUESTION_MAX_LENGTH = 200


class Synonym(models.Model):
    """A word or phrase people type, in one language, and what it means in the directory: one
    or more needs (services with them rank high) and/or other words to look for.

    Editors keep them (services.synonym_create/_update, with history); the seed comes from
    data/synonyms.yaml. `key` is what a question is matched on: the phrase's words, folded,
    without stop words but with negations, each without a final s or x ("pas de mutuelles"
    -> "pas mutuelle")."""

    lang = models.CharField(_("language"), max_length=2)
    phrase = models.CharField(_("word or phrase"), max_length=PHRASE_MAX_LENGTH)
    key = models.CharField(max_length=2 * PHRASE_MAX_LENGTH, editable=False)
    needs = models.CharField(_("needs"), max_length=NEEDS_MAX_LENGTH, blank=True)  # codes, spaced
    words = models.TextField(_("other words"), max_length=WORDS_MAX_LENGTH, blank=True)  # lines
    enabled = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["lang", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["lang", "key"], name="search_synonym_unique_key"),
            models.CheckConstraint(
                condition=Q(lang__in=SYNONYM_LANGUAGES), name="search_synonym_lang_valid"
            ),
            models.CheckConstraint(
                condition=~Q(key="") & ~Q(phrase=""), name="search_synonym_phrase_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(needs="") | ~Q(words=""), name="search_synonym_means_something"
            ),
            models.CheckConstraint(
                condition=Q(
                    LessThanOrEqual(Length("phrase"), PHRASE_MAX_LENGTH),
                    LessThanOrEqual(Length("needs"), NEEDS_MAX_LENGTH),
                    LessThanOrEqual(Length("words"), WORDS_MAX_LENGTH),
                ),
                name="search_synonym_lengths",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phrase} [{self.lang}]"

    @property
    def need_codes(self) -> list[str]:
        return self.needs.split()

    @property
    def word_lines(self) -> list[str]:
        return [line.strip() for line in self.words.splitlines() if line.strip()]


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("To look at")
    SYNONYM = "synonym", _("Answered by a synonym")
    MISSING = "missing", _("A missing service")
    DISMISSED = "dismissed", _("Dismissed")


class UnansweredQuestion(models.Model):
    """A question that found nothing, counted: its words (folded, bounded), its language, how
    often and when it was asked. Never who asked it: no user, no address, no time of a single
    request beyond the first and last day. Old rows are pruned (unanswered.prune)."""

    lang = models.CharField(_("language"), max_length=2)
    text = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)
    count = models.PositiveIntegerField(_("times asked"), default=1)
    first_seen = models.DateField(_("first asked"))
    last_seen = models.DateField(_("last asked"))
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )

    class Meta:
        verbose_name = _("unanswered question")
        verbose_name_plural = _("unanswered questions")
        ordering = ["-count", "-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["lang", "text"], name="unanswered_question_unique"),
            models.CheckConstraint(
                condition=Q(lang__in=SYNONYM_LANGUAGES), name="unanswered_question_lang_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values),
                name="unanswered_question_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(~Q(text=""), LessThanOrEqual(Length("text"), QUESTION_MAX_LENGTH)),
                name="unanswered_question_text_bounded",
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1) & Q(last_seen__gte=F("first_seen")),
                name="unanswered_question_count_and_days",
            ),
        ]
        indexes = [models.Index(fields=["status", "-count"], name="unanswered_by_status")]

    def __str__(self) -> str:
        return f"{self.text} [{self.lang}]"
