"""The submissions page: a family-care service's user uploads either CSV style, follows the
import on its page and sees what was stored (late marked, what it replaced) and their own
service's history; analysts see every service's. The web request only receives the files
(to disk, never to memory) and starts the import."""

import re

import pytest
import time_machine

from django.utils import translation

from ..models import RejectedSubmission, Submission
from .builders import at, csv_bytes, row
from .upload_support import (
    IMPORTS,
    START,
    imported,
    service_user,
    submissions_url,
    upload,
    upload_and_import,
)

pytestmark = IMPORTS


def _received_rows(html: str) -> list[dict[str, str]]:
    pattern = (
        r'class="received-submission" data-service="([^"]+)" data-year="(\d+)" '
        r'data-late="(\w+)">.*?<td class="replaces">(.*?)</td>'
    )
    return [
        {"service": s, "year": y, "late": late, "replaces": text.strip()}
        for s, y, late, text in re.findall(pattern, html, flags=re.S)
    ]


def _history(html: str) -> list[tuple[str, str, str, str]]:
    pattern = (
        r'class="history-submission" data-service="([^"]+)" data-year="(\d+)" '
        r'data-version="(\d+)" data-current="(\w+)"'
    )
    return re.findall(pattern, html)


@pytest.mark.parametrize(
    ("style", "encoding"),
    [
        ("comma", "utf-8"),
        ("comma", "utf-8-sig"),
        ("semicolon", "cp1252"),
        ("semicolon", "utf-8-sig"),
    ],
)
def test_a_service_user_uploads_either_style_and_sees_it_stored(
    client_for, kraamzorg_user, style, encoding
):
    name = "Gezinszorg Één"
    rows = [row(hours="12.25", service_name=name), row(hours="3.5", newborn="0", service_name=name)]
    with time_machine.travel(START, tick=False):
        client = client_for(service_user(kraamzorg_user))
        response = upload(
            client, ("jaar-2016.csv", csv_bytes(rows, style=style, encoding=encoding))
        )
        assert response.status_code == 303
        assert re.search(r"/nl/jobs/[0-9a-f-]{36}/$", response["Location"])
        assert not Submission.objects.exists()  # not in the request: the worker imports
        location = imported(client, response)
        assert re.search(r"/nl/monitoring/submissions/\?received=\d+$", location)
        page = client.get(location)
    submission = Submission.objects.get()
    assert (submission.service.service_id, submission.work_year_id, submission.version) == (
        "GZ-001",
        2016,
        1,
    )
    assert (submission.dossiers, submission.newborn_dossiers, submission.late) == (2, 1, False)
    assert submission.service_name == "Gezinszorg Één"
    assert submission.uploaded_by == kraamzorg_user
    assert submission.source_file == "jaar-2016.csv"
    received = _received_rows(page.content.decode())
    assert [(r["service"], r["year"], r["late"]) for r in received] == [("GZ-001", "2016", "false")]
    assert _history(page.content.decode()) == [("GZ-001", "2016", "1", "true")]


def test_a_late_replacement_is_marked_late_and_names_the_version_it_replaces(
    client_for, kraamzorg_user
):
    user = service_user(kraamzorg_user)
    with time_machine.travel(START, tick=False):
        upload_and_import(client_for(user), ("first.csv", csv_bytes([row(), row()])))
    with time_machine.travel(at("2017-05-02 09:00"), tick=False):
        client = client_for(user)
        location = upload_and_import(client, ("second.csv", csv_bytes([row(), row(), row()])))
        with translation.override("en"):
            page = client.get(location.replace("/nl/", "/en/"))
    html = page.content.decode()
    received = _received_rows(html)
    assert [(r["year"], r["late"]) for r in received] == [("2016", "true")]
    assert "version 1 of 01/03/2017 10:00 (2 dossiers)" in received[0]["replaces"]
    assert _history(html) == [("GZ-001", "2016", "2", "true"), ("GZ-001", "2016", "1", "false")]
    first, second = Submission.objects.order_by("version")
    assert (first.superseded_at, second.late) == (at("2017-05-02 09:00"), True)


