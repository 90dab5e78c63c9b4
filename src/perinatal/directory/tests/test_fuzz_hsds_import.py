"""Fuzz test of the HSDS import (issue 17, item 5): Hypothesis makes inputs from the
specification's own examples (`core/tests/fuzzing.py`) — the JSON of a service in full, the
CSV tables of organisations and services — and each is imported as `perinatal directory
import-hsds` does; every input is imported or refused with `ImportRefused`, whose every
reason names the file (and the line or record, and the field, where there is one), and a
refused input stores nothing. Any other exception is an escape."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.db import connection, transaction
from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.fuzzing import FuzzTally, fuzz_settings, inputs
from perinatal.directory.hsds.importer import import_path
from perinatal.directory.hsds.reader import ImportRefused
from perinatal.directory.models import (
    Address,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

from .test_hsds_export import spec_dir

pytestmark = pytest.mark.django_db

EXAMPLES = 150


def seeds() -> dict[str, bytes]:
    examples = spec_dir() / "examples"
    return {
        "service_full.json": (examples / "service_full.json").read_bytes(),
        "organizations.csv": (examples / "csv" / "organizations.csv").read_bytes(),
        "services.csv": (examples / "csv" / "services.csv").read_bytes(),
    }


def counts() -> dict[str, int]:
    models = (Organization, Service, Location, Address, Phone, ServiceAtLocation, TaxonomyTerm)
    found = {model.__name__: model.objects.count() for model in models}
    found["ChangeEvent"] = ChangeEvent.objects.count()
    return found


@st.composite
def folders(draw: st.DrawFn, seed: dict[str, bytes]) -> dict[str, bytes]:
    """The files of one import: the JSON alone, or both CSV tables, one of them changed."""
    if draw(st.booleans()):
        return {"service_full.json": draw(inputs(seed["service_full.json"]))}
    files = {name: seed[name] for name in ("organizations.csv", "services.csv")}
    changed = draw(st.sampled_from(sorted(files)))
    files[changed] = draw(inputs(seed[changed]))
    return files


def test_no_input_escapes_and_a_refusal_stores_nothing(tmp_path, record_property):
    tally = FuzzTally("hsds_import")

    @given(files=folders(seeds()))
    @fuzz_settings(EXAMPLES)
    def probe(files: dict[str, bytes]) -> None:
        tally.inputs += 1
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        for name, data in files.items():
            (folder / name).write_bytes(data)
        with transaction.atomic():
            before = counts()
            try:
                import_path(folder, lang="en")
                tally.accepted += 1
            except ImportRefused as refusal:
                tally.refused += 1
                try:
                    assert refusal.errors
                    for reason in refusal.errors:
                        assert any(name in reason for name in files) or "…" in reason, reason
                    assert counts() == before, "a refused input stored something"
                except Exception as exc:
                    tally.escaped(repr(files).encode(), exc)
            except Exception as exc:
                tally.escaped(b"|".join(files.values()), exc)
            transaction.set_rollback(True)  # each input meets the same database

    with translation.override("en"):
        probe()
    record_property("figures", tally.line(connection.vendor))
    assert not tally.escapes, tally.report(connection.vendor)
