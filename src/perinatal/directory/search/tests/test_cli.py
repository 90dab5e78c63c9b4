"""`perinatal directory search`: JSON for scripts, a table for people, clear errors."""

import json

import pytest

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("directory", "search", *args, stdout=out)
    return out.getvalue()


def test_json_lists_count_and_results_in_the_chosen_language(corpus):
    grief = corpus["grief"]
    data = json.loads(run("deuil", "--lang", "fr", "--json"))
    assert set(data) == {"count", "results"}
    assert data["count"] == 1
    with translation.override("fr"):
        url = reverse("directory:service", kwargs={"service_id": grief.id})
    assert data["results"] == [
        {
            "id": str(grief.id),
            "name": "Le Souffle de Vie",
            "organization": grief.organization.name_fr,
            "phases": ["specific_situations"],
            "url": url,
        }
    ]
    assert url.startswith("/fr/")


def test_filters_combine_with_text(corpus):
    data = json.loads(run("--phase", "prenatal", "postnatal", "--need", "breastfeeding", "--json"))
    assert [r["id"] for r in data["results"]] == [str(corpus["lactation"].id)]


def test_without_json_a_readable_table(corpus):
    output = run("rouw")
    assert "1" in output.splitlines()[0]
    assert "Levensadem" in output


@pytest.mark.parametrize(
    ("args", "bad"), [(["--phase", "pregnant"], "pregnant"), (["--need", "money"], "money")]
)
def test_unknown_codes_are_refused_with_the_allowed_ones(db, args, bad):
    with pytest.raises(CommandError) as error:
        run("rouw", *args)
    assert bad in str(error.value)
    assert ("prenatal" if "--phase" in args else "breastfeeding") in str(error.value)


@pytest.mark.parametrize("question", ["'; DROP TABLE x", '"', "🤰", "a" * 10_000])
def test_nasty_questions_print_json(corpus, question):
    assert "count" in json.loads(run(question, "--json"))