def test_one_file_with_several_services_and_years_by_an_analyst(client_for, analyst):
    rows = [
        row(service_id="GZ-A", service_name="A", work_year="2015"),
        row(service_id="GZ-A", service_name="A", work_year="2016"),
        row(service_id="GZ-B", service_name="B", work_year="2016", service_sector="public"),
    ]
    with time_machine.travel(START, tick=False):
        client = client_for(analyst)
        location = upload_and_import(client, ("all.csv", csv_bytes(rows)))
        page = client.get(location).content.decode()
    received = _received_rows(page)
    assert [(r["service"], r["year"], r["late"]) for r in received] == [
        ("GZ-A", "2015", "true"),  # 2015's deadline was 30 April 2016
        ("GZ-A", "2016", "false"),
        ("GZ-B", "2016", "false"),
    ]
    assert Submission.objects.count() == 3


def test_several_files_at_once_are_one_import(client_for, analyst):
    first = csv_bytes([row(service_id="GZ-A", service_name="A")])
    second = csv_bytes([row(service_id="GZ-B", service_name="B")], style="semicolon")
    with time_machine.travel(START, tick=False):
        location = upload_and_import(client_for(analyst), ("a.csv", first), ("b.csv", second))
    assert location.count("received=") == 2
    assert sorted(Submission.objects.values_list("source_file", flat=True)) == ["a.csv", "b.csv"]


def test_a_service_user_sees_only_their_own_service_and_analysts_see_all(
    client_for, kraamzorg_user, analyst
):
    rows = [
        row(service_id="GZ-001"),
        row(service_id="GZ-OTHER", service_name="Andere dienst"),
        row(service_id="GZ-OTHER", service_name="Andere dienst", work_year="2015"),
    ]
    with time_machine.travel(START, tick=False):
        upload_and_import(client_for(analyst), ("all.csv", csv_bytes(rows)))
        own = client_for(service_user(kraamzorg_user)).get(submissions_url()).content.decode()
        everything = client_for(analyst).get(submissions_url()).content.decode()
        filtered = client_for(analyst).get(submissions_url() + "?year=2015").content.decode()
    assert _history(own) == [("GZ-001", "2016", "1", "true")]
    assert "Andere dienst" not in own
    assert sorted(_history(everything)) == [
        ("GZ-001", "2016", "1", "true"),
        ("GZ-OTHER", "2015", "1", "true"),
        ("GZ-OTHER", "2016", "1", "true"),
    ]
    assert _history(filtered) == [("GZ-OTHER", "2015", "1", "true")]


def test_received_ids_of_another_service_are_not_shown(client_for, kraamzorg_user, analyst):
    with time_machine.travel(START, tick=False):
        upload_and_import(client_for(analyst), ("x.csv", csv_bytes([row(service_id="GZ-X")])))
        other = Submission.objects.get()
        page = client_for(service_user(kraamzorg_user)).get(
            submissions_url() + f"?received={other.pk}"
        )
    assert page.status_code == 200
    assert _received_rows(page.content.decode()) == []


def test_a_post_without_a_file_shows_the_form_again(client_for, kraamzorg_user):
    client = client_for(service_user(kraamzorg_user))
    response = client.post(submissions_url(), {})
    assert response.status_code == 400
    assert response.context["form"].errors["files"]
    assert not Submission.objects.exists() and not RejectedSubmission.objects.exists()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_page_is_served_in_each_language(client_for, kraamzorg_user, language):
    response = client_for(service_user(kraamzorg_user)).get(submissions_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'enctype="multipart/form-data"' in html
    assert "/static/monitoring/upload.js" in html
    assert "<script>" not in html  # no inline script (CSP)
