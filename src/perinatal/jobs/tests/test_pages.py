"""A person follows their job on its page (which reloads itself until the job is done), in
their language; nobody else sees it, administrators see every job."""

import pytest

from django.urls import reverse

from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job

from . import kinds


@pytest.fixture(autouse=True)
def _kinds():
    kinds.register()


def _url(job: Job, lang: str = "nl") -> str:
    from django.utils import translation

    with translation.override(lang):
        return reverse("jobs:detail", args=[job.pk])


@pytest.mark.django_db
def test_the_person_who_started_a_running_job_sees_its_progress(client_for, analyst):
    job = Job.objects.create(
        kind="test-count",
        started_by=analyst,
        status=JobStatus.RUNNING,
        done=40,
        total=160,
        stage="counting",
    )
    response = client_for(analyst).get(_url(job, "en"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-finished="false"' in body and "jobs/job.js" in body  # follows the job
    assert "Pause the automatic update" in body
    assert "Counting rows" in body
    assert "40 of 160" in body and "25 %" in body


@pytest.mark.django_db
def test_a_refused_job_says_why_in_the_persons_language_and_stops_reloading(client_for, analyst):
    job = Job.objects.create(
        kind="test-count",
        started_by=analyst,
        status=JobStatus.FAILED,
        failure_message="The job stopped because of an error on our side. The administrators "
        "can see what went wrong; please try again later or contact them.",
    )
    body = client_for(analyst).get(_url(job, "fr")).content.decode()
    assert "Échec" in body or "échoué" in body.lower()
    assert "administrateurs" in body
    assert 'data-finished="true"' in body
    assert "data-job-pause" not in body


@pytest.mark.django_db
def test_another_user_gets_not_found_and_an_administrator_sees_it(
    client_for, analyst, kg_nurse, admin_user
):
    job = Job.objects.create(kind="test-count", started_by=analyst)
    assert client_for(kg_nurse).get(_url(job)).status_code == 404
    assert client_for(admin_user).get(_url(job)).status_code == 200


@pytest.mark.django_db
def test_the_account_page_leads_to_the_list_of_my_jobs(client_for, analyst):
    job = Job.objects.create(kind="test-count", started_by=analyst)
    client = client_for(analyst)
    home = client.get(reverse("accounts:home")).content.decode()
    assert reverse("jobs:list") in home
    listing = client.get(reverse("jobs:list")).content.decode()
    assert _url(job) in listing
