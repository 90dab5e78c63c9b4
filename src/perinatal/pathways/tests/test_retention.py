"""Retention: the family export on request and pseudonymisation after FAMILY_RETENTION_YEARS
past the end of the first 1000 days (services/retention.py, `perinatal families …`)."""

import json
from datetime import date, datetime, timedelta

import pytest
import time_machine

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent, ChangeEvent
from perinatal.core.dates import add_months
from perinatal.core.refusals import NoAccess
from perinatal.directory.models import Organization, Service
from perinatal.pathways import access, selectors
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import (
    Birth,
    CareTeamMember,
    Child,
    Contact,
    EmergencyAccess,
    Person,
    Pregnancy,
    ProgrammeService,
    Referral,
    Screening,
)
from perinatal.pathways.services import (
    care_team,
    families,
    programme,
    referrals,
    retention,
    screening,
)
from perinatal.pathways.services.families import PersonInput
from perinatal.pathways.timeline import timeline

from .factories import child, mother, national_number_for, participate, register

pytestmark = pytest.mark.django_db

REGISTERED = date(2025, 3, 3)
DUE = date(2025, 5, 2)
BORN = date(2025, 5, 1)
MOTHER_NN = national_number_for(date(1994, 3, 12), 11)
PARTNER_NN = national_number_for(date(1990, 7, 30), 21)
CHILD_NN = national_number_for(BORN, 31)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


@pytest.fixture
def directory_service():
    organization = Organization.objects.create(name="Aquarelle (test)")
    return Service.objects.create(organization=organization, name="Aquarelle follow-up")


def full_family(midwife, kg_nurse, service, *, registered=REGISTERED, due=DUE, born=BORN, **kw):
    """A family with every part of the record: partner, screenings (a new assessment with its
    reason), a service with a note, a contact, a referral, an emergency access, a birth."""
    participate(midwife)
    with time_machine.travel(_at(registered), tick=False):
        pregnancy = register(
            midwife,
            registered_on=registered,
            due_date=due,
            mother=kw.pop("mother", None) or mother(national_number=MOTHER_NN),
            partner=kw.pop("partner", None)
            or PersonInput("Youssef", "Testpartner", date(1990, 7, 30), PARTNER_NN),
            **kw,
        )
        grant = access.grant_for(midwife, pregnancy)
        screening.screening_record(
            by=midwife, pregnancy=pregnancy, grant=grant, date=registered, positive={"housing"}
        )
        screening.screening_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=grant,
            date=registered,
            positive={"housing", "finances"},
            new_assessment_reason="Lost her housing after the first talk",
        )
        programme.programme_service_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=grant,
            kind=Kind.PPA,
            date=registered,
            note="Talked about the birth plan with Amina",
        )
        families.contact_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=grant,
            date=registered,
            kind="home_visit",
            note="Amina lives with her aunt in Molenbeek",
        )
        referrals.referral_create(
            by=midwife,
            pregnancy=pregnancy,
            grant=grant,
            service=service,
            reason="No insurance, needs a follow-up",
        )
        care_team.emergency_access_open(
            by=kg_nurse, pregnancy=pregnancy, reason="Called by the hospital at night"
        )
    with time_machine.travel(_at(born + timedelta(days=1)), tick=False):
        families.birth_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=grant,
            date=born,
            place="hospital",
            place_name="CHU Saint-Pierre",
            children=[child(given_name="Noor", national_number=CHILD_NN)],
        )
    return pregnancy


def _purge_day(pregnancy: Pregnancy, years: int = 5) -> date:
    """The first day on which the pregnancy is purged."""
    ended = retention.first_1000_days_last_day(pregnancy.due_date)
    assert ended.day <= 28  # no month-end clamping in the arithmetic below
    return add_months(ended, 12 * years) + timedelta(days=1)


# --- Export ------------------------------------------------------------------------------


