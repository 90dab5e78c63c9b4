"""Who took part in a multidisciplinary consultation (MDO): members of the family's care team,
each an organisation and, where named, its professional (a kraamzorg service's maternity-care
assistant among them: seed 003, "De kraamverzorgende dient een volwaardig lid te worden van
het multidisciplinaire team"). See docs/decisions/0028-care-network.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .care_team import CareTeamMember
from .programme import ProgrammeService


class MdoParticipant(models.Model):
    mdo = models.ForeignKey(
        ProgrammeService,
        verbose_name=_("multidisciplinary consultation"),
        on_delete=models.CASCADE,
        related_name="named_participants",
    )
    # The membership stays after the member leaves the team (`ended_at`), so the record holds.
    member = models.ForeignKey(
        CareTeamMember,
        verbose_name=_("care team member"),
        on_delete=models.PROTECT,
        related_name="mdo_participations",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant in a multidisciplinary consultation")
        verbose_name_plural = _("participants in multidisciplinary consultations")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mdo", "member"], name="mdo_participant_once"),
        ]

    def __str__(self) -> str:
        return str(self.member)
