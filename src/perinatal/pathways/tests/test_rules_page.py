import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2024-08-31", "not in force"), ("2024-09-01", "2024-09-01")],
)
def test_the_rules_page_shows_what_is_in_force_on_a_day(client, on, expected):
    response = client.get("/en/rules/", {"on": on})
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index('id="screening.days_after_birth"') :]
    row = row[: row.index("</tr>")]
    assert ("not in force" in row) == (expected == "not in force")
    assert "zevende dag na de geboorte" in row  # the source is shown


def test_a_bad_date_is_a_clear_error(client):
    response = client.get("/fr/rules/", {"on": "31/31/2024"})
    assert response.status_code == 400
    assert "date" in response.content.decode().lower()
