import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        (
            "2024-07-31",
            ["Step 2: maternity clinic at birth", "Outside its turn, with a reason"],
            ["Step 3", "Step 2: independent midwife"],
        ),
        (
            "2024-08-01",
            [
                "Step 1: Kind en Gezin, start conversation in pregnancy (in pregnancy)",
                "Step 2: independent midwife",
                "Step 3: Kind en Gezin, first contact after birth",
                "Exception: neonatal intensive care (NICU), long admission",
            ],
            ["maternity clinic at birth"],
        ),
    ],
)
def test_rules_page_shows_the_kindboekje_procedure_in_force_on_the_day(
    client, day, present, absent
):
    response = client.get(f"/en/rules/?on={day}")
    assert response.status_code == 200
    section = response.content.decode().split('id="kindboekje"')[1]
    for text in present:
        assert text in section
    for text in absent:
        assert text not in section.split("booklets.procedure")[0]
    assert "booklets.orders.max_kindboekje" in section


def test_rules_page_translates_the_procedure(client):
    response = client.get("/nl/rules/?on=2025-01-01")
    assert response.status_code == 200
    assert 'id="kindboekje"' in response.content.decode()
