"""`perinatal kraamzorg export-submission`: the service's yearly submission, imported into
the monitoring, gives the service's true figures (the round trip)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.submission_export import family_pseudonym
from perinatal.monitoring.reports.kraamzorg import kraamzorg_report
from perinatal.monitoring.services import submissions_import
from perinatal.monitoring.submissions.file import read_submission

from .care_support import add_visits, make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db
YEAR = 2024


def export(offer, path: Path, *extra: str) -> str:
    with translation.override("en"):
        from io import StringIO

        out = StringIO()
        call_command(
            "kraamzorg",
            "export-submission",
            "--service",
            offer.service.service_id,
            "--year",
            str(YEAR),
            *extra,
            str(path),
            stdout=out,
        )
    return out.getvalue()


def import_file(path: Path):
    found = read_submission(path.read_bytes(), name=path.name, today=date(2025, 6, 1))
    assert found.errors == []
    return submissions_import(files=[found], by=None)


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


def test_export_then_import_gives_the_services_recorded_dossiers(offer, tmp_path):
    brussels = make_request(offer, family_key="fam-a")
    add_visits(brussels, [(date(YEAR, 3, 1), "4"), (date(YEAR, 3, 2), "3.25")])
    antwerp = make_request(offer, family_key="fam-b", area_nis="10000", status=RequestStatus.CLOSED)
    add_visits(antwerp, [(date(YEAR, 12, 30), "2.5"), (date(YEAR + 1, 1, 2), "6")])
    second = make_request(offer, family_key="fam-a", status=RequestStatus.CLOSED)  # same family
    add_visits(second, [(date(YEAR, 9, 1), "1.5")])
    other_year = make_request(offer, family_key="fam-c")
    add_visits(other_year, [(date(YEAR + 1, 2, 1), "5")])
    make_request(offer, family_key="fam-d")  # accepted, no visit yet: no dossier
    other_offer = offer_for()
    add_visits(make_request(other_offer, family_key="fam-e"), [(date(YEAR, 5, 5), "9")])

    path = tmp_path / "submission.csv"
    message = export(offer, path)
    assert "3 kraamzorg dossiers and 0 merged dossiers" in message
    stored = import_file(path)
    assert [(s.service_id, s.dossiers, s.newborn_dossiers) for s in stored] == [
        (offer.service.service_id, 3, 3)
    ]
    report = kraamzorg_report(YEAR)
    total = report["total"]
    assert (total["dossiers"], total["families"], total["hours"]) == (3, 2, Decimal("11.25"))
    by_area = {row["nis"]: row for row in report["provinces"]}
    assert (by_area["04000"]["dossiers"], by_area["04000"]["hours"]) == (2, Decimal("8.75"))
    assert (by_area["10000"]["dossiers"], by_area["10000"]["hours"]) == (1, Decimal("2.50"))
    assert report["family_care"]["dossiers"] == 3


def test_the_family_id_is_the_same_pseudonym_for_every_service(offer, tmp_path):
    other_offer = offer_for()
    for service_offer in (offer, other_offer):
        add_visits(make_request(service_offer, family_key="fam-x"), [(date(YEAR, 4, 1), "2")])
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    export(offer, paths[0])
    export(other_offer, paths[1])
    ids = [path.read_text().splitlines()[1].split(",")[5] for path in paths]
    assert ids[0] == ids[1] == family_pseudonym("fam-x")
    assert "fam-x" not in paths[0].read_text()
    assert len(ids[0]) == 64


def test_merge_adds_the_services_other_family_care_dossiers(offer, tmp_path):
    add_visits(make_request(offer, family_key="fam-a"), [(date(YEAR, 3, 1), "4")])
    service = offer.service
    other = tmp_path / "other.csv"
    other.write_text(
        "work_year;service_id;service_name;service_sector;dossier_id;family_id;province;newborn;hours\n"
        f"{YEAR};{service.service_id};{service.name};{service.sector};GZ-1;F1;Antwerpen;0;120,5\n"
        f"{YEAR};{service.service_id};{service.name};{service.sector};GZ-2;F2;Antwerpen;0;30\n",
        encoding="utf-8",
    )
    path = tmp_path / "submission.csv"
    assert "1 kraamzorg dossiers and 2 merged dossiers" in export(
        offer, path, "--merge", str(other)
    )
    import_file(path)
    report = kraamzorg_report(YEAR)
    assert report["total"]["dossiers"] == 1
    assert report["family_care"]["dossiers"] == 3


def test_a_merge_file_of_another_service_is_refused_and_nothing_written(offer, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(
        "work_year,service_id,service_name,service_sector,dossier_id,family_id,province,newborn,hours\n"
        f"{YEAR},OTHER1,Other,public,GZ-1,F1,Antwerpen,0,12\n",
        encoding="utf-8",
    )
    path = tmp_path / "submission.csv"
    with pytest.raises(CommandError, match="may only hold dossiers of service"):
        export(offer, path, "--merge", str(other))
    assert not path.exists()


def test_an_unknown_service_or_an_existing_file_is_refused(offer, tmp_path):
    path = tmp_path / "exists.csv"
    path.write_text("keep", encoding="utf-8")
    with pytest.raises(CommandError, match="exists already"):
        export(offer, path)
    assert path.read_text() == "keep"
    with translation.override("en"), pytest.raises(CommandError, match="No kraamzorg service"):
        call_command(
            "kraamzorg",
            "export-submission",
            "--service",
            "NOPE",
            "--year",
            str(YEAR),
            str(tmp_path / "new.csv"),
        )
