"""Loading the Brussels directory: validation, idempotence, change log, nothing half-loaded."""

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from perinatal.audit.models import ChangeEvent
from perinatal.directory.brussels import LoadError, load, read
from perinatal.directory.models import (
    Address,
    CostOption,
    ErrorReport,
    Organization,
    Phone,
    Service,
    TaxonomyTerm,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Organization, Service, Phone, Address, CostOption, ChangeEvent)
    )


def test_loading_stores_entries_terms_and_change_log(small_file):
    result = load(small_file)
    assert (result.organizations_created, result.services_created) == (2, 2)
    service = Service.objects.get(key="pass-ages-birth-house")
    assert service.name_fr == "Accoucher à la maison de naissance"
    assert list(service.phases.values_list("code", flat=True)) == ["birth"]
    assert sorted(service.cost_options.values_list("amount", flat=True)) == [30, 250]
    address = Address.objects.get(location__service_at_locations__service=service)
    assert (address.postal_code, address.city_nl, address.city_fr) == ("1190", "Vorst", "Forest")
    assert TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.PHASE).count() == 5
    assert ChangeEvent.objects.filter(object_type="directory.service", action="create").count() == 2


def test_loading_twice_changes_nothing(small_file):
    load(small_file)
    before = _counts()
    stamps = list(Service.objects.order_by("key").values_list("updated_at", flat=True))
    result = load(small_file)
    assert result.services_created == result.services_updated == 0
    assert result.unchanged == 2
    assert _counts() == before
    assert list(Service.objects.order_by("key").values_list("updated_at", flat=True)) == stamps


def test_update_writes_only_changed_entries_with_old_and_new_value(small_file):
    load(small_file)
    small_file["organizations"][1]["services"][0]["description"]["fr"] = "Nouveau texte."
    result = load(small_file, update=True)
    assert (result.services_updated, result.unchanged) == (1, 1)
    event = ChangeEvent.objects.get(object_type="directory.service", action="update")
    assert event.changes["description_fr"] == [
        "Accompagnement du deuil périnatal.",
        "Nouveau texte.",
    ]


def _break(data, path, value):
    target = data
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


SVC = ("organizations", 0, "services", 0)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ((*SVC, "name", "fr"), "", "pass-ages-birth-house"),
        ((*SVC, "phases"), ["during_pregnancy"], "during_pregnancy"),
        ((*SVC, "needs"), ["wellness"], "wellness"),
        ((*SVC, "cost"), "cheap", "cheap"),
        ((*SVC, "cost_options", 0, "amount"), -5, "pass-ages-birth-house"),
        ((*SVC, "description"), KeyError, "description"),
        ((*SVC, "key"), "levensadem-grief", "levensadem-grief"),
        (("organizations", 0, "email"), "not-an-email", "not-an-email"),
        (("organizations", 0, "kind"), "church", "church"),
        ((*SVC, "locations", 0, "address", "postcode"), "B-1190", "pass-ages-birth-house"),
        ((*SVC, "programme_1000_days"), "yes", "programme_1000_days"),
        ((*SVC, "application_process"), "Call us", "application_process"),
        ((*SVC, "source_doubts"), "a malformed number", "source_doubts"),
        ((*SVC, "source_doubts"), [{"nl": "Nummer?", "fr": ""}], "source_doubts"),
        ((*SVC, "source_doubts"), [{"de": "Nummer?"}], "source_doubts"),
    ],
)
def test_a_file_with_one_bad_entry_is_refused_whole_naming_it(small_file, path, value, expected):
    before = _counts()
    with pytest.raises(LoadError) as caught:
        load(_break(small_file, path, value))
    assert expected in str(caught.value)
    assert _counts() == before


UNREACHABLE = ("organizations", 1, "services", 0)


def test_a_service_a_reader_cannot_reach_needs_how_to_apply(small_file):
    """No phone, website, e-mail or address: the entry must say whom to call or where to look."""
    before = _counts()
    del small_file["organizations"][1]["services"][0]["phones"]
    with pytest.raises(LoadError) as caught:
        load(small_file)
    assert "levensadem-grief" in str(caught.value)
    assert "application_process" in str(caught.value)
    assert _counts() == before
    _break(
        small_file,
        (*UNREACHABLE, "application_process"),
        {"nl": "Vraag het aan je vroedvrouw.", "fr": "Demandez à votre sage-femme.", "en": "Ask."},
    )
    load(small_file)
    service = Service.objects.get(key="levensadem-grief")
    assert service.application_process_fr == "Demandez à votre sage-femme."
    assert service.application_process_en == "Ask."


