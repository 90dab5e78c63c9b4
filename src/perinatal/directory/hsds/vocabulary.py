"""The conventions our HSDS files follow, shared by the exporter, the importer and the API.

HSDS 3.0 has one text per field and no place for the directory's own facts (cost category,
programme participation, prescription needed, …). Both travel as HSDS `attributes`: a link
from the entity to a taxonomy term, with a `value`. See docs/decisions/0003-hsds-translations.md.
"""

import uuid

from django.conf import settings

# Our own taxonomies (the `taxonomy` of the terms that attributes point to).
PHASE = "perinatal-phase"  # TaxonomyTerm rows (phases of the first 1000 days)
NEED = "perinatal-need"  # TaxonomyTerm rows (needs)
COST = "perinatal-cost"  # Service.cost_category
FLAG = "perinatal-flag"  # yes/no facts: value "true" or "false"
FIELD = "perinatal-field"  # other fields of ours, value as text
TRANSLATION = "perinatal-translation"  # code = language, link_type = field name, value = text

OUR_TAXONOMIES = (PHASE, NEED, COST, FLAG, FIELD, TRANSLATION)
VIRTUAL_TAXONOMIES = (COST, FLAG, FIELD, TRANSLATION)  # terms that are not TaxonomyTerm rows

# Flags: HSDS code -> Service field.
SERVICE_FLAGS = {
    "programme-1000-days": "programme_1000_days",
    "prescription-required": "prescription_required",
    "referral-required": "referral_required",
}
# Fields without an HSDS home: (entity, HSDS code) -> model field.
EXTRA_FIELDS = {
    ("service", "key"): "key",
    ("service", "source"): "source",
    ("service", "source-page"): "source_page",
    ("service", "verified-by"): "verified_by",
    ("organization", "key"): "key",
    ("organization", "kind"): "kind",
    # A service_area's region, province or municipality (docs/decisions/0019-areas-served.md).
    ("service_area", "nis"): "nis",
}

# Fields stored per language (see directory/translation.py), per HSDS entity.
TRANSLATED = {
    "organization": ("name", "alternate_name", "description"),
    "service": (
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "fees_description",
        "application_process",
    ),
    "location": ("name", "description"),
    "address": ("city",),
    "cost_option": ("option", "amount_description"),
    "schedule": ("description",),
    "taxonomy_term": ("name", "description"),
}

# Fixed namespace for the ids of things HSDS needs an id for and we keep none:
# attributes, virtual terms and service languages. uuid5 keeps them stable across exports.
NAMESPACE = uuid.UUID("6f1c58a4-3b7e-5d2a-9c1e-2f0d1a7b8e41")


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def virtual_term_id(taxonomy: str, code: str) -> str:
    return stable_id("term", taxonomy, code)


def default_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def other_languages(primary: str) -> tuple[str, ...]:
    return tuple(code for code in languages() if code != primary)
