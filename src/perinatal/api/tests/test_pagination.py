"""One envelope, one pagination: `api/pagination.py`'s `Page[T]` and `PageNumbers`, with the
query parameters, limits and defaults each paginated operation had before they shared it."""

import json

import pytest

from perinatal.api.pagination import Page, page_envelope, rows
from perinatal.api.v1 import api
from perinatal.directory.tests.hsds_factories import rich_directory

ENVELOPE = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
]

# (path, default per_page, most per_page): what the clients were promised.
PAGINATED = [
    ("/api/v1/services", 20, 100),
    ("/api/v1/organizations", 20, 100),
    ("/api/v1/taxonomy_terms", 20, 100),
    ("/api/v1/booklets/distributions", 20, 100),
    ("/api/v1/kraamzorg/requests", 20, 100),
    ("/api/v1/monitoring/submissions", 100, 500),
]


@pytest.mark.parametrize(
    ("total", "page", "per_page", "shown", "expected"),
    [
        (0, 1, 20, 0, (1, True, True, True)),
        (45, 1, 20, 20, (3, True, False, False)),
        (45, 3, 20, 5, (3, False, True, False)),
        (40, 2, 20, 20, (2, False, True, False)),
        (45, 9, 20, 0, (3, False, True, True)),  # past the last page: empty, and the last
    ],
)
def test_the_envelope_says_where_the_page_lies(total, page, per_page, shown, expected):
    body = page_envelope(total=total, page=page, per_page=per_page, contents=[0] * shown)
    assert list(body) == ENVELOPE
    assert (body["total_items"], body["page_number"], body["size"]) == (total, page, shown)
    assert (body["total_pages"], body["first_page"], body["last_page"], body["empty"]) == expected


def test_rows_counts_the_whole_and_shows_only_the_page():
    seen = []

    def show(n):
        seen.append(n)
        return n * 10

    total, contents = rows(list(range(7)), show)(3, 2)
    assert (total, contents, seen) == (7, [30, 40], [3, 4])


# Optional members a page adds after the envelope (docs/api.md): the search's corrected question.
EXTRA_MEMBERS = {"ServicePage": ["did_you_mean", "total_estimated"]}


def _schema() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema()))  # as served: string keys


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def test_every_paginated_operation_answers_a_page_and_no_other_does():
    schema = _schema()
    components = schema["components"]["schemas"]
    found = set()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            ok = operation["responses"].get("200", {}).get("content", {})
            ref = ok.get("application/json", {}).get("schema", {}).get("$ref")
            if ref and "total_items" in components[_ref_name(ref)].get("properties", {}):
                extra = EXTRA_MEMBERS.get(_ref_name(ref), [])
                assert list(components[_ref_name(ref)]["properties"]) == ENVELOPE + extra
                found.add(path)
    assert found == {path for path, *_ in PAGINATED}


def test_every_page_schema_is_a_page_of_its_items():
    from perinatal.booklets.api.schemas import DistributionPage
    from perinatal.directory.api.schemas import OrganizationPage, ServicePage, TaxonomyTermPage
    from perinatal.kraamzorg.api.schemas import KraamzorgRequestPage
    from perinatal.monitoring.api.schemas import SubmissionPage

    pages = [
        DistributionPage,
        OrganizationPage,
        ServicePage,
        TaxonomyTermPage,
        KraamzorgRequestPage,
        SubmissionPage,
    ]
    assert all(issubclass(page, Page) for page in pages)
    assert all(
        list(page.model_fields) == ENVELOPE + EXTRA_MEMBERS.get(page.__name__, []) for page in pages
    )


@pytest.mark.parametrize(("path", "default", "most"), PAGINATED)
def test_the_page_parameters_keep_their_default_and_limits(path, default, most):
    operation = _schema()["paths"][path]["get"]
    params = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert (params["page"]["default"], params["page"]["minimum"]) == (1, 1)
    assert params["page"]["maximum"] == 100_000
    per_page = params["per_page"]
    assert (per_page["default"], per_page["minimum"], per_page["maximum"]) == (default, 1, most)


@pytest.mark.django_db
def test_a_paginated_operation_pages_counts_and_refuses_too_large_pages(client):
    rich_directory()
    first = client.get("/api/v1/organizations", {"per_page": 1}).json()
    second = client.get("/api/v1/organizations", {"per_page": 1, "page": 2}).json()
    beyond = client.get("/api/v1/organizations", {"per_page": 1, "page": 3}).json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (2, 2, 1)
    assert (first["first_page"], first["last_page"]) == (True, False)
    assert (second["page_number"], second["last_page"]) == (2, True)
    assert first["contents"][0]["id"] != second["contents"][0]["id"]
    assert (beyond["size"], beyond["empty"], beyond["contents"]) == (0, True, [])

    refused = client.get("/api/v1/organizations", {"per_page": 101})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "per_page"
