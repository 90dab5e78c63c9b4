"""Families: the family page, the entitlement check and the access log's cost, at 100,000
pregnancies, on PostgreSQL or SQLite.

    .venv/bin/python bench/families.py --db postgres [--postgres-url postgres://…]
    .venv/bin/python bench/families.py --db sqlite [--pregnancies 100000] [--rebuild]

Uses its own database (the PostgreSQL database `perinatal_bench_families`, or
bench/out/families.sqlite3), migrates it and, unless it already holds the requested number of
pregnancies (then the data is reused; `--rebuild` starts afresh), generates the families with
bulk inserts: mothers and partners (a few thousand with a generated, valid test national number
stored only as its keyed hash and encrypted copy, the others with a reason for having none),
pregnancies over Brussels and Flemish postcodes with due dates in 2024–2026, births (about
60%, with one or two children), care teams and consents, one screening per pregnancy (answers
for most), programme services, contacts, referrals into a small generated directory and the
access-log rows of their registration.

Then, for `--samples` randomly chosen pregnancies each (in this process, production settings):
(a) the family page, `GET /nl/…` through django.test.Client, logged in as a professional of the
    lead organisation with the second factor verified;
(b) the entitlement check, `pregnancy_get()` + `entitlements.check()`, over a mix of kinds;
(c) the access log's cost: `selectors.pregnancy_for_user()` (which writes the log row) against
    the same load without the row (`pregnancy_get()` + `grant_for()`), and the family page
    with and without the log write (`access_record` replaced by a no-op in this process only),
    interleaved.
    A third call is timed beside them: BEGIN, a one-row INSERT into a scratch table and
    COMMIT — what any durable write costs on this machine (the WAL flush), the floor of the
    log row's cost.
Each line gives the wall times and, where measured, this process's CPU per call (p50, p95).
Targets (docs/performance.md, Families; issue 15): p95 of the family page and of the
entitlement check under 100 ms; the access log adds less than 20% to the family page (the
read a professional makes); the audited read costs at most 1.5x the unaudited read (median).
A page that does not answer 200 is counted and fails (a).
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from _support import (
    OUT,
    django_in_process,
    percentile,
    postgres_database,
    verified_client,
)

BENCH_DB = "perinatal_bench_families"
CHUNK = 5000  # pregnancies per transaction while generating

# Bench-only keys: the data holds generated test numbers only, and a rerun must find them again.

# fmt: off
BRUSSELS = [
    ("1000", "Brussel"), ("1020", "Laken"), ("1030", "Schaarbeek"), ("1040", "Etterbeek"),
    ("1050", "Elsene"), ("1060", "Sint-Gillis"), ("1070", "Anderlecht"),
    ("1080", "Sint-Jans-Molenbeek"), ("1081", "Koekelberg"), ("1082", "Sint-Agatha-Berchem"),
    ("1083", "Ganshoren"), ("1090", "Jette"), ("1140", "Evere"), ("1150", "Sint-Pieters-Woluwe"),
    ("1160", "Oudergem"), ("1170", "Watermaal-Bosvoorde"), ("1180", "Ukkel"), ("1190", "Vorst"),
    ("1200", "Sint-Lambrechts-Woluwe"), ("1210", "Sint-Joost-ten-Node"),
]
FLANDERS = [
    ("2000", "Antwerpen"), ("2060", "Antwerpen"), ("2300", "Turnhout"), ("2800", "Mechelen"),
    ("3000", "Leuven"), ("3500", "Hasselt"), ("3600", "Genk"), ("1500", "Halle"),
    ("1800", "Vilvoorde"), ("8000", "Brugge"), ("8400", "Oostende"), ("8500", "Kortrijk"),
    ("9000", "Gent"), ("9100", "Sint-Niklaas"), ("9300", "Aalst"),
]
GIVEN = [
    "Amina", "Sarah", "Fatima", "Marie", "Laura", "Nora", "Emma", "Yasmina", "Elif", "Ana", "Olga",
    "Ines", "Lotte", "Hanne", "Sofia", "Aisha", "Julie", "Maria", "Zeynep", "Ioana",
]
PARTNER_GIVEN = [
    "Youssef", "Tom", "Mohamed", "Pieter", "Ali", "Jan", "Lucas", "Mehmet", "Adam",
]
FAMILY = [
    "Peeters", "Janssens", "Maes", "El Amrani", "Dubois", "Yilmaz", "Lambert", "Diallo", "Mertens",
    "Willems", "Benali", "Kowalski", "Popescu", "Claes", "Goossens", "Haddad", "Martin", "Wouters",
    "Nowak", "Silva",
]
LANGUAGE_SETS = [
    ["nl"], ["fr"], ["fr", "ar"], ["nl", "en"], ["tr", "nl"], ["ro"], ["en"],
]
# fmt: on


def prepare_database(
    db: str, postgres_url: str, *, drop: bool, name: str = "families", bench_db: str = BENCH_DB
) -> str:
    """The bench's database (created when missing, emptied with `drop`); its DATABASE_URL."""
    if db == "sqlite":
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}.sqlite3"
        if drop:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    return postgres_database(postgres_url, bench_db, drop=drop, force=False)


