"""Questions that found nothing: which are counted, for the editors to act on.

A question is counted (services.question_unanswered) when it was text alone (no filter, which
could be what emptied the answer), in a public search (not an editor's search of inactive
entries), and found no service at all, after every try (query.py). What is kept: its first
words, folded, without long numbers (rules.question_text), its language, how often and the
first and last day. Never who asked: no account, no address, no session, no time of day.
Rows not asked for a year, and beyond the 5000 most recent, are pruned daily (tasks.py);
between two prunings the table takes no new question past 10,000 rows.
"""

from .query import SearchPage, SearchQuery, is_text_only
from .services import question_unanswered


def note(query: SearchQuery, page: SearchPage) -> None:
    """Count the question if it found nothing and is worth an editor's look."""
    if page.count == 0 and query.text.strip() and is_text_only(query):
        question_unanswered(question=query.text, lang=query.lang)
