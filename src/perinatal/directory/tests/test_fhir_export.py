"""`export-fhir` writes a FHIR R5 Bundle that the `fhir.resources` models accept."""

import json
from collections import Counter

import pytest
from fhir.resources.bundle import Bundle

from django.core.management import call_command

from perinatal.directory.fhir import TRANSLATION_URL

from .hsds_factories import rich_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle(tmp_path) -> Bundle:
    rich_directory()
    path = tmp_path / "directory.fhir.json"
    call_command("directory", "export-fhir", str(path))
    return Bundle.model_validate(json.loads(path.read_text()))


def _resource(bundle: Bundle, kind: str, name: str):
    return next(
        e.resource
        for e in bundle.entry
        if e.resource.get_resource_type() == kind and e.resource.name == name
    )


def _translations(extension) -> dict[str, str]:
    result = {}
    for ext in extension.extension:
        assert ext.url == TRANSLATION_URL
        parts = {part.url: part for part in ext.extension}
        result[parts["lang"].valueCode] = (
            parts["content"].valueString or parts["content"].valueMarkdown
        )
    return result


def test_bundle_parses_back_with_the_right_counts(bundle):
    assert bundle.type == "collection"
    counts = Counter(e.resource.get_resource_type() for e in bundle.entry)
    assert counts == {"Organization": 2, "Location": 2, "HealthcareService": 3}


def test_service_carries_both_languages_through_the_translation_extension(bundle):
    service = _resource(bundle, "HealthcareService", "Prenatale consultatie")
    assert _translations(service.name__ext) == {
        "fr": "Consultation prénatale",
        "en": "Prenatal consultation",
    }
    assert service.comment == "Gratis opvolging van je zwangerschap."
    assert _translations(service.comment__ext) == {"fr": "Suivi gratuit de votre grossesse."}
    assert _translations(service.eligibility[0].comment__ext) == {
        "fr": "Pour toutes les femmes enceintes."
    }


def test_service_codes_phases_needs_cost_programme_and_languages(bundle):
    service = _resource(bundle, "HealthcareService", "Prenatale consultatie")
    assert {c.coding[0].code for c in service.category} == {"prenatal", "birth"}
    assert {c.coding[0].code for c in service.type} == {"medical_follow_up", "no_insurance"}
    characteristics = {c.coding[0].code for c in service.characteristic}
    assert characteristics == {"free", "referral-required"}
    assert service.program[0].coding[0].code == "first-1000-days"
    assert {c.coding[0].code for c in service.communication} == {"nl", "fr", "ar"}
    telecom = {(t.system, t.value) for t in service.contact[0].telecom}
    assert ("phone", "+3225331212") in telecom  # E.164
    assert service.providedBy.reference.startswith("Organization/")
    assert service.location[0].reference.startswith("Location/")


def test_location_has_its_address_with_the_french_municipality(bundle):
    location = _resource(bundle, "Location", "Praktijk")
    assert location.address.line == ["Rue Haute 1"]
    assert (location.address.postalCode, location.address.city) == ("1000", "Brussel")
    assert _translations(location.address.city__ext) == {"fr": "Bruxelles"}
