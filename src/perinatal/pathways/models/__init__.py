"""The family record of the first 1000 days: the pregnancy is its anchor."""

from .care_team import CareTeamMember, Consent, EmergencyAccess
from .families import Birth, Child, Contact, Person, Pregnancy
from .handovers import HospitalDischarge, ScreeningProposal
from .mdo import MdoParticipant
from .programme import ProgrammeService
from .referrals import Referral
from .screening import Indicator, IndicatorCatalogue, Screening, ScreeningAnswer

__all__ = [
    "Birth",
    "CareTeamMember",
    "Child",
    "Consent",
    "Contact",
    "EmergencyAccess",
    "HospitalDischarge",
    "Indicator",
    "IndicatorCatalogue",
    "MdoParticipant",
    "Person",
    "Pregnancy",
    "ProgrammeService",
    "Referral",
    "Screening",
    "ScreeningAnswer",
    "ScreeningProposal",
]
