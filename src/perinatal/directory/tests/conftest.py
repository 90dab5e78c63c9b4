"""Fixtures for the directory tests: a small valid Brussels-format file and logged-in personas."""

import pytest
import yaml

from perinatal.accounts.tests.factories import logged_in_client

SMALL_FILE = {
    "version": 1,
    "organizations": [
        {
            "key": "pass-ages",
            "name": {"nl": "Pass-âges", "fr": "Pass-âges"},
            "description": {"nl": "Geboortehuis in Vorst.", "fr": "Maison de naissance à Forest."},
            "kind": "nonprofit",
            "website": "https://www.pass-ages.be/nederlands-1/",
            "email": "info@pass-ages.be",
            "phones": ["+32 471 84 29 93"],
            "services": [
                {
                    "key": "pass-ages-birth-house",
                    "name": {
                        "nl": "Bevallen in het geboortehuis",
                        "fr": "Accoucher à la maison de naissance",
                    },
                    "description": {
                        "nl": "Bevallen buiten het ziekenhuis met een vroedvrouw.",
                        "fr": "Accoucher hors de l'hôpital avec une sage-femme.",
                    },
                    "phases": ["birth"],
                    "needs": ["birth_house"],
                    "cost": "reimbursed",
                    "cost_options": [
                        {
                            "amount": 250,
                            "currency": "EUR",
                            "option": {"nl": "verblijf", "fr": "séjour"},
                        },
                        {
                            "amount": 30,
                            "currency": "EUR",
                            "option": {
                                "nl": "per nacht, laag inkomen",
                                "fr": "par nuit, bas revenu",
                            },
                        },
                    ],
                    "languages": ["nl", "fr"],
                    "locations": [
                        {
                            "address": {
                                "street": "Deltastraat 65",
                                "postcode": "1190",
                                "city": {"nl": "Vorst", "fr": "Forest"},
                            }
                        }
                    ],
                    "source_page": 20,
                },
            ],
        },
        {
            "key": "levensadem",
            "name": {"nl": "Levensadem", "fr": "Le Souffle de Vie"},
            "kind": "nonprofit",
            "services": [
                {
                    "key": "levensadem-grief",
                    "name": {"nl": "Steun bij perinatale rouw", "fr": "Soutien au deuil périnatal"},
                    "description": {
                        "nl": "Begeleiding na een miskraam of perinatale rouw.",
                        "fr": "Accompagnement du deuil périnatal.",
                    },
                    "phases": ["specific_situations"],
                    "needs": ["perinatal_grief"],
                    "cost": "free",
                    "phones": ["+32 2 375 95 04"],
                },
            ],
        },
    ],
}


@pytest.fixture
def small_file():
    import copy

    return copy.deepcopy(SMALL_FILE)


@pytest.fixture
def write_yaml(tmp_path):
    def write(data, text: str | None = None):
        path = tmp_path / "directory.yaml"
        path.write_text(
            text if text is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
        return path

    return write


@pytest.fixture
def editor_client(editor):
    """The directory editor persona, logged in with the second factor."""
    return logged_in_client(editor)


@pytest.fixture
def persona_client(persona):
    """A logged-in, second-factor-verified client for a new user of the given role."""

    def make(role: str):
        return logged_in_client(persona(role))

    return make