def test_a_doubt_of_the_source_becomes_one_open_report_for_the_editors(small_file):
    doubt = {"nl": "Nummer onleesbaar.", "fr": "Numéro illisible.", "en": "Number unreadable."}
    small_file["organizations"][1]["services"][0]["source_doubts"] = [doubt]
    assert load(small_file).reports_filed == 1
    assert load(small_file, update=True).reports_filed == 0
    report = ErrorReport.objects.get()
    assert report.service.key == "levensadem-grief"
    assert (report.kind, report.status) == ("error", "open")
    assert report.message == "Nummer onleesbaar.\n\nNuméro illisible.\n\nNumber unreadable."


def test_update_rewrites_only_the_parts_that_differ(small_file):
    load(small_file)
    service = Service.objects.get(key="pass-ages-birth-house")
    address_id = Address.objects.get(location__service_at_locations__service=service).id
    small_file["organizations"][0]["services"][0]["phases"] = ["prenatal", "birth"]
    small_file["organizations"][0]["phones"] = ["+32 2 555 55 96"]
    result = load(small_file, update=True)
    assert (result.services_updated, result.organizations_updated) == (1, 1)
    assert sorted(service.phases.values_list("code", flat=True)) == ["birth", "prenatal"]
    assert Address.objects.get(location__service_at_locations__service=service).id == address_id
    org_event = ChangeEvent.objects.get(object_type="directory.organization", action="update")
    assert org_event.changes == {"phones": [["+32471842993"], ["+3225555596"]]}
    event = ChangeEvent.objects.get(object_type="directory.service", action="update")
    assert event.changes == {"phases": [["birth"], ["birth", "prenatal"]]}


def test_broken_yaml_names_the_line(write_yaml):
    path = write_yaml(None, text="organizations:\n  - key: a\n    name: {nl: x\n")
    with pytest.raises(LoadError) as caught:
        read(path)
    assert f"{path}:" in str(caught.value)


def test_command_refuses_a_bad_file_and_stores_nothing(small_file, write_yaml):
    small_file["organizations"][0]["services"][0]["phases"] = ["nope"]
    with pytest.raises(CommandError, match="(?s)nope"):
        call_command("directory", "load-brussels", "--file", str(write_yaml(small_file)))
    assert Service.objects.count() == 0


def test_command_reports_what_it_did(small_file, write_yaml, capsys):
    call_command("directory", "load-brussels", "--file", str(write_yaml(small_file)))
    call_command("directory", "load-brussels", "--file", str(write_yaml(small_file)))
    out = capsys.readouterr().out
    assert "2 services created" in out
    assert "0 services created" in out and "2 unchanged" in out


def _inventory() -> list[tuple[str, str, str]]:
    from perinatal.directory.brussels import DATA_FILE

    path = DATA_FILE.with_name("brussels_inventory.txt")
    return [
        tuple(line.split("\t", 2))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_the_real_brussels_file_loads_every_entry_of_the_focus():
    load(read())
    inventory = _inventory()
    orgs = {key for kind, key, _name in inventory if kind == "organization"}
    services = {key for kind, key, _name in inventory if kind == "service"}
    assert len(orgs) + len(services) > 60
    assert set(Organization.objects.values_list("key", flat=True)) == orgs
    assert set(Service.objects.values_list("key", flat=True)) == services
    assert not Service.objects.filter(name_nl="").exists()
    assert not Service.objects.filter(name_fr="").exists()
    assert not Service.objects.filter(description_fr="").exists()


@pytest.mark.parametrize(
    ("name", "fact"),
    [
        ("Pass-âges", "info@pass-ages.be"),
        ("Aquarelle", "aquarelle@stpierre-bru.be"),
        ("Levensadem", "+3223759504"),
        ("Le Cocon", "1070"),
    ],
)
def test_facts_from_the_focus_are_kept(name, fact):
    load(read())
    org = Organization.objects.filter(name_nl__icontains=name).first() or Organization.objects.get(
        name_fr__icontains=name
    )
    haystack = " ".join(
        [org.email, *(str(p.number) for p in org.phones.all())]
        + [s.email for s in org.services.all()]
        + [str(p.number) for s in org.services.all() for p in s.phones.all()]
        + [
            a
            for s in org.services.all()
            for a in s.service_at_locations.values_list(
                "location__addresses__postal_code", flat=True
            )
            if a
        ]
    )
    assert fact in haystack
