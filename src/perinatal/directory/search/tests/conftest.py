"""Fixtures for the search tests: a small corpus in Dutch and French, errors not swallowed."""

import pytest

from .factories import build_corpus


@pytest.fixture(autouse=True)
def _search_errors_raise(settings):
    """A failing search query would be logged and read as "nothing found"; here it fails."""
    settings.DIRECTORY_SEARCH_RAISE_ERRORS = True


@pytest.fixture
def corpus(db):
    return build_corpus()
