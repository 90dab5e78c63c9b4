"""Writes to the search vocabulary: the editors' synonyms (with history) and the count of
questions that found nothing (never with who asked)."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record, diff, snapshot

from . import rules, synonyms
from .models import QuestionStatus, Synonym, UnansweredQuestion

HISTORY_FIELDS = ["lang", "phrase", "needs", "words", "enabled"]
# The questions kept: those asked in the last KEEP_DAYS days, at most KEEP_ROWS of them.
KEEP_DAYS = 365
KEEP_ROWS = 5000
MAX_ROWS = 2 * KEEP_ROWS  # between two prunings, no new question beyond this


def _refuse_duplicate(clean: rules.CleanSynonym, *, other_than: int | None = None) -> None:
    existing = Synonym.objects.filter(lang=clean.lang, key=clean.key)
    if other_than is not None:
        existing = existing.exclude(pk=other_than)
    first = existing.first()
    if first is not None:
        raise ValidationError(
            {
                "phrase": _("This phrase is already listed as “%(phrase)s”.")
                % {"phrase": first.phrase}
            }
        )


@transaction.atomic(durable=True)
def synonym_create(
    *, lang: str, phrase: str, needs: list[str], words: str, by, question=None
) -> Synonym:
    """A new synonym (ValidationError naming the fields when it cannot be); `question`, an
    unanswered question it answers, is marked so."""
    clean = rules.clean_synonym(lang=lang, phrase=phrase, needs=needs, words=words)
    _refuse_duplicate(clean)
    synonym = Synonym.objects.create(
        lang=clean.lang, phrase=clean.phrase, key=clean.key, needs=clean.needs, words=clean.words
    )
    change_record(
        actor=by,
        action=ChangeAction.CREATE,
        instance=synonym,
        changes={f: [None, v] for f, v in snapshot(synonym, HISTORY_FIELDS).items()},
    )
    if question is not None:
        _question_set(question=question, status=QuestionStatus.SYNONYM, by=by)
    return synonym


@transaction.atomic(durable=True)
def synonym_update(
    *, synonym: Synonym, phrase: str, needs: list[str], words: str, enabled: bool, by
) -> dict:
    """Change a synonym (its language stays); returns the changes {field: [old, new]}."""
    synonym = Synonym.objects.select_for_update().get(pk=synonym.pk)
    clean = rules.clean_synonym(lang=synonym.lang, phrase=phrase, needs=needs, words=words)
    _refuse_duplicate(clean, other_than=synonym.pk)
    before = snapshot(synonym, HISTORY_FIELDS)
    synonym.phrase, synonym.key = clean.phrase, clean.key
    synonym.needs, synonym.words, synonym.enabled = clean.needs, clean.words, enabled
    changes = diff(before, snapshot(synonym, HISTORY_FIELDS))
    if changes:
        synonym.save()
        change_record(actor=by, action=ChangeAction.UPDATE, instance=synonym, changes=changes)
    return changes


@dataclass
class LoadResult:
    created: int = 0
    unchanged: int = 0


@transaction.atomic
def synonyms_load(*, path: Path = synonyms.SEED_FILE) -> LoadResult:
    """Add the seed's synonyms that are not listed yet (matched on language and key); what
    editors changed or disabled stays as they left it. A file with a bad entry is refused
    whole, every problem listed (synonyms.SeedError)."""
    entries = synonyms.read_seed(path)
    cleaned, problems = [], []
    for entry in entries:
        try:
            cleaned.append(
                rules.clean_synonym(
                    lang=entry["lang"],
                    phrase=entry["phrase"],
                    needs=entry["needs"],
                    words=entry["words"],
                )
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                problems += [f"{entry['where']}: {field}: {m}" for m in messages]
    if problems:
        raise synonyms.SeedError(problems)
    existing = set(Synonym.objects.values_list("lang", "key"))
    result = LoadResult()
    for clean in cleaned:
        if (clean.lang, clean.key) in existing:
            result.unchanged += 1
            continue
        existing.add((clean.lang, clean.key))
        synonym = Synonym.objects.create(
            lang=clean.lang,
            phrase=clean.phrase,
            key=clean.key,
            needs=clean.needs,
            words=clean.words,
        )
        change_record(
            actor=None,
            action=ChangeAction.CREATE,
            instance=synonym,
            changes={f: [None, v] for f, v in snapshot(synonym, HISTORY_FIELDS).items()},
            reason="data/synonyms.yaml",
        )
        result.created += 1
    return result


def question_unanswered(*, question: str, lang: str) -> UnansweredQuestion | None:
    """Count a question that found nothing: its words (rules.question_text) and language,
    how often, the first and last day. Nothing about who asked. None when nothing is kept."""
    kept = rules.question_text(question)
    if not kept or lang not in ("nl", "fr", "en"):
        return None
    today = timezone.localdate()
    for _attempt in range(2):
        with transaction.atomic():
            updated = UnansweredQuestion.objects.filter(lang=lang, text=kept).update(
                count=F("count") + 1, last_seen=today
            )
            if updated:
                return UnansweredQuestion.objects.get(lang=lang, text=kept)
            if UnansweredQuestion.objects.count() >= MAX_ROWS:
                return None  # full until the daily pruning: a flood of new questions stops here
            try:
                with transaction.atomic():  # a savepoint: another request may insert first
                    return UnansweredQuestion.objects.create(
                        lang=lang, text=kept, first_seen=today, last_seen=today
                    )
            except IntegrityError:
                continue
    return None


def _question_set(*, question: UnansweredQuestion, status: str, by) -> None:
    question = UnansweredQuestion.objects.select_for_update().get(pk=question.pk)
    if question.status == status:
        return
    before = snapshot(question, ["status"])
    question.status = status
    question.save(update_fields=["status"])
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=question,
        changes=diff(before, snapshot(question, ["status"])),
    )


@transaction.atomic(durable=True)
def question_mark(*, question: UnansweredQuestion, status: str, by) -> None:
    """An editor's verdict on a question that found nothing (or back to "to look at")."""
    if status not in QuestionStatus.values:
        raise ValueError(status)
    _question_set(question=question, status=status, by=by)


@transaction.atomic
def questions_prune(*, today=None) -> int:
    """Forget questions not asked for KEEP_DAYS days, and beyond the KEEP_ROWS most recent."""
    today = today or timezone.localdate()
    deleted = UnansweredQuestion.objects.filter(
        last_seen__lt=today - timedelta(days=KEEP_DAYS)
    ).delete()[0]
    beyond = UnansweredQuestion.objects.order_by("-last_seen", "-count", "-id").values_list(
        "id", flat=True
    )[KEEP_ROWS:]
    ids = list(beyond)
    for start in range(0, len(ids), 1000):
        deleted += UnansweredQuestion.objects.filter(id__in=ids[start : start + 1000]).delete()[0]
    return deleted