def test_export_holds_the_whole_record_and_logs_one_export(midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    found, grant = selectors.pregnancy_for_user(
        user=midwife, public_id=pregnancy.public_id, purpose="export"
    )
    before = AccessEvent.objects.filter(action=AccessAction.EXPORT).count()
    data = retention.family_export(by=midwife, pregnancy=found, grant=grant)
    assert AccessEvent.objects.filter(action=AccessAction.EXPORT).count() == before + 1
    assert data["mother"]["family_name"] == "Testmoeder"
    assert data["mother"]["national_number"] == "94.03.12-***.**"
    assert data["partner"]["given_name"] == "Youssef"
    assert data["birth"]["children"][0]["given_name"] == "Noor"
    assert data["birth"]["children"][0]["national_number"].endswith("-***.**")
    assert [s["scenario"] for s in data["screenings"]] == ["A", "B"]
    assert len(data["screenings"][0]["answers"]) == 13
    assert {a["indicator"] for a in data["screenings"][1]["answers"] if a["present"]} == {
        "housing",
        "finances",
    }
    assert data["programme_services"][0]["kind"] == "ppa"
    assert data["contacts"][0]["note"].startswith("Amina lives")
    assert data["referrals"][0]["reason"] == "No insurance, needs a follow-up"
    assert data["care_team"][0]["organisation"] == str(midwife.organisation)
    assert data["consents"][0]["given"] is True
    assert data["emergency_accesses"][0]["by"] == kg_nurse.username
    accesses = data["accesses"]
    assert accesses[0]["action"] == "export"  # the export itself, newest first
    assert {a["user"] for a in accesses} >= {midwife.username, kg_nurse.username}
    text = json.dumps(data)
    for number in (MOTHER_NN, PARTNER_NN, CHILD_NN):
        assert number not in text


def test_export_without_a_grant_is_refused_and_logs_nothing(midwife, analyst):
    pregnancy = register(midwife)
    before = AccessEvent.objects.count()
    with pytest.raises(NoAccess):
        retention.family_export(
            by=analyst, pregnancy=pregnancy, grant=access.grant_for(analyst, pregnancy)
        )
    assert AccessEvent.objects.count() == before


# --- Which records expire ----------------------------------------------------------------


@pytest.mark.parametrize("offset", [-30, -1, 0, 1, 2, 30])
def test_the_expiry_query_agrees_with_the_timeline(midwife, offset):
    """The filter computed in the query and the end of the 1000 days on the timeline agree
    on both sides of the cut-off."""
    today = date(2031, 6, 15)
    cutoff = add_months(today, -60)
    due = cutoff - timedelta(days=734) + timedelta(days=offset)
    pregnancy = register(midwife, registered_on=due - timedelta(days=100), due_date=due)
    expired = set(retention.expired_pregnancies(now=_at(today)).values_list("pk", flat=True))
    ended = retention.first_1000_days_last_day(due)
    assert (pregnancy.pk in expired) == (ended < cutoff)


def test_the_end_of_the_1000_days_follows_the_parameters():
    # conception = due − 266 days; last day = conception + 1000 − 1.
    assert retention.first_1000_days_last_day(date(2025, 5, 2)) == date(2024, 8, 9) + timedelta(
        days=999
    )


# --- Pseudonymisation ---------------------------------------------------------------------


def test_dry_run_reports_and_changes_nothing(midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    changes = ChangeEvent.objects.count()
    results = retention.purge(now=_at(_purge_day(pregnancy)), dry_run=True)
    assert [r.public_id for r in results] == [str(pregnancy.public_id)]
    assert (results[0].persons, results[0].children, results[0].partner_unlinked) == (2, 1, True)
    assert results[0].texts >= 6
    pregnancy.refresh_from_db()
    assert pregnancy.pseudonymised_at is None
    assert pregnancy.mother.family_name == "Testmoeder"
    assert pregnancy.partner is not None
    assert Contact.objects.get(pregnancy=pregnancy).note
    assert ChangeEvent.objects.count() == changes


def test_the_day_before_the_retention_ends_nothing_is_purged(midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    assert retention.purge(now=_at(_purge_day(pregnancy) - timedelta(days=1))) == []
    pregnancy.refresh_from_db()
    assert pregnancy.pseudonymised_at is None


def test_purge_pseudonymises_and_keeps_the_statistics(midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    partner_id = pregnancy.partner_id
    now = _at(_purge_day(pregnancy))
    results = retention.purge(now=now)
    assert [r.public_id for r in results] == [str(pregnancy.public_id)]

    pregnancy.refresh_from_db()
    assert pregnancy.pseudonymised_at == now
    assert (pregnancy.postcode, pregnancy.area_nis, pregnancy.due_date) == ("1080", "04000", DUE)
    assert pregnancy.partner_id is None
    assert not Person.objects.filter(pk=partner_id).exists()
    mother_ = pregnancy.mother
    assert (mother_.given_name, mother_.family_name) == ("", "")
    assert mother_.birth_date == date(1994, 1, 1)
    assert (mother_.national_number_hash, mother_.national_number_encrypted) == (None, "")
    baby = Child.objects.get(birth__pregnancy=pregnancy)
    assert (baby.given_name, baby.family_name, baby.national_number_hash) == ("", "", None)
    assert baby.birth_date == date(2025, 1, 1)
    assert baby.nicu_admission is False and baby.sex == "U"
    birth = Birth.objects.get(pregnancy=pregnancy)
    assert (birth.date, birth.place, birth.place_name) == (BORN, "hospital", "")
    assert Contact.objects.get(pregnancy=pregnancy).note == ""
    assert ProgrammeService.objects.get(pregnancy=pregnancy).note == ""
    referral = Referral.objects.get(pregnancy=pregnancy)
    # the reason is wiped, the status kept (the fixture refers to a service off the platform)
    assert (referral.reason, referral.status) == (retention.PSEUDONYMISED, "to_contact")
    assert EmergencyAccess.objects.get(pregnancy=pregnancy).reason == retention.PSEUDONYMISED
    assert set(
        Screening.objects.filter(pregnancy=pregnancy).values_list("scenario", flat=True)
    ) == {
        "A",
        "B",
    }
    assert Screening.objects.filter(
        pregnancy=pregnancy, new_assessment_reason=retention.PSEUDONYMISED
    ).exists()
    assert set(
        CareTeamMember.objects.filter(pregnancy=pregnancy).values_list("task", flat=True)
    ) == {""}
    # Nobody sees it any more, and the change is in the change log without a name in it.
    assert access.grant_for(midwife, pregnancy) is None
    event = ChangeEvent.objects.get(object_type="pathways.pregnancy", object_id=str(pregnancy.pk))
    assert "Testmoeder" not in event.object_repr + event.reason + json.dumps(event.changes)
    assert AccessEvent.objects.filter(
        subject=str(pregnancy.public_id), basis=AccessBasis.RETENTION, action="update"
    ).exists()


def test_a_second_purge_finds_nothing(midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    now = _at(_purge_day(pregnancy))
    assert len(retention.purge(now=now)) == 1
    assert retention.purge(now=now) == []
    assert retention.purge(now=now, dry_run=True) == []


def test_a_mother_in_a_newer_pathway_keeps_her_identity(midwife, kg_nurse, directory_service):
    old = full_family(midwife, kg_nurse, directory_service)
    now = _purge_day(old)
    newer_due = now + timedelta(days=60)
    with time_machine.travel(_at(now - timedelta(days=30)), tick=False):
        newer = register(
            midwife,
            registered_on=now - timedelta(days=30),
            due_date=newer_due,
            mother=mother(national_number=MOTHER_NN),
        )
    assert newer.mother_id == old.mother_id
    results = retention.purge(now=_at(now))
    assert [(r.public_id, r.persons_kept) for r in results] == [(str(old.public_id), 1)]
    old.refresh_from_db()
    assert old.pseudonymised_at is not None
    assert old.mother.family_name == "Testmoeder"
    assert old.mother.national_number_hash  # she is still found by her number
    assert selectors.pregnancy_find_by_national_number(user=midwife, number=MOTHER_NN)[0] == newer


def test_a_partner_shared_with_a_newer_pathway_keeps_identity(midwife, kg_nurse, directory_service):
    old = full_family(midwife, kg_nurse, directory_service)
    now = _purge_day(old)
    with time_machine.travel(_at(now - timedelta(days=30)), tick=False):
        newer = register(
            midwife,
            registered_on=now - timedelta(days=30),
            due_date=now + timedelta(days=60),
            mother=mother(national_number=national_number_for(date(1996, 1, 5), 7)),
            partner=PersonInput("Youssef", "Testpartner", date(1990, 7, 30), PARTNER_NN),
        )
    partner_id = old.partner_id
    assert newer.partner_id == partner_id
    retention.purge(now=_at(now))
    old.refresh_from_db()
    assert old.partner_id is None
    assert Person.objects.get(pk=partner_id).family_name == "Testpartner"


def test_retention_years_come_from_the_settings(settings, midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    settings.FAMILY_RETENTION_YEARS = 1
    assert len(retention.purge(now=_at(_purge_day(pregnancy, years=1)), dry_run=True)) == 1
    settings.FAMILY_RETENTION_YEARS = 2
    assert retention.purge(now=_at(_purge_day(pregnancy, years=1)), dry_run=True) == []


# --- The command --------------------------------------------------------------------------


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    with translation.override("en"):  # the assertions read the English messages
        call_command("families", *args, stdout=out)
    return out.getvalue()


def test_command_purge_dry_run_and_run(midwife, kg_nurse, directory_service):
    pregnancy = full_family(midwife, kg_nurse, directory_service)
    with time_machine.travel(_at(_purge_day(pregnancy)), tick=False):
        dry = _run("purge", "--dry-run")
        pregnancy.refresh_from_db()
        assert pregnancy.pseudonymised_at is None
        done = _run("purge")
    assert str(pregnancy.public_id) in dry and "Dry run: 1 " in dry
    assert "1 family records pseudonymised" in done
    pregnancy.refresh_from_db()
    assert pregnancy.pseudonymised_at is not None


def test_command_export_by_an_administrator(tmp_path, midwife, admin_user):
    pregnancy = register(midwife, mother=mother(national_number=MOTHER_NN))
    target = tmp_path / "family.json"
    out = _run("export", str(pregnancy.public_id), "--by", admin_user.username, "-o", str(target))
    assert str(target) in out
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["mother"]["family_name"] == "Testmoeder"
    assert MOTHER_NN not in target.read_text(encoding="utf-8")
    row = AccessEvent.objects.get(subject=str(pregnancy.public_id), action=AccessAction.EXPORT)
    assert (row.actor_username, row.basis, row.reason) == (
        admin_user.username,
        AccessBasis.RETENTION,
        "request of the family",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "not-a-uuid", "--by", "admin"], "is not the id"),
        (["export", "00000000-0000-4000-8000-000000000000", "--by", "admin"], "No family"),
        (["export", "{id}", "--by", "midwife"], "not an administrator"),
        (["export", "{id}", "--by", "nobody"], "No active user"),
        (["export", "{id}", "--by", "admin", "--reason", " "], "Say why"),
        (["export", "{id}", "--by", "admin", "--output", "/nonexistent/x.json"], "folder"),
        (["accesses", "{id}", "--by", "analyst"], "not an administrator"),
        (["accesses", "nope", "--by", "admin"], "is not the id"),
    ],
)
def test_command_bad_input_is_refused_and_changes_nothing(
    midwife, admin_user, analyst, args, message
):
    pregnancy = register(midwife)
    before = AccessEvent.objects.count()
    with pytest.raises(CommandError, match=message):
        _run(*[a.format(id=pregnancy.public_id) for a in args])
    assert AccessEvent.objects.count() == before


def test_command_export_refuses_to_overwrite_a_file(tmp_path, midwife, admin_user):
    pregnancy = register(midwife)
    target = tmp_path / "family.json"
    target.write_text("keep me", encoding="utf-8")
    before = AccessEvent.objects.count()
    with pytest.raises(CommandError, match="exists"):
        _run("export", str(pregnancy.public_id), "--by", admin_user.username, "-o", str(target))
    assert target.read_text(encoding="utf-8") == "keep me"
    assert AccessEvent.objects.count() == before


@pytest.mark.parametrize(
    "argv",
    [["families", "shred"], ["families", "export", "not-a-uuid", "--by", "admin"]],
)
def test_command_line_errors_exit_non_zero(monkeypatch, admin_user, argv):
    from perinatal.__main__ import main

    monkeypatch.setattr("sys.argv", ["perinatal", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code not in (0, None)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_command_accesses_lists_who_looked_and_logs_the_audit(midwife, kg_nurse, admin_user, fmt):
    pregnancy = register(midwife)
    care_team.emergency_access_open(
        by=kg_nurse, pregnancy=pregnancy, reason="Called by the hospital at night"
    )
    out = _run("accesses", str(pregnancy.public_id), "--by", admin_user.username, "--format", fmt)
    if fmt == "json":
        rows = json.loads(out)["accesses"]
        users = {r["user"] for r in rows}
    else:
        lines = out.strip().splitlines()
        assert lines[0].startswith("at,user,role,organisation")
        users = {line.split(",")[1] for line in lines[1:]}
    assert {midwife.username, kg_nurse.username, admin_user.username} <= users
    audit = AccessEvent.objects.get(subject=str(pregnancy.public_id), basis=AccessBasis.AUDIT)
    assert audit.actor_username == admin_user.username


def test_command_load_catalogue_is_idempotent():
    assert "0 catalogue versions added" in _run("load-catalogue")


@pytest.mark.parametrize("due", [date(2023, 2, 1), date(2024, 8, 25), date(2025, 5, 2)])
def test_the_timeline_ends_the_1000_days_where_retention_counts_from(midwife, due):
    """Also for a family due before the programme's start (no screening rule in force then)."""
    pregnancy = register(midwife, registered_on=due - timedelta(days=150), due_date=due)
    with translation.override("en"):
        ends = [e.date for e in timeline(pregnancy) if e.title == "End of the first 1000 days"]
    assert ends == [retention.first_1000_days_last_day(due)]
