"""The search index: derived from the directory tables, rebuilt by `index.reindex_services()`.

Besides these columns the database holds, per vendor (migration 0002):
- PostgreSQL: `searchdocument.vector`, a stored generated tsvector (title A, keywords B,
  body C, places D) in the document's language configuration, with a GIN index; and a
  trigram GIN index on `searchterm.word`.
- SQLite: FTS5 tables `directory_search_fts_nl|fr|en` over the `stemmed_*` columns and
  `directory_search_vocab_fts` (trigram tokenizer) over `searchterm.word`, both external
  content tables kept in step by triggers. A later migration that makes Django rebuild one
  of these two tables on SQLite drops those triggers: it must create them again (see 0002).
"""

from django.db import models


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "lang"], name="search_document_unique"),
        ]
        indexes = [
            models.Index(fields=["lang", "sort_name"], name="search_document_by_name"),
            # The few documents hidden from searches (inactive, defunct): found fast to
            # subtract them from a full-text count (backends.SqliteBackend).
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
