"""The family record's one extension point: which apps add what, each once, in the order
the apps are installed."""

import pytest

from perinatal.core.registry import AlreadyRegistered
from perinatal.pathways.extensions import RecordExtension, record_extensions


def test_the_kindboekje_and_kraamzorg_extend_the_record_once_each_in_app_order():
    assert record_extensions.keys() == ["booklets", "kraamzorg"]
    booklets, kraamzorg = record_extensions["booklets"], record_extensions["kraamzorg"]
    assert all((booklets.timeline, booklets.export, booklets.pseudonymise, booklets.rules))
    assert (kraamzorg.export, kraamzorg.pseudonymise) != (None, None)
    assert (kraamzorg.timeline, kraamzorg.rules) == (None, None)


def test_an_app_cannot_extend_the_record_twice():
    with pytest.raises(AlreadyRegistered):
        record_extensions.register("booklets", RecordExtension())
    assert record_extensions.keys() == ["booklets", "kraamzorg"]
