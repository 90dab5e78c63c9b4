"""Reads of the search vocabulary for the editors' pages."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from perinatal.audit.selectors import changes_for
from perinatal.directory.constants import Need

from . import text
from .models import QuestionStatus, Synonym, UnansweredQuestion

PAGE = 200


def synonyms_list(*, lang: str = "", contains: str = "", disabled: bool = False) -> QuerySet:
    synonyms = Synonym.objects.all()
    if lang:
        synonyms = synonyms.filter(lang=lang)
    if disabled:
        synonyms = synonyms.filter(enabled=False)
    words = text.words(contains)
    if words:
        folded = " ".join(words)
        synonyms = synonyms.filter(
            Q(phrase__icontains=contains.strip())
            | Q(key__contains=folded)
            | Q(words__icontains=folded)
        )
    return synonyms.order_by("lang", "phrase")


def questions_list(*, status: str = QuestionStatus.OPEN) -> QuerySet:
    return UnansweredQuestion.objects.filter(status=status).order_by("-count", "-last_seen", "id")


def questions_open_count() -> int:
    return UnansweredQuestion.objects.filter(status=QuestionStatus.OPEN).count()


def need_labels(codes: str | list[str]) -> str:
    """Need codes as their labels in the reader's language."""
    codes = codes.split() if isinstance(codes, str) else codes
    labels = dict(Need.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def synonym_history(synonym: Synonym) -> list[dict]:
    """The synonym's change log, newest first, with labels instead of field names and codes."""
    fields = {
        "lang": _("Language"),
        "phrase": _("Word or phrase"),
        "needs": _("Needs"),
        "words": _("Other words"),
        "enabled": _("In use"),
    }

    def shown(field: str, value) -> str:
        if value in (None, ""):
            return "—"
        if field == "needs":
            return need_labels(str(value))
        if field == "enabled":
            return _("yes") if value else _("no")
        return str(value).replace("\n", " · ")

    rows = []
    for event in changes_for(synonym)[:50]:
        rows.append(
            {
                "event": event,
                "changes": [
                    (fields.get(field, field), shown(field, old), shown(field, new))
                    for field, (old, new) in (event.changes or {}).items()
                ],
            }
        )
    return rows
