"""Helpers for the tests of the upload page and the API: a family-care service's user for a
recognition number, the page's addresses, and an upload through the page."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from .builders import at

START = at("2017-03-01 10:00")  # work year 2016, before its deadline (30 April 2017)


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
