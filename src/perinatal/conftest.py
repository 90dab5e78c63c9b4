"""Shared fixtures: personas for every role, each in a demo organisation of the right kind."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def make_user(db):
    from perinatal.accounts.tests.factories import UserFactory

    return UserFactory
