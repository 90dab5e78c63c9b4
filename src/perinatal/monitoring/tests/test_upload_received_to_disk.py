"""The web request only receives an upload: every file goes to a temporary file as it
arrives (never to memory, even a small one), is kept in the default storage under the
import's folder, and the import is started; a body larger than allowed is refused unread."""

import pytest
import time_machine

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client

from perinatal.jobs.constants import JobStatus

from ..forms import MAX_FILES, MAX_UPLOAD_BYTES
from ..imports.incoming import ROOT, incoming_folders
from ..models import Submission
from ..views import upload as upload_view
from .builders import csv_bytes, row
from .upload_support import START, job_of, service_user, submissions_url, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(monkeypatch):
    """The uploaded files as the page hands them to the import, and what it read of them."""
    seen: list = []
    start = upload_view.submission_import_start

    def spy(**kwargs):
        for _name, file in kwargs["uploads"]:
            seen.append(file)
            original = file.file.read

            def read(size=-1, _read=original, _file=file):
                _file.whole_reads = getattr(_file, "whole_reads", 0) + (size in (-1, None))
                return _read(size)

            file.file.read = read
        return start(**kwargs)

    monkeypatch.setattr(upload_view, "submission_import_start", spy)
    return seen


@pytest.mark.parametrize("rows", [2, 40_000])  # a few hundred bytes, and about 2.8 MB
def test_every_upload_goes_to_disk_and_is_kept_unread(client_for, kraamzorg_user, received, rows):
    data = csv_bytes([row() for _ in range(rows)])
    with time_machine.travel(START, tick=False):
        response = upload(client_for(service_user(kraamzorg_user)), ("jaar.csv", data))
    job = job_of(response)
    assert [type(file) for file in received] == [TemporaryUploadedFile]
    assert getattr(received[0], "whole_reads", 0) == 0
    assert job.status == JobStatus.QUEUED
    [kept] = job.params["files"]
    assert kept["name"] == "jaar.csv" and kept["size"] == len(data)
    assert kept["path"] == f"{ROOT}/{job.params['folder']}/01.csv"
    with default_storage.open(kept["path"], "rb") as stored:
        assert stored.read() == data
    assert job.params["channel"] == "page" and job.params["user"] == kraamzorg_user.pk
    assert not Submission.objects.exists()


def test_a_file_that_is_not_a_csv_is_refused_and_nothing_kept(client_for, kraamzorg_user):
    client = client_for(service_user(kraamzorg_user))
    response = upload(client, ("jaar.xlsx", csv_bytes([row()])), language="en")
    assert response.status_code == 400
    assert "jaar.xlsx is not a CSV file" in response.content.decode()
    assert incoming_folders() == []


def test_a_body_larger_than_the_files_allowed_is_refused_unread(client_for, kraamzorg_user):
    client: Client = client_for(service_user(kraamzorg_user))
    too_much = MAX_FILES * MAX_UPLOAD_BYTES + 2 * 1024 * 1024
    response = client.generic(
        "POST",
        submissions_url("en"),
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(too_much),
    )
    assert response.status_code == 413
    assert "At most 20 files" in response.content.decode()
    assert incoming_folders() == []


def test_a_post_without_the_csrf_token_is_refused_and_nothing_kept(kraamzorg_user):
    from perinatal.accounts.tests.factories import logged_in_client

    client = logged_in_client(service_user(kraamzorg_user), client=Client(enforce_csrf_checks=True))
    response = upload(client, ("jaar.csv", csv_bytes([row()])))
    assert response.status_code == 403
    assert incoming_folders() == []
