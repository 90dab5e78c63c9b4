"""Helpers for the tests of the upload page and the API: a family-care service's user for a
recognition number, the page's addresses, an upload through the page, and the import that
follows it (run by the real task worker in this process: the tests that use it are
transactional, `IMPORTS`)."""

import re
from html import unescape
from typing import Any

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from perinatal.jobs.constants import FINISHED
from perinatal.jobs.models import Job
from perinatal.jobs.testing import run_pending_tasks

from .builders import at

START = at("2017-03-01 10:00")  # work year 2016, before its deadline (30 April 2017)
# For the tests whose uploads are imported: committed data (the worker claims each task in a
# transaction of its own) and the audit tables flushable afterwards.
IMPORTS = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("audit_flushable")]
JOB_PAGE = re.compile(r"/(nl|fr|en)/jobs/([0-9a-f-]{36})/$")


def submissions_url(language: str = "nl") -> str:
    return f"/{language}/monitoring/submissions/"


def service_user(user: Any, number: str = "GZ-001") -> Any:
    """`user` (role kraamzorg_service) as a user of the service with this recognition number."""
    organisation = user.organisation
    organisation.recognition_number = number
    organisation.save()
    return user


def upload(client: Client, *files: tuple[str, bytes], language: str = "nl", follow=False):
    """POST the files to the submissions page, as the form does."""
    data = {"files": [SimpleUploadedFile(name, content, "text/csv") for name, content in files]}
    with translation.override(translation.get_language()):
        return client.post(submissions_url(language), data, follow=follow)


def job_of(response) -> Job:
    """The import an upload started: the page it was sent to is the job's."""
    assert response.status_code == 303, response.content[:500]
    found = JOB_PAGE.search(response["Location"])
    assert found, response["Location"]
    return Job.objects.get(pk=found.group(2))


def imported(client: Client, response) -> str:
    """After an upload: the worker runs the import; the job's page, done, leads to the result
    (the stored submissions or the refusal), whose address is answered."""
    job = job_of(response)
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status in FINISHED
    page = client.get(response["Location"])
    assert page.status_code == 200
    link = re.search(r'<a class="button primary" href="([^"]+)"', page.content.decode())
    assert link, page.content.decode()
    return unescape(link.group(1))


def upload_and_import(client: Client, *files: tuple[str, bytes], language: str = "nl") -> str:
    return imported(client, upload(client, *files, language=language))
