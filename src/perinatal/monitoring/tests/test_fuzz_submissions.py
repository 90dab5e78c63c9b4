"""Fuzz test of the submission file's parser and import (issue 17, item 5): Hypothesis makes
inputs from a valid file (`core/tests/fuzzing.py`) and each is imported as an upload is, as a
stream; every input is stored or refused with `InvalidSubmission` (each error with its
file, line, column and a known code whose reason can be shown) or `SubmissionRefused` (a
code and a message), and a refused input stores nothing. Any other exception is an escape."""

import io

import pytest
from hypothesis import given

from django.db import connection, transaction

from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.fuzzing import FuzzTally, fuzz_settings, inputs

from ..models import Dossier, Service, Submission
from ..services import submissions_import
from ..submissions.errors import FILE_ERROR_MESSAGES, InvalidSubmission, SubmissionRefused
from ..submissions.inputs import StreamedFile
from .builders import at, csv_bytes, row

pytestmark = pytest.mark.django_db

EXAMPLES = 200
NAME = "fuzz.csv"
SEED = csv_bytes(
    [
        row(),
        row(service_name="Dienst gezinszorg A", newborn="0", hours="3.25"),
        row(province="Limburg", family_id="F-x"),
        row(work_year="2015", service_id="GZ-002", service_name="Dienst B"),
    ]
)


def counts() -> dict[str, int]:
    models = (Submission, Dossier, Service, ChangeEvent)
    return {model.__name__: model.objects.count() for model in models}


def check_refusal(refusal: Exception) -> None:
    """The refusal a user is shown: each error names its place and has a known reason."""
    if isinstance(refusal, SubmissionRefused):
        assert refusal.code and refusal.message
        return
    assert isinstance(refusal, InvalidSubmission) and refusal.errors
    for error in refusal.errors:
        assert error.file == NAME and isinstance(error.line, int) and error.line >= 0
        assert error.code in FILE_ERROR_MESSAGES and error.reason


def test_no_input_escapes_and_a_refusal_stores_nothing(record_property):
    tally = FuzzTally("monitoring_csv")

    @given(data=inputs(SEED))
    @fuzz_settings(EXAMPLES)
    def probe(data: bytes) -> None:
        tally.inputs += 1
        file = StreamedFile(name=NAME, open=lambda: io.BytesIO(data), size=len(data))
        with transaction.atomic():
            before = counts()
            try:
                submissions_import(files=[file], by=None, now=at("2017-03-01 10:00"))
                tally.accepted += 1
            except (InvalidSubmission, SubmissionRefused) as refusal:
                tally.refused += 1
                try:
                    check_refusal(refusal)
                    assert counts() == before, "a refused input stored something"
                except Exception as exc:
                    tally.escaped(data, exc)
            except Exception as exc:
                tally.escaped(data, exc)
            transaction.set_rollback(True)  # each input meets the same database

    probe()
    record_property("figures", tally.line(connection.vendor))
    assert not tally.escapes, tally.report(connection.vendor)