def national_number_for(birth_date: date, serial: int) -> str:
    """A valid (generated, not real) national number: the register's check digits."""
    from stdnum.be import nn

    base = f"{birth_date:%y%m%d}{serial:03d}"
    century = "2" if birth_date.year >= 2000 else ""
    number = f"{base}{97 - int(century + base) % 97:02d}"
    assert nn.is_valid(number), "generated national number fails its check"
    return number


# --- The organisations, the bench users and the small directory the referrals point to.


def organisations() -> dict[str, list]:
    """The care organisations (created once) and one bench professional per organisation."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from perinatal.accounts.constants import ROLE_ORGANISATION_KIND, OrganisationKind
    from perinatal.accounts.models import Organisation, User
    from perinatal.directory.models import Organization, Service

    role_of = {kind: role for role, kind in ROLE_ORGANISATION_KIND.items()}
    plan = [
        (OrganisationKind.KIND_EN_GEZIN, "Kind en Gezin team", 10),
        (OrganisationKind.MIDWIFE_PRACTICE, "Vroedvrouwenpraktijk", 8),
        (OrganisationKind.HOSPITAL, "Ziekenhuis", 6),
        (OrganisationKind.PROGRAMME_PROVIDER, "Programma 1000 dagen", 6),
        (OrganisationKind.KRAAMZORG_SERVICE, "Kraamzorg", 4),
    ]
    directory_org, _ = Organization.objects.get_or_create(
        key="bench-families", defaults={"name": "Bench Kraamzorg Brussel"}
    )
    found: dict[str, list] = {}
    for kind, name, count in plan:
        for n in range(1, count + 1):
            org, _ = Organisation.objects.get_or_create(
                name=f"Bench {name} {n}",
                defaults={
                    "kind": kind,
                    "programme_participant": kind == OrganisationKind.PROGRAMME_PROVIDER,
                    "directory_organization": directory_org
                    if kind == OrganisationKind.KRAAMZORG_SERVICE and n == 1
                    else None,
                },
            )
            user = User.objects.filter(username=f"bench-{org.pk}").first()
            if user is None:
                user = User(
                    username=f"bench-{org.pk}",
                    email=f"bench-{org.pk}@example.org",
                    role=role_of[OrganisationKind(kind)],
                    organisation=org,
                )
                user.set_unusable_password()
                user.save()
                TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
            org.bench_user = user
            found.setdefault(kind, []).append(org)
    if not Service.objects.filter(organization=directory_org).exists():
        Service.objects.bulk_create(
            Service(
                key=f"bench-families-{n}",
                organization=directory_org,
                name=f"Bench dienst {n}",
                name_nl=f"Bench dienst {n}",
                name_fr=f"Service bench {n}",
            )
            for n in range(60)
        )
    found["services"] = list(Service.objects.filter(organization=directory_org))
    return found


# --- Generating the families.


def generate(total: int, orgs: dict[str, list], seed: int = 3000) -> Counter:
    """`total` pregnancies with their events, in transactions of CHUNK pregnancies."""
    from django.db import transaction
    from django.utils import timezone

    from perinatal.accounts.constants import OrganisationKind as OK
    from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent
    from perinatal.core import national_number
    from perinatal.core.municipalities import area_for_postcode
    from perinatal.pathways.constants import (
        REFERRAL_OFF_PLATFORM,
        BirthPlace,
        ContactKind,
        NoNationalNumber,
        PregnancyStatus,
        ReferralStatus,
    )
    from perinatal.pathways.models import (
        Birth,
        CareTeamMember,
        Child,
        Consent,
        Contact,
        IndicatorCatalogue,
        Person,
        Pregnancy,
        ProgrammeService,
        Referral,
        Screening,
        ScreeningAnswer,
    )
    from perinatal.pathways.rules import Scenario, add_months

    rng = random.Random(seed)
    # A referral to an organisation on the platform is sent and answered; one to a service
    # off the platform is contacted by its referrer (the database checks which is which).
    OFF_PLATFORM = [*REFERRAL_OFF_PLATFORM, "accepted", "declined", "completed"]  # noqa: N806
    ON_PLATFORM = [s for s in ReferralStatus.values if s not in REFERRAL_OFF_PLATFORM]  # noqa: N806
    today = timezone.localdate()
    catalogue = IndicatorCatalogue.objects.order_by("valid_from").first()
    indicators = list(catalogue.indicators.order_by("position"))
    criteria = [i for i in indicators if i.is_inclusion_criterion]
    leads = (
        orgs[OK.KIND_EN_GEZIN] * 3
        + orgs[OK.MIDWIFE_PRACTICE] * 2
        + orgs[OK.HOSPITAL] * 2
        + orgs[OK.PROGRAMME_PROVIDER]
    )
    care = [o for k in (OK.KIND_EN_GEZIN, OK.MIDWIFE_PRACTICE, OK.HOSPITAL) for o in orgs[k]]
    care += orgs[OK.PROGRAMME_PROVIDER] + orgs[OK.KRAAMZORG_SERVICE]
    providers = orgs[OK.PROGRAMME_PROVIDER]
    services = orgs["services"]
    answering = orgs[OK.KRAAMZORG_SERVICE][0]
    first_due, last_due = date(2024, 1, 1), date(2026, 12, 31)
    span = (last_due - first_due).days
    past_share = max(min((today - timedelta(days=7) - first_due).days / span, 1.0), 0.01)
    birth_chance = min(0.6 / past_share, 1.0)  # ~60% of all pregnancies have a birth
    numbered = set(rng.sample(range(total), min(3000, total // 30)))
    serials: set[tuple[date, int]] = set()
    reasons = [r for r in NoNationalNumber.values if r]
    rows: Counter = Counter()

    def some_day(start: date, end: date) -> date:
        return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))

    for start in range(0, total, CHUNK):
        size = min(CHUNK, total - start)
        mothers, partners, pregnancies, plans = [], [], [], []
        for i in range(start, start + size):
            due = first_due + timedelta(days=rng.randint(0, span))
            born = due <= today - timedelta(days=7) and rng.random() < birth_chance
            birth_day = min(due + timedelta(days=rng.randint(-21, 10)), today) if born else None
            mother_born = due - timedelta(days=rng.randint(18 * 365, 44 * 365))
            numbers = {"no_national_number": rng.choice(reasons)}
            if i in numbered:
                serial = rng.randrange(2, 998, 2)
                while (mother_born, serial) in serials:
                    serial = rng.randrange(2, 998, 2)
                serials.add((mother_born, serial))
                number = national_number_for(mother_born, serial)
                numbers = {
                    "national_number_hash": national_number.lookup_hash(number),
                    "national_number_encrypted": national_number.encrypt(number),
                }
            family = rng.choice(FAMILY)
            mother = Person(
                given_name=rng.choice(GIVEN),
                family_name=family,
                birth_date=mother_born,
                languages=rng.choice(LANGUAGE_SETS),
                **numbers,
            )
            mothers.append(mother)
            partner = None
            if rng.random() < 0.5:
                partner = Person(
                    given_name=rng.choice(PARTNER_GIVEN),
                    family_name=rng.choice(FAMILY),
                    no_national_number=NoNationalNumber.NOT_YET_KNOWN,
                )
                partners.append(partner)
            postcode, municipality = rng.choice(BRUSSELS if rng.random() < 0.6 else FLANDERS)
            ended = not born and due < today and rng.random() < 0.05
            pregnancy = Pregnancy(
                mother=mother,
                partner=partner,
                postcode=postcode,
                municipality=municipality,
                area_nis=area_for_postcode(postcode).nis,
                languages=mother.languages,
                due_date=due,
                registered_on=due - timedelta(days=rng.randint(60, 250)),
                status=PregnancyStatus.BORN
                if born
                else PregnancyStatus.ENDED
                if ended
                else PregnancyStatus.ONGOING,
                lead_organisation=rng.choice(leads),
                consent_to_share=rng.random() < 0.85,
            )
            pregnancies.append(pregnancy)
            plans.append((pregnancy, birth_day))
        with transaction.atomic():
            Person.objects.bulk_create(mothers + partners, batch_size=2000)
            Pregnancy.objects.bulk_create(pregnancies, batch_size=2000)
            team, consents, births, screenings, answers_of = [], [], [], [], []
            contacts, referrals, events = [], [], []
            for pregnancy, birth_day in plans:
                # Ids rather than objects from here on: much less work per row for the ORM.
                lead, pid = pregnancy.lead_organisation, pregnancy.pk
                team.append(
                    CareTeamMember(
                        pregnancy_id=pid,
                        organisation_id=lead.pk,
                        professional_id=lead.bench_user.pk,
                        added_by_id=lead.bench_user.pk,
                        task="registered the pregnancy",
                    )
                )
                for other in rng.sample(care, rng.randint(0, 2)):
                    if other is not lead:
                        team.append(CareTeamMember(pregnancy_id=pid, organisation_id=other.pk))
                if pregnancy.consent_to_share:
                    consents.append(Consent(pregnancy_id=pid, given=True, note="bench"))
                if birth_day:
                    births.append(
                        Birth(
                            pregnancy_id=pid,
                            date=birth_day,
                            place=rng.choices(
                                [BirthPlace.HOSPITAL, BirthPlace.HOME, BirthPlace.BIRTH_CENTRE],
                                [90, 5, 5],
                            )[0],
                            place_name="",
                        )
                    )
                window_end = (birth_day or pregnancy.due_date) + timedelta(days=7)
                positive = rng.choices([0, 1, 2, 3, 4], [55, 25, 12, 6, 2])[0]
                scenario = (
                    Scenario.B if positive >= 2 else Scenario.A if positive else Scenario.NONE
                )
                screening = Screening(
                    pregnancy_id=pid,
                    catalogue_id=catalogue.pk,
                    date=min(some_day(pregnancy.registered_on, window_end), today),
                    positive_inclusion_criteria=positive,
                    scenario=scenario,
                    organisation_id=rng.choice(providers).pk,
                )
                screenings.append(screening)
                if rng.random() < 0.85:
                    chosen = set(rng.sample(criteria, positive))
                    answers_of.append(
                        (
                            screening,
                            [
                                (
                                    i,
                                    i in chosen
                                    or (not i.is_inclusion_criterion and rng.random() < 0.15),
                                )
                                for i in indicators
                            ],
                        )
                    )
                if rng.random() < 0.5:
                    for _ in range(rng.randint(1, 4)):
                        contacts.append(
                            Contact(
                                pregnancy_id=pid,
                                date=some_day(pregnancy.registered_on, min(window_end, today)),
                                kind=rng.choice(ContactKind.values),
                                organisation_id=lead.pk,
                                recorded_by_id=lead.bench_user.pk,
                            )
                        )
                if rng.random() < 0.15:
                    for service in rng.sample(services, rng.randint(1, 2)):
                        received = rng.random() < 0.5  # else to a service off the platform
                        referrals.append(
                            Referral(
                                pregnancy_id=pid,
                                service_id=service.pk,
                                to_organisation_id=answering.pk if received else None,
                                reason="bench referral",
                                status=rng.choice(ON_PLATFORM if received else OFF_PLATFORM),
                                from_organisation_id=lead.pk,
                                referred_by_id=lead.bench_user.pk,
                            )
                        )
                for action, purpose in (
                    (AccessAction.CREATE, "register a pregnancy"),
                    (AccessAction.READ, "family page"),
                ):
                    user = lead.bench_user
                    events.append(
                        AccessEvent(
                            actor_id=user.pk,
                            actor_username=user.username,
                            actor_role=user.role,
                            actor_organisation=lead.name,
                            subject=str(pregnancy.public_id),
                            record_type="pathways.pregnancy",
                            record_id=str(pregnancy.public_id),
                            action=action,
                            purpose=purpose,
                            basis=AccessBasis.CARE_TEAM,
                        )
                    )
            Birth.objects.bulk_create(births, batch_size=2000)
            Screening.objects.bulk_create(screenings, batch_size=2000)
            surname = {pregnancy.pk: pregnancy.mother.family_name for pregnancy, _ in plans}
            children = []
            for birth in births:
                for order in range(1, 3 if rng.random() < 0.03 else 2):
                    nicu = rng.random() < 0.08
                    children.append(
                        Child(
                            birth_id=birth.pk,
                            birth_order=order,
                            given_name=rng.choice(GIVEN),
                            family_name=surname[birth.pregnancy_id],
                            birth_date=birth.date,
                            sex=rng.choice("FM"),
                            nicu_admission=nicu,
                            nicu_days=rng.randint(1, 30) if nicu else None,
                            no_national_number=NoNationalNumber.NOT_YET_KNOWN,
                        )
                    )
            answers = [
                ScreeningAnswer(screening_id=s.pk, indicator_id=i.pk, positive=p)
                for s, pairs in answers_of
                for i, p in pairs
            ]
            programme = programme_services(rng, plans, screenings, providers, today, add_months)
            for model, batch in (
                (CareTeamMember, team),
                (Consent, consents),
                (Child, children),
                (ScreeningAnswer, answers),
                (ProgrammeService, programme),
                (Contact, contacts),
                (Referral, referrals),
                (AccessEvent, events),
            ):
                model.objects.bulk_create(batch, batch_size=5000)
                rows[model.__name__] += len(batch)
            rows["Person"] += len(mothers) + len(partners)
            rows["Pregnancy"] += len(pregnancies)
            rows["Birth"] += len(births)
            rows["Screening"] += len(screenings)
            numbered_mothers = sum(1 for m in mothers if m.national_number_hash)
            rows["Person (with a national number)"] += numbered_mothers
        print(f"  {start + size:>7} pregnancies", end="\r", flush=True, file=sys.stderr)
    return rows


def programme_services(rng, plans, screenings, providers, today, add_months) -> list:
    """Programme services as the rules allow them: PPA (A/B, before birth), a coordination
    period and MDOs (B), physiotherapy on prescription, home visits and Kind en Gezin
    consultations after the birth."""
    from perinatal.pathways.constants import ProgrammeServiceKind as Kind
    from perinatal.pathways.models import ProgrammeService
    from perinatal.pathways.rules import Scenario

    made = []

    def add(pregnancy, kind, day, org, **extra):
        if day <= today:
            made.append(
                ProgrammeService(
                    pregnancy_id=pregnancy.pk,
                    kind=kind,
                    date=day,
                    organisation_id=org.pk,
                    recorded_by_id=org.bench_user.pk,
                    **extra,
                )
            )

    for (pregnancy, birth_day), screening in zip(plans, screenings, strict=True):
        provider = rng.choice(providers)
        end = birth_day or pregnancy.due_date
        if screening.scenario in (Scenario.A, Scenario.B) and screening.date < end:
            for _ in range(rng.randint(1, 2)):
                day = min(screening.date + timedelta(days=rng.randint(0, 20)), end - timedelta(1))
                add(pregnancy, Kind.PPA, day, provider)  # only before the birth
        if screening.scenario == Scenario.B:
            if rng.random() < 0.7:
                start = screening.date + timedelta(days=rng.randint(0, 14))
                add(
                    pregnancy,
                    Kind.COORDINATION,
                    start,
                    provider,
                    period_end=add_months(start, 12) - timedelta(days=1),
                )
            for _ in range(rng.randint(0, 3)):
                add(
                    pregnancy,
                    Kind.MDO,
                    screening.date + timedelta(days=rng.randint(7, 200)),
                    provider,
                    participants=rng.randint(2, 4),
                )
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 9)):
                day = pregnancy.registered_on + timedelta(days=rng.randint(30, 330))
                add(
                    pregnancy, Kind.PHYSIOTHERAPY, day, pregnancy.lead_organisation, prescribed=True
                )
        if birth_day:
            for _ in range(rng.randint(0, 6)):
                day = birth_day + timedelta(days=rng.randint(1, 42))
                add(pregnancy, Kind.MIDWIFE_HOME_VISIT, day, pregnancy.lead_organisation)
            for n in range(rng.randint(0, 6)):
                day = birth_day + timedelta(days=14 + 60 * n + rng.randint(0, 20))
                add(pregnancy, Kind.KG_CONSULTATION, day, pregnancy.lead_organisation)
    return made


# --- Measuring.


LAST_CPU: list[float] = [0.0]  # the CPU time of the last timed() call, ms


def families_ready(pregnancies: int, rebuild: Callable[[], object]) -> tuple[dict, bool]:
    """Migrate, then hold `pregnancies` generated families (reused when the database already
    holds that many; else `rebuild()` empties it first). The organisations, and whether
    the families were generated now."""
    from django.core.management import call_command
    from django.db import connection

    from perinatal.pathways.models import Pregnancy

    call_command("migrate", verbosity=0)
    held = Pregnancy.objects.count()
    if held not in (0, pregnancies):
        print(f"the database holds {held} pregnancies, not {pregnancies}: rebuilding")
        connection.close()
        rebuild()
        call_command("migrate", verbosity=0)
        held = 0
    OUT.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    orgs = organisations()
    if held:
        print(f"generation: reused the {held} pregnancies already in the database")
        return orgs, False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # this session only: the bulk load's commits
            cursor.execute("SET synchronous_commit = off")
    started = time.perf_counter()
    rows = generate(pregnancies, orgs)
    seconds = time.perf_counter() - started
    print(" " * 40, end="\r", file=sys.stderr)
    stored = sum(n for name, n in rows.items() if "(" not in name)
    print(f"generation: {stored} rows in {seconds:.1f} s")
    print("  " + ", ".join(f"{name} {count}" for name, count in rows.items()))
    connection.close()  # back to the server's synchronous_commit
    return orgs, True


def timed(fn: Callable[[], object]) -> float:
    """The call's wall time in ms; its CPU time in this process is left in LAST_CPU."""
    cpu, started = time.process_time(), time.perf_counter()
    fn()
    LAST_CPU[0] = (time.process_time() - cpu) * 1000
    return (time.perf_counter() - started) * 1000


