"""The monitoring's tests keep uploaded files in a folder of their own (`MEDIA_ROOT`), never
in the working tree's."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT
