from datetime import date, timedelta

import pytest
import time_machine

from perinatal.audit.models import AccessEvent
from perinatal.core.refusals import NoAccess, RuleRefused
from perinatal.pathways import selectors
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.services.programme import programme_service_record
from perinatal.pathways.services.screening import screening_record

from .factories import participate, register

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2025, 3, 1), tick=False)
def test_midwife_registers_screens_b_and_records_coordination(midwife):
    participate(midwife)
    pregnancy = register(midwife)
    found, grant = selectors.pregnancy_for_user(
        user=midwife, public_id=pregnancy.public_id, purpose="test"
    )
    screening = screening_record(
        by=midwife,
        pregnancy=found,
        grant=grant,
        date=date(2025, 3, 1),
        positive={"housing", "finances", "anxiety"},
    )
    assert screening.scenario == "B"
    assert screening.positive_inclusion_criteria == 2
    service = programme_service_record(
        by=midwife, pregnancy=found, grant=grant, kind=Kind.COORDINATION, date=date(2025, 3, 1)
    )
    assert service.period_end == date(2026, 2, 28)
    with pytest.raises(RuleRefused) as refused:
        programme_service_record(
            by=midwife,
            pregnancy=found,
            grant=grant,
            kind=Kind.COORDINATION,
            date=date(2025, 3, 2),
        )
    assert refused.value.code == "outside_period"
    assert AccessEvent.objects.filter(subject=str(pregnancy.public_id)).count() == 4


def test_nurse_outside_the_team_is_refused(midwife, kg_nurse):
    pregnancy = register(midwife)
    with pytest.raises(NoAccess):
        selectors.pregnancy_for_user(user=kg_nurse, public_id=pregnancy.public_id, purpose="t")
    assert date.today() + timedelta(days=100) == pregnancy.due_date
