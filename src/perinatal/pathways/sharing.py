"""Whether the family shares its record with an organisation of its care team (decision 0037).

- The organisation that registered the family (`lead_organisation`) keeps the record: it
  always sees it (basis `care_team`); the family cannot withdraw it here.
- Any other organisation sees it only while it is a member of the team (membership not
  ended) and the family shares with it:
  - the family's own choice for that organisation (`CareTeamMember.sharing`, True or False)
    when it made one,
  - else the family-wide consent to share within the team (`Pregnancy.consent_to_share`).
- A choice for an organisation outlives its membership: when it joins the team again, the
  last choice recorded for it (`Consent` rows with that organisation) holds
  (`last_choice`, applied by every service that adds a member).
- An emergency access ("break the glass") is not membership and is not affected.

Every scoping of the families a professional sees uses `shared_team_q` or
`member_shares_subquery`;
the single-record rule is `pathways.access.grant_for`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import BooleanField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from perinatal.accounts.roles import is_parent

from .models import CareTeamMember, Consent, Pregnancy


def member_shares_subquery(organisation_id: int, path: str = "") -> Subquery:
    """A scalar subquery for each row of a query on pregnancies (or on rows reaching one by
    `path`, e.g. "pregnancy__"): True when `organisation_id` is an active member of that
    family's team and the family shares with it, False when it is a member the family does
    not share with, NULL when it is no member. Per row, on `care_team_member_once` (the work
    lists' form: an `IN` or `EXISTS` of the team makes PostgreSQL read the organisation's
    whole care team, decision 0032)."""
    member = (
        CareTeamMember.objects.filter(
            pregnancy_id=OuterRef(f"{path}id" if path else "pk"),
            organisation_id=organisation_id,
            ended_at__isnull=True,
        )
        .order_by()
        .annotate(
            shares=Coalesce(
                "sharing", OuterRef(f"{path}consent_to_share"), output_field=BooleanField()
            )
        )
        .values("shares")[:1]
    )
    return Subquery(member, output_field=BooleanField())


def shared_team_q(organisation_id: int | None) -> Q:
    """Q on Pregnancy: `organisation_id` is an active member of the team and the family
    shares with it. Each branch names the member whole, so the OR holds whether or not the
    joins are shared."""
    member = {"team__organisation_id": organisation_id, "team__ended_at__isnull": True}
    return Q(**member, team__sharing=True) | Q(
        **member, team__sharing__isnull=True, consent_to_share=True
    )


def member_shares(member: CareTeamMember, pregnancy: Pregnancy) -> bool:
    """Whether the family shares its record with this (active) member."""
    if member.sharing is not None:
        return member.sharing
    return pregnancy.consent_to_share


def last_choice(pregnancy: Pregnancy, organisation_id: int | None) -> bool | None:
    """The family's last choice for this organisation (None: it made none)."""
    if organisation_id is None:
        return None
    choice = (
        Consent.objects.filter(pregnancy=pregnancy, organisation_id=organisation_id)
        .order_by("-recorded_at", "-id")
        .values_list("given", flat=True)
        .first()
    )
    return choice


def shares_with(pregnancy: Pregnancy, organisation_id: int) -> bool:
    """Whether the family shares with this organisation, member now or not (a member to be:
    its last choice, else the family-wide consent)."""
    if organisation_id == pregnancy.lead_organisation_id:
        return True
    member = pregnancy.team.filter(organisation_id=organisation_id, ended_at__isnull=True).first()
    choice = member.sharing if member is not None else last_choice(pregnancy, organisation_id)
    return pregnancy.consent_to_share if choice is None else choice


# --- How each organisation of the team sees the record, for the pages ----------------------

KEEPS = "keeps"  # the lead organisation: keeps the record
CONSENT = "consent"  # a member the family shares with
NOT_SHARED = "not_shared"  # a member the family does not share with


@dataclass(frozen=True)
class OrganisationSharing:
    """One organisation of the team as the family shares with it."""

    member: CareTeamMember | None  # None for a lead organisation not listed as a member
    organisation: Any
    status: str  # KEEPS, CONSENT or NOT_SHARED
    own_choice: bool | None  # the family's choice for this organisation, if any
    chosen_at: datetime | None  # when that choice was recorded
    chosen_by_family: bool  # recorded by a parent (not by the team for the family)

    @property
    def is_lead(self) -> bool:
        return self.status == KEEPS

    @property
    def withdrawn(self) -> bool:
        return self.own_choice is False


def team_sharing(
    pregnancy: Pregnancy,
    members: list[CareTeamMember] | None = None,
    consents: list[Consent] | None = None,
) -> list[OrganisationSharing]:
    """The active organisations of the team, the lead first, with how the family shares.
    A page that has loaded the active `members` (with their organisations) or the family's
    `consents` (with `recorded_by`, oldest first) passes them, to spare the queries."""
    if members is None:
        members = list(
            pregnancy.team.filter(ended_at__isnull=True)
            .select_related("organisation", "professional")
            .order_by("added_at", "id")
        )
    if consents is None:
        consents = family_consents(pregnancy)
    choices: dict[int, Consent] = {}
    for consent in consents:
        if consent.organisation_id is not None:
            choices[consent.organisation_id] = consent  # the last one wins
    rows: list[OrganisationSharing] = []
    lead_listed = False
    for member in members:
        is_lead = member.organisation_id == pregnancy.lead_organisation_id
        lead_listed = lead_listed or is_lead
        chosen = choices.get(member.organisation_id)
        shared = is_lead or member_shares(member, pregnancy)
        status = KEEPS if is_lead else (CONSENT if shared else NOT_SHARED)
        rows.append(
            OrganisationSharing(
                member=member,
                organisation=member.organisation,
                status=status,
                own_choice=None if is_lead else member.sharing,
                chosen_at=chosen.recorded_at if chosen and member.sharing is not None else None,
                chosen_by_family=bool(
                    chosen and chosen.recorded_by and is_parent(chosen.recorded_by)
                ),
            )
        )
    if not lead_listed:
        rows.append(
            OrganisationSharing(None, pregnancy.lead_organisation, KEEPS, None, None, False)
        )
    rows.sort(key=lambda row: not row.is_lead)
    return rows


def family_consents(pregnancy: Pregnancy) -> list[Consent]:
    """Every consent of the family, for the whole team or one organisation, oldest first."""
    return list(
        Consent.objects.filter(pregnancy=pregnancy)
        .select_related("recorded_by", "organisation")
        .order_by("recorded_at", "id")
    )


def with_sharing(
    pregnancy: Pregnancy, members: list[CareTeamMember], consents: list[Consent] | None = None
) -> list[CareTeamMember]:
    """`members` (the active ones), each with `sharing_view` (its OrganisationSharing), for
    the professionals' pages."""
    rows = {
        row.member.pk: row
        for row in team_sharing(pregnancy, members, consents)
        if row.member is not None
    }
    for member in members:
        member.sharing_view = rows.get(member.pk)  # type: ignore[attr-defined]
    return members
