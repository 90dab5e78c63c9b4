"""The invariants hold in the database itself, whatever the code above it does."""

from decimal import Decimal

import pytest

from django.db import IntegrityError, transaction

from ..models import Dossier, Service, Submission, WorkYear, WorkYearEvent
from .builders import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission():
    service = Service.objects.create(service_id="GZ-9", name="Dienst", sector="private")
    year = WorkYear.objects.create(year=2016)
    return Submission.objects.create(
        service=service,
        work_year=year,
        version=1,
        service_name="Dienst",
        sector="private",
        received_at=at("2017-02-01 10:00"),
    )


def _dossier(submission, **values):
    fields = {
        "submission": submission,
        "work_year_id": submission.work_year_id,
        "service_id": submission.service_id,
        "dossier_id": "D1",
        "family_id": "F1",
        "province": "10000",
        "newborn": True,
        "hours": Decimal("1"),
    }
    fields.update(values)
    return Dossier.objects.create(**fields)


def _refused(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_dossier_id_is_unique_within_a_submission(submission):
    _dossier(submission)
    _refused(lambda: _dossier(submission, family_id="F2"))


@pytest.mark.parametrize(
    "values",
    [
        {"hours": Decimal("-0.01")},
        {"province": "50000"},
        {"dossier_id": ""},
        {"family_id": ""},
    ],
)
def test_a_dossier_row_breaking_a_rule_is_refused(submission, values):
    _refused(lambda: _dossier(submission, **values))


def test_only_one_current_submission_per_service_and_year(submission):
    def second():
        Submission.objects.create(
            service=submission.service,
            work_year=submission.work_year,
            version=2,
            service_name="Dienst",
            sector="private",
            received_at=at("2017-02-02 10:00"),
        )

    _refused(second)
    Submission.objects.filter(pk=submission.pk).update(superseded_at=at("2017-02-02 10:00"))
    second()  # once the first is superseded


def test_a_version_number_is_used_once(submission):
    Submission.objects.filter(pk=submission.pk).update(superseded_at=at("2017-02-02 10:00"))
    _refused(
        lambda: Submission.objects.create(
            service=submission.service,
            work_year=submission.work_year,
            version=1,
            service_name="Dienst",
            sector="private",
            received_at=at("2017-02-02 10:00"),
        )
    )


def test_a_final_year_carries_its_closing_moment():
    _refused(lambda: WorkYear.objects.create(year=2015, status="final"))


def test_a_reopening_carries_its_reason():
    year = WorkYear.objects.create(year=2015)
    _refused(
        lambda: WorkYearEvent.objects.create(
            work_year=year, action="reopen", at=at("2018-06-01 10:00"), reason=""
        )
    )
