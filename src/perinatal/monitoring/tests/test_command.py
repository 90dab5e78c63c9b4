"""`perinatal monitoring import|close|reopen|report`: the error list and a non-zero exit on
any error, the stored submissions, closing and reopening, the report as JSON or CSV."""

import io
import json

import pytest
import time_machine

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ..models import Submission, WorkYear
from .builders import BRUSSELS, csv_bytes, row

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("monitoring", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def files(tmp_path):
    def write(name, rows, **style):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, **style))
        return str(path)

    return write


@time_machine.travel("2017-03-01 10:00 +01:00", tick=False)
def test_import_stores_the_files_and_says_what_it_stored(files):
    one = files("one.csv", [row(service_id="GZ-1"), row(service_id="GZ-1")])
    two = files("two.csv", [row(service_id="GZ-2", service_name="B")], style="semicolon")
    output = _run("import", one, two)
    assert "GZ-1 2016: version 1, 2 dossiers (2 newborn), first submission" in output
    assert "GZ-2 2016: version 1, 1 dossiers (1 newborn), first submission" in output
    assert Submission.objects.count() == 2


@time_machine.travel("2017-03-01 10:00 +01:00", tick=False)
def test_import_lists_every_error_and_fails_storing_nothing(files):
    good = files("good.csv", [row(service_id="GZ-1")])
    bad = files(
        "bad.csv", [row(service_id="GZ-2", hours="-1"), row(service_id="GZ-2", province="X")]
    )
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command("monitoring", "import", good, bad, stdout=out)
    assert str(failed.value) == "2 error(s): nothing was stored."
    lines = out.getvalue().splitlines()
    assert lines[0] == "file\tline\tcolumn\tvalue\treason"
    assert lines[1] == "bad.csv\t2\thours\t-1\tHours cannot be negative."
    assert lines[2].startswith("bad.csv\t3\tprovince\tX\tNot a Flemish province")
    assert not Submission.objects.exists()


@time_machine.travel("2017-03-01 10:00 +01:00", tick=False)
def test_import_as_a_service_user_for_another_service_fails(files, kraamzorg_user):
    kraamzorg_user.organisation.recognition_number = "GZ-OWN"
    kraamzorg_user.organisation.save()
    path = files("x.csv", [row(service_id="GZ-OTHER")])
    with pytest.raises(CommandError, match="not_your_service"):
        _run("import", path, "--as-user", kraamzorg_user.email)
    assert not Submission.objects.exists()


def test_import_of_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        _run("import", str(tmp_path / "nothing.csv"))


def test_close_and_reopen_a_year(files, analyst):
    with time_machine.travel("2017-03-01 10:00 +01:00", tick=False):
        _run("import", files("a.csv", [row()]))
    with time_machine.travel("2017-05-15 10:00 +02:00", tick=False):
        assert _run("close", "--year", "2016", "--as-user", analyst.email).strip() == (
            "The work year 2016 is final."
        )
        with pytest.raises(CommandError, match="year_final"):
            _run("import", files("b.csv", [row()]))
        with pytest.raises(CommandError):
            _run("reopen", "--year", "2016", "--reason", " ")
        _run("reopen", "--year", "2016", "--reason", "late correction", "--as-user", analyst.email)
    assert WorkYear.objects.get().status == "provisional"


def test_report_as_json_and_csv_and_as_of(files):
    with time_machine.travel("2017-03-01 10:00 +01:00", tick=False):
        _run("import", files("a.csv", [row(hours="10")]))
    with time_machine.travel("2017-04-28 10:00 +02:00", tick=False):
        _run("import", files("b.csv", [row(hours="12.5")]))
    data = json.loads(_run("report", "kraamzorg", "--year", "2016"))
    assert data["total"]["hours"] == 12.5
    data = json.loads(_run("report", "kraamzorg", "--year", "2016", "--as-of", "2017-04-24"))
    assert (data["total"]["hours"], data["as_of"]) == (10.0, "2017-04-24")
    table = _run("report", "kraamzorg", "--year", "2016", "--format", "csv")
    assert table.splitlines()[0].startswith("year,status,as_of,row,province,nis,dossiers")
    assert len(table.splitlines()) == 11


def test_report_trend_and_refusals(files):
    with time_machine.travel("2017-03-01 10:00 +01:00", tick=False):
        _run("import", files("a.csv", [row(work_year=2015), row(work_year=2016)]))
    trend = json.loads(_run("report", "kraamzorg", "--from", "2015", "--to", "2016"))
    assert [y["year"] for y in trend["years"]] == [2015, 2016]
    with pytest.raises(CommandError):
        _run("report", "kraamzorg")
    with pytest.raises(CommandError, match="no figures"):
        _run("report", "kraamzorg", "--year", "2012")


def test_brussels_time_helper_is_brussels():
    assert str(BRUSSELS) == "Europe/Brussels"