class Cpu:
    """CPU ms of this process per sample, collected beside a list of wall times."""

    def __init__(self) -> None:
        self.ms: list[float] = []

    def text(self) -> str:
        if len(self.ms) < 2:
            return ""
        return f"   CPU p50 {statistics.median(self.ms):.2f}, p95 {percentile(self.ms, 95):.2f}"


@contextmanager
def access_log_off() -> Iterator[int]:
    """Replace `access_record` by a no-op in every loaded module of the project that imported
    it, and read families by the ORM rather than by the statement that writes its own row
    (`pathways.logged_read`), in this process only; yields how many bindings were replaced."""
    from perinatal.audit import services as audit_services
    from perinatal.pathways import logged_read

    original = audit_services.access_record
    supported = logged_read.supported
    patched = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("perinatal") and getattr(module, "access_record", None) is original
    ]
    for module in patched:
        module.access_record = lambda **kwargs: None
    logged_read.supported = lambda alias: False
    try:
        yield len(patched)
    finally:
        for module in patched:
            module.access_record = original
        logged_read.supported = supported


def as_fresh_request_user(user):
    """Forget the cached organisation, as on the `request.user` of a new request."""
    user._state.fields_cache.pop("organisation", None)
    return user


class Report:
    def __init__(self) -> None:
        self.verdicts: list[bool] = []
        print(
            f"\n{'(ms)':46} {'count':>5} {'median':>8} {'p95':>8} {'max':>8}   target",
        )

    def line(
        self, label: str, ms: list, target: float | None = None, cpu: "Cpu | None" = None
    ) -> None:
        ms = [m for m in ms if m is not None]
        if len(ms) < 2:
            self.verdicts.append(target is None)
            print(f"{label:46} {len(ms):>5} (too few answers to measure)")
            return
        p95 = percentile(ms, 95)
        verdict = ""
        if target is not None:
            ok = p95 < target
            self.verdicts.append(ok)
            verdict = f"p95 < {target:.0f} ms  {'PASS' if ok else 'FAIL'}"
        print(
            f"{label:46} {len(ms):>5} {statistics.median(ms):>8.2f} {p95:>8.2f} "
            f"{max(ms):>8.2f}   {verdict}{cpu.text() if cpu else ''}"
        )

    def ratio(self, label: str, with_log: list, without: list, target: float | None = None) -> None:
        """with / without at the median and the p95; the target (if any) applies to the median."""
        median = statistics.median(with_log) / statistics.median(without)
        p95 = percentile(with_log, 95) / percentile(without, 95)
        verdict = "(no target)"
        if target is not None:
            ok = median <= target
            self.verdicts.append(ok)
            verdict = f"median <= {target}x  {'PASS' if ok else 'FAIL'}"
        print(f"{label:46} {'':>5} {median:>7.2f}x {p95:>7.2f}x {'':>8}   {verdict}")

    def overhead(self, label: str, with_log: list, without: list, *, judged: bool) -> None:
        """The log's share: (with / without - 1) at the median and the p95, and the ms it adds
        at the median. `judged`: the target (median < 20%) applies to this line."""
        with_log = [m for m in with_log if m is not None]
        without = [m for m in without if m is not None]
        median = (statistics.median(with_log) / statistics.median(without) - 1) * 100
        p95 = (percentile(with_log, 95) / percentile(without, 95) - 1) * 100
        added = statistics.median(with_log) - statistics.median(without)
        verdict = "(no target: see docs/performance.md)"
        if judged:
            self.verdicts.append(median < 20)
            verdict = f"median < 20%  {'PASS' if median < 20 else 'FAIL'}"
        print(f"{label:46} {'':>5} {median:>7.1f}% {p95:>7.1f}% {added:>+7.2f}ms  {verdict}")


