"""A job through the API: its person sees its state, progress, title and, when it succeeded,
its result and where to fetch it, in their language; another person gets 404, an
administrator sees every job, no token 401."""

import pytest

from django.utils import translation

from perinatal.accounts.constants import Role
from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job
from perinatal.pathways.tests.api_support import api_for

from . import kinds

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kinds():
    kinds.register()


def test_the_person_sees_a_running_job_without_a_result(analyst):
    job = Job.objects.create(
        kind="test-keeps-a-file",
        started_by=analyst,
        status=JobStatus.RUNNING,
        done=2,
        total=5,
        params={"total": 5},
    )
    answer = api_for(analyst).get(f"/jobs/{job.pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == str(job.pk)
    assert (body["status"], body["finished"], body["done"], body["total"]) == (
        "running",
        False,
        2,
        5,
    )
    assert body["title"] == "Counting 5"
    assert (body["result"], body["result_url"], body["failure"]) == ({}, None, None)


def test_a_finished_job_says_where_its_result_is(analyst):
    job = Job.objects.create(
        kind="test-keeps-a-file",
        started_by=analyst,
        status=JobStatus.SUCCEEDED,
        result={"counted": 3},
    )
    body = api_for(analyst).get(f"/jobs/{job.pk}").json()
    assert body["finished"] is True
    assert body["result"] == {"counted": 3}
    assert body["result_url"] == f"http://testserver/api/v1/test-results/{job.pk}"


def test_a_failed_job_says_why_in_the_callers_language(analyst):
    job = Job.objects.create(
        kind="test-count",
        started_by=analyst,
        status=JobStatus.FAILED,
        failure_message="The job stopped because of an error on our side. The administrators "
        "can see what went wrong; please try again later or contact them.",
    )
    body = api_for(analyst, language="nl").get(f"/jobs/{job.pk}").json()
    assert body["status"] == "failed"
    with translation.override("nl"):
        assert body["failure"] == translation.gettext(job.failure_message)
    assert "beheerders" in body["failure"]


def test_only_the_person_or_an_administrator_sees_the_job(analyst, persona, admin_user, client):
    job = Job.objects.create(kind="test-count", started_by=analyst)
    other = persona(Role.ANALYST, username="analyst-2")
    assert api_for(other).get(f"/jobs/{job.pk}").status_code == 404
    assert api_for(other).get(f"/jobs/{job.pk}").json()["code"] == "not_found"
    assert api_for(admin_user).get(f"/jobs/{job.pk}").status_code == 200
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 401
