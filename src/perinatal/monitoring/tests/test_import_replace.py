"""A new submission for a service and year replaces the current one in one transaction; the
earlier version and its dossiers are kept."""

from decimal import Decimal

import pytest

from perinatal.audit.models import ChangeEvent

from ..models import Dossier, Service, Submission
from ..reports.kraamzorg import kraamzorg_report
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db


def _total(year=2016):
    return kraamzorg_report(year)["total"]


def test_the_first_submission_is_version_one_and_current():
    stored = import_rows([row(hours="10"), row(hours="20")], now=at("2017-02-01 10:00"))
    assert [(s.service_id, s.year, s.version, s.dossiers, s.replaced_version) for s in stored] == [
        ("GZ-001", 2016, 1, 2, None)
    ]
    submission = Submission.objects.get()
    assert submission.superseded_at is None
    assert submission.received_at == at("2017-02-01 10:00")
    assert submission.source_file == "submission.csv"
    assert Service.objects.get().name == "Dienst gezinszorg A"
    assert _total()["hours"] == Decimal("30.00")


def test_a_second_submission_replaces_the_first_and_keeps_it():
    import_rows([row(hours="10"), row(hours="20")], now=at("2017-02-01 10:00"))
    stored = import_rows([row(hours="5")], now=at("2017-03-01 10:00"))
    assert [(s.version, s.replaced_version) for s in stored] == [(2, 1)]
    first, second = Submission.objects.order_by("version")
    assert first.superseded_at == at("2017-03-01 10:00")
    assert second.superseded_at is None
    assert Dossier.objects.filter(submission=first).count() == 2  # kept
    assert _total() == {
        **_total(),
        "dossiers": 1,
        "families": 1,
        "hours": Decimal("5.00"),
    }


def test_a_replacement_touches_only_its_own_service_and_year():
    import_rows([row(service_id="GZ-001", hours="10")], now=at("2017-02-01 10:00"))
    import_rows(
        [row(service_id="GZ-002", service_name="Dienst B", hours="7")],
        now=at("2017-02-02 10:00"),
    )
    import_rows([row(service_id="GZ-001", work_year=2015, hours="1")], now=at("2017-02-03 10:00"))
    import_rows([row(service_id="GZ-001", hours="3")], now=at("2017-02-04 10:00"))
    assert _total()["hours"] == Decimal("10.00")  # 3 (GZ-001, v2) + 7 (GZ-002)
    assert _total(2015)["hours"] == Decimal("1.00")
    current = Submission.objects.filter(superseded_at__isnull=True)
    assert sorted(current.values_list("service__service_id", "work_year", "version")) == [
        ("GZ-001", 2015, 1),
        ("GZ-001", 2016, 2),
        ("GZ-002", 2016, 1),
    ]


def test_a_dossier_id_may_come_back_in_the_next_version():
    import_rows([row(dossier_id="D-1", hours="1")], now=at("2017-02-01 10:00"))
    import_rows([row(dossier_id="D-1", hours="2")], now=at("2017-02-02 10:00"))
    assert Dossier.objects.filter(dossier_id="D-1").count() == 2
    assert _total()["hours"] == Decimal("2.00")


def test_the_service_takes_the_name_and_sector_of_its_latest_submission():
    import_rows([row(service_name="Oude naam")], now=at("2017-02-01 10:00"))
    import_rows(
        [row(service_name="Nieuwe naam", service_sector="public")], now=at("2017-02-02 10:00")
    )
    service = Service.objects.get()
    assert (service.name, service.sector) == ("Nieuwe naam", "public")
    assert list(Submission.objects.order_by("version").values_list("service_name", flat=True)) == [
        "Oude naam",
        "Nieuwe naam",
    ]


def test_each_stored_submission_is_in_the_change_log():
    import_rows([row()], now=at("2017-02-01 10:00"))
    import_rows([row()], now=at("2017-02-02 10:00"))
    events = ChangeEvent.objects.filter(object_type="monitoring.submission").order_by("id")
    assert [e.changes["version"] for e in events] == [[None, 1], [None, 2]]
    first = Submission.objects.get(version=1)
    assert events[1].changes["replaces"] == [first.pk, None]


def test_the_stored_dossier_rows_are_exactly_the_files_rows():
    import_rows(
        [
            row(
                dossier_id="X1", family_id="FA", province="Limbourg", newborn="nee", hours="1.2345"
            ),
            row(dossier_id="X2", family_id="FB", province="04000", newborn="oui", hours="0"),
        ],
        now=at("2017-02-01 10:00"),
        style="semicolon",
        encoding="cp1252",
    )
    stored = sorted(
        Dossier.objects.values_list(
            "dossier_id",
            "family_id",
            "province",
            "newborn",
            "hours",
            "work_year",
            "service__service_id",
        )
    )
    assert stored == [
        ("X1", "FA", "70000", False, Decimal("1.2345"), 2016, "GZ-001"),
        ("X2", "FB", "04000", True, Decimal("0"), 2016, "GZ-001"),
    ]
