"""Full-text search over the directory (its own app: `directory_search`).

The index is derived data: one row per service and language, rebuilt from the directory
tables by `index.reindex_services()`. PostgreSQL searches it with its dutch/french/english
text search configurations (with unaccent) and trigram similarity for typos; SQLite with an
FTS5 table fed with text stemmed by Snowball in Python. `query.search()` is the one entry
point; `perinatal.directory.selectors.services_search` wraps it for views, API and CLI.
A question is first planned (expansion.py) with the editors' synonyms (synonyms.py), word
forms (wordforms.py) and Dutch compounds (compounds.py); questions that found nothing are
counted for the editors (unanswered.py). See docs/decisions/0020-search-vocabulary.md.
"""