class StatementTimer:
    """Times every statement on the connection (an execute wrapper, so nothing is rounded)."""

    def __init__(self) -> None:
        self.statements: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append(((time.perf_counter() - started) * 1000, sql))


def timed_statements(call: Callable[[], object]) -> tuple[float, StatementTimer]:
    from django.db import connection

    timer = StatementTimer()
    with connection.execute_wrapper(timer):
        elapsed = timed(call)
    return elapsed, timer


def query_counts(label: str, calls: list[Callable[[], object]]) -> None:
    """Statements per call, and the share of the call's time spent waiting for them."""
    counts, in_db, totals = [], [], []
    for call in calls:
        elapsed, timer = timed_statements(call)
        counts.append(len(timer.statements))
        in_db.append(sum(ms for ms, _ in timer.statements))
        totals.append(elapsed)
    print(
        f"  {label}: {statistics.median(counts):.0f} statements (max {max(counts)}), "
        f"{statistics.median(in_db):.2f} ms of {statistics.median(totals):.2f} ms in the "
        "database (medians)"
    )


def show_queries(label: str, call: Callable[[], object]) -> None:
    """The statements of one call, slowest first (for `--show-queries`)."""
    elapsed, timer = timed_statements(call)
    print(f"\n{label}: {len(timer.statements)} statements in {elapsed:.2f} ms, slowest first")
    for ms, sql in sorted(timer.statements, key=lambda item: -item[0])[:15]:
        print(f"  {ms:7.2f} ms  {sql[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pregnancies", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=300, help="pregnancies per measurement")
    parser.add_argument("--rebuild", action="store_true", help="drop the data and generate anew")
    parser.add_argument("--show-queries", action="store_true", help="print one page's SQL")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--database",
        default=BENCH_DB,
        help="the PostgreSQL database (e.g. perinatal_bench_home: the same families, plus "
        "the home pages' discharges and emergency accesses)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    run_started = time.perf_counter()

    def database(drop: bool) -> str:
        return prepare_database(args.db, args.postgres_url, drop=drop, bench_db=args.database)

    env = django_in_process(database(args.rebuild))
    from django.db import connection, transaction
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone, translation

    from perinatal.accounts.constants import Profession
    from perinatal.audit.models import AccessEvent
    from perinatal.core.identifiers import parse_uuid
    from perinatal.pathways import entitlements, logged_read, selectors
    from perinatal.pathways.access import grant_for
    from perinatal.pathways.models import Pregnancy
    from perinatal.pathways.providers import Provider

    print(f"database: {connection.vendor} ({env['DATABASE_URL']})")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    orgs, _generated = families_ready(args.pregnancies, lambda: database(True))
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"vacuum analyze: {time.perf_counter() - started:.1f} s")

    users = {
        org.pk: org.bench_user
        for group in orgs.values()
        for org in group
        if hasattr(org, "bench_user")
    }
    ids = list(Pregnancy.objects.values_list("id", flat=True))
    chosen = rng.sample(ids, min(args.samples, len(ids)))
    found = {
        pk: (public_id, lead)
        for pk, public_id, lead in Pregnancy.objects.filter(id__in=chosen).values_list(
            "id", "public_id", "lead_organisation_id"
        )
    }
    sample = [found[pk] for pk in chosen]
    today = timezone.localdate()
    report = Report()

    # (a) the family page
    clients = {pk: verified_client(user) for pk, user in users.items()}
    for client in clients.values():  # each client's handler loads the middleware once
        client.get("/healthz")
    page_urls = None
    try:
        with translation.override("nl"):
            page_urls = [
                (reverse("pathways:pregnancy", kwargs={"public_id": pid}), lead)
                for pid, lead in sample
            ]
    except NoReverseMatch as exc:
        print(f"family page: not measured, the URL does not resolve yet ({exc})")

    failures: Counter = Counter()
    examples: dict[str, str] = {}

    def get(url: str, lead: int) -> float | None:
        """The page's time in ms, or None (the failure counted) when it is not a 200; its CPU
        time in LAST_CPU."""
        cpu, started = time.process_time(), time.perf_counter()
        response = clients[lead].get(url)
        elapsed = (time.perf_counter() - started) * 1000
        LAST_CPU[0] = (time.process_time() - cpu) * 1000
        if response.status_code == 200:
            return elapsed
        error = response.exc_info[1] if response.exc_info else None
        key = f"HTTP {response.status_code} {type(error).__name__ if error else ''}".strip()
        failures[key] += 1
        examples.setdefault(key, f"{url}: {error}" if error else url)
        return None

    page_ok = []
    if page_urls:
        for url, lead in page_urls[:10]:  # warm up
            get(url, lead)
        failures.clear()
        page_ms, page_cpu = [], Cpu()
        for url, lead in page_urls:
            if (elapsed := get(url, lead)) is not None:
                page_ms.append(elapsed)
                page_cpu.ms.append(LAST_CPU[0])
                page_ok.append((url, lead))
        report.line("(a) family page GET /nl/… (test client)", page_ms, target=100, cpu=page_cpu)
        if failures:
            report.verdicts.append(False)
            for key, count in failures.items():
                print(
                    f"  FAIL: {count} of {len(page_urls)} pages answered {key}, e.g. {examples[key]}"
                )

    # (b) the entitlement check
    kinds = [
        "screening",
        "ppa",
        "coordination",
        "mdo",
        "physiotherapy",
        "midwife_home_visit",
        "kg_consultation",
    ]

    def entitlement(public_id, kind: str) -> None:
        pregnancy = selectors.pregnancy_get(public_id)
        entitlements.check(
            pregnancy, kind, on=today, provider=provider, participants=3, prescribed=True
        )

    provider = Provider(participates=True, profession=Profession.MIDWIFE, conventioned=True)
    checks = [(pid, kinds[n % len(kinds)]) for n, (pid, _) in enumerate(sample)]
    check_ms = [timed(lambda p=pid, k=kind: entitlement(p, k)) for pid, kind in checks]
    report.line("(b) entitlement check (load + check)", check_ms, target=100)

    # (c) the access log: the selector with its log row against the same load without it
    def read_logged(public_id, lead: int) -> None:
        selectors.pregnancy_for_user(
            user=as_fresh_request_user(users[lead]), public_id=public_id, purpose="bench"
        )

    def read_bare(public_id, lead: int) -> None:
        grant_for(as_fresh_request_user(users[lead]), selectors.pregnancy_get(public_id))

    def read_compiled(public_id, lead: int) -> None:
        """PostgreSQL: the audited read's own statement without its INSERT (bench only)."""
        user = as_fresh_request_user(users[lead])
        logged_read._read(uid=parse_uuid(public_id), user=user, now=timezone.now(), row=None)

    def commit_floor() -> None:
        """What any durable write costs here: BEGIN, a one-row INSERT, COMMIT (its WAL flush)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_commit_floor DEFAULT VALUES")

    with connection.cursor() as cursor:  # a scratch table of the bench's database only
        serial = "bigserial" if connection.vendor == "postgresql" else "integer"
        cursor.execute(f"CREATE TABLE IF NOT EXISTS bench_commit_floor (id {serial} PRIMARY KEY)")

    logged_ms, bare_ms, floor_ms, compiled_ms = [], [], [], []
    logged_cpu, bare_cpu, floor_cpu, compiled_cpu = Cpu(), Cpu(), Cpu(), Cpu()
    compiled = logged_read.supported(connection.alias)
    for pid, lead in sample * 2:
        trio = [
            (logged_ms, logged_cpu, lambda p=pid, o=lead: read_logged(p, o)),
            (bare_ms, bare_cpu, lambda p=pid, o=lead: read_bare(p, o)),
            (floor_ms, floor_cpu, commit_floor),
        ]
        if compiled:
            trio.append((compiled_ms, compiled_cpu, lambda p=pid, o=lead: read_compiled(p, o)))
        rng.shuffle(trio)
        for into, cpu, fn in trio:
            into.append(timed(fn))
            cpu.ms.append(LAST_CPU[0])
    report.line("(c) pregnancy_for_user() (with log row)", logged_ms, cpu=logged_cpu)
    report.line("    pregnancy_get() + grant_for() (no row)", bare_ms, cpu=bare_cpu)
    report.line("    a durable commit of one row (the floor)", floor_ms, cpu=floor_cpu)
    if compiled:
        report.line("    its statement without the INSERT", compiled_ms, cpu=compiled_cpu)
    report.ratio("    audited read / unaudited read", logged_ms, bare_ms, target=1.5)
    report.overhead("    access log's share of the bare read", logged_ms, bare_ms, judged=False)
    if compiled:
        report.ratio("    the same statement with / without its INSERT", logged_ms, compiled_ms)

    if page_ok:
        page_on, page_off = [], []
        logged_before = AccessEvent.objects.count()
        for url, lead in page_ok * 2:  # two rounds: the difference is small against the noise
            for into in rng.sample([page_on, page_off], 2):
                if into is page_on:
                    into.append(get(url, lead))
                else:
                    with access_log_off():
                        into.append(get(url, lead))
        written = AccessEvent.objects.count() - logged_before
        report.line("(c) family page, access log written", page_on)
        report.line("    family page, access log off", page_off)
        report.overhead("    access log's share of the page", page_on, page_off, judged=True)
        print(f"  access-log rows written: {written} for {len(page_on)} logged pages, ", end="")
        with access_log_off() as bindings:
            before = AccessEvent.objects.count()
            get(*page_ok[0])
            print(f"{AccessEvent.objects.count() - before} with the log off ({bindings} bindings)")

    print("\nstatements (measured apart, on the first 20 of the sample):")
    if page_ok:
        query_counts("family page", [lambda u=u, o=o: get(u, o) for u, o in page_ok[:20]])
    query_counts("entitlement check", [lambda p=p, k=k: entitlement(p, k) for p, k in checks[:21]])
    query_counts("logged read", [lambda p=p, o=o: read_logged(p, o) for p, o in sample[:20]])
    if args.show_queries and page_ok:
        show_queries("family page", lambda: get(*page_ok[0]))

    total = time.perf_counter() - run_started
    verdict = "all targets met" if all(report.verdicts) else "TARGETS NOT MET"
    print(f"\n{verdict}; whole run {total:.0f} s; load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
