"""Shared fixtures: personas for every role, each in an organisation of the right kind.

(Beside the package, not in it: the installed package carries no test code.)

Personas (users; every professional has a confirmed TOTP device, `user.totp_device`, and a
profession: accounts/tests/factories.py's PERSONA_PROFESSIONS):

    kg_nurse        Role.KG_PROFESSIONAL (a Kind en Gezin nurse, not conventioned)
    midwife         Role.INDEPENDENT_MIDWIFE (a conventioned midwife)
    hospital_user   Role.HOSPITAL (a maternity-ward midwife, not conventioned)
    provider        Role.PROGRAMME_PROVIDER (first-1000-days programme; a conventioned GP)
    kraamzorg_user  Role.KRAAMZORG_SERVICE (the intake's social worker)
    editor          Role.DIRECTORY_EDITOR (also in the "Directory editors" group, so it has
                    the directory app's model permissions)
    analyst         Role.ANALYST
    admin_user      Role.ADMINISTRATOR, is_staff and is_superuser (replaces pytest-django's)
    parent          Role.PARENT (no organisation, no second factor)

    make_user       the UserFactory: make_user(role=Role.HOSPITAL, username="x")
    persona         persona(Role.ANALYST) -> a new user of that role, set up like the above

Logged-in test clients:

    client_for(user)                  a new django.test.Client logged in as `user`, with the
                                      second factor verified when the user needs one (as
                                      django_otp.login() does after a correct code)
    client_for(user, verified=False)  logged in after the password only: professionals are
                                      sent to the second-factor page
    admin_client                      client_for(admin_user) (replaces pytest-django's)

Each call gives its own client, so one test can act as several personas:

    def test_parent_cannot_see_the_editor_queue(client_for, parent, editor):
        assert client_for(parent).get(url).status_code == 403
        assert client_for(editor).get(url).status_code == 200

Browser tests: `page` (a new browser context on the live server, Dutch locale) in the one
`chromium` of the session (Debian's, driven by Playwright).

The real login (password, then a code posted to the two-factor page) is tested in
accounts/tests/test_two_factor.py; `totp_code(device)` gives the current code of a device.
"""

import os
from collections.abc import Callable

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the API's throttles and the pages' rate limits
    count in it, and one test's calls must not count against the next's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /fr/ in one test (the test
    client activates its language in the thread) must not change the next test's URLs."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def make_user(db):
    from perinatal.accounts.tests.factories import UserFactory

    return UserFactory


@pytest.fixture
def persona(db) -> Callable:
    from perinatal.accounts.tests.factories import make_persona

    return make_persona


@pytest.fixture
def kg_nurse(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.KG_PROFESSIONAL, username="kg-nurse")


@pytest.fixture
def midwife(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.INDEPENDENT_MIDWIFE, username="midwife")


@pytest.fixture
def hospital_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.HOSPITAL, username="hospital")


@pytest.fixture
def provider(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.PROGRAMME_PROVIDER, username="provider")


@pytest.fixture
def kraamzorg_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.KRAAMZORG_SERVICE, username="kraamzorg")


@pytest.fixture
def editor(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.DIRECTORY_EDITOR, username="editor")


@pytest.fixture
def analyst(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.ANALYST, username="analyst")


@pytest.fixture
def admin_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.ADMINISTRATOR, username="admin")


@pytest.fixture
def order_desk(persona):
    """A Kind en Gezin professional who works at the booklet order desk (and so may also see
    the monitoring of the Kindboekje procedure)."""
    from django.contrib.auth.models import Permission

    from perinatal.accounts.constants import Role

    user = persona(Role.KG_PROFESSIONAL, username="order-desk")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="booklets",
            codename__in=["handle_orders", "view_booklet_monitoring"],
        )
    )
    fresh = type(user).objects.get(pk=user.pk)  # without the cached permissions
    fresh.totp_device = user.totp_device
    return fresh


@pytest.fixture
def parent(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.PARENT, username="parent")


@pytest.fixture
def client_for(db) -> Callable:
    from perinatal.accounts.tests.factories import logged_in_client

    return logged_in_client


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def totp_code() -> Callable:
    from perinatal.accounts.tests.factories import current_totp_code

    return current_totp_code


# --- The audit tables are insert-only (database triggers); see perinatal.audit.insert_only.
@pytest.fixture
def audit_flushable(transactional_db):
    """Lift the audit tables' insert-only guard for the flush that ends a transactional test.

    Tests that check the guard itself request `audit_guarded`, which puts it back first."""
    yield
    from django.db import connection

    from perinatal.audit.insert_only import set_insert_only

    set_insert_only(connection, False)


@pytest.fixture
def audit_guarded(db):
    from django.db import connection

    from perinatal.audit.insert_only import set_insert_only

    set_insert_only(connection, True)


# --- Browser fixtures: Debian's chromium driven by Playwright (never a downloaded browser).
# One browser for the whole session, shared by every app's browser tests (Playwright's sync
# API cannot run two at once).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(audit_flushable, chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


# --- The whole care network (docs/decisions/0028-care-network.md): the first line (ONE, a GP
# practice, a community health centre) and the actors who only refer.


@pytest.fixture
def one_nurse(persona):
    """A professional of ONE (Role.ONE_PROFESSIONAL)."""
    from perinatal.accounts.constants import Role

    return persona(Role.ONE_PROFESSIONAL, username="one-nurse")


@pytest.fixture
def gp_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.GP_PRACTICE, username="gp")


@pytest.fixture
def health_centre_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.COMMUNITY_HEALTH_CENTRE, username="health-centre")


@pytest.fixture
def ocmw_user(persona):
    """A social worker of an OCMW/CPAS: only refers."""
    from perinatal.accounts.constants import Role

    return persona(Role.OCMW, username="ocmw")


@pytest.fixture
def caw_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.CAW, username="caw")


@pytest.fixture
def cgg_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.CGG, username="cgg")


@pytest.fixture
def psychologist_user(persona):
    from perinatal.accounts.constants import Role

    return persona(Role.PSYCHOLOGIST_PRACTICE, username="psychologist")


# The figures some tests measure (the API contract, the fuzz tests of the file parsers):
# a test records `record_property("figures", "<one line>")`; the lines are printed at the end
# of the run, also from pytest-xdist's workers (their reports carry the properties), so that
# CI's output shows them (docs/security.md quotes them).
FIGURES = "figures"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = sorted(
        str(value)
        for kind in ("passed", "failed")
        for report in terminalreporter.stats.get(kind, [])
        if report.when == "call"
        for name, value in getattr(report, "user_properties", [])
        if name == FIGURES
    )
    if lines:
        terminalreporter.write_sep("=", "figures")
        for line in lines:
            terminalreporter.write_line(line)
