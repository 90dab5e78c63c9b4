"""Every schema of the API has its own name: django-ninja names an OpenAPI component after
the class, so two classes of the same name in different apps would silently share one
(wrong) description in the schema."""

from collections import Counter

from ninja import Schema

from perinatal.api.v1 import api


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_no_two_api_schemas_share_a_name():
    api.get_openapi_schema()  # imports every router's schemas
    ours = [c for c in _subclasses(Schema) if c.__module__.startswith("perinatal.")]
    twice = {name: n for name, n in Counter(c.__name__ for c in ours).items() if n > 1}
    assert not twice, twice
