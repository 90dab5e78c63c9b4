"""The states of a job, as people see them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    RETRYING = "retrying", _("Will be tried again")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)

# The task queues: jobs that people follow, e-mail, and the scheduler's periodic work. One
# worker takes all of them unless told otherwise (`perinatal worker --queue-name=email`).
QUEUE_JOBS = "default"
QUEUE_EMAIL = "email"
QUEUE_PERIODIC = "periodic"
QUEUES = [QUEUE_JOBS, QUEUE_EMAIL, QUEUE_PERIODIC]
