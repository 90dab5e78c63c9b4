"""The index follows the directory: documents per language, kept in step, built in batches."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from perinatal.core.municipalities import find_place
from perinatal.directory.models import Address, TaxonomyTerm
from perinatal.directory.search import index
from perinatal.directory.search.models import SearchDocument, SearchTerm
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.tests.factories import ServiceFactory


def places(name: str) -> tuple[str, ...]:
    return tuple(m.nis for m in find_place(name))


def found(question: str, **filters) -> set:
    return set(search(SearchQuery(text=question, **filters)).ids)


def test_each_service_has_one_document_per_language(corpus):
    index.flush_pending()  # what a commit (or the next search) does
    assert SearchDocument.objects.count() == 3 * len(corpus)
    assert index.reindex_services() == 3 * len(corpus)
    assert SearchDocument.objects.count() == 3 * len(corpus)


def test_documents_hold_the_visible_text_with_the_fallback(db):
    service = ServiceFactory(
        name_nl="Vroedvrouw", name_fr="", name_en="", description_fr="Sage-femme"
    )
    index.flush_pending()
    documents = {d.lang: d for d in SearchDocument.objects.filter(service=service)}
    assert documents["fr"].title == "Vroedvrouw"  # no French name: the Dutch one
    assert documents["en"].title == "Vroedvrouw"
    assert "Sage-femme" in documents["fr"].body


def test_a_renamed_service_is_found_by_its_new_name_only(db):
    service = ServiceFactory(name_nl="Ooievaar")
    service.name_nl = "Pelikaan"
    service.save()
    assert service.id in found("pelikaan")
    assert service.id not in found("ooievaar")


def test_phases_needs_languages_and_addresses_follow_their_changes(db):
    service = ServiceFactory(address=("Straat 1", "1190", "Vorst", "Forest"))
    service.phases.add(TaxonomyTerm.objects.create(taxonomy=TaxonomyTerm.PHASE, code="birth"))
    assert service.id in found("", phases=("birth",))
    service.phases.clear()
    assert service.id not in found("", phases=("birth",))
    assert service.id in found("", places=places("Vorst"))
    # 1050 is Elsene and part of Brussel: the address's city decides, else both.
    Address.objects.filter(postal_code="1190").update(postal_code="1050")  # no signal
    index.reindex_services([service.id])
    assert service.id not in found("", places=places("Vorst"))
    assert service.id in found("", places=places("Elsene"))
    assert service.id in found("", places=places("Brussel"))
    address = Address.objects.get()
    address.city_nl, address.city_fr = "Elsene", "Ixelles"
    address.save()
    assert service.id in found("", places=places("Elsene"))
    assert service.id not in found("", places=places("Brussel"))


def test_renamed_organisations_and_terms_are_searched_by_their_new_names(db):
    service = ServiceFactory(needs=["violence"])
    service.organization.name_nl = "Huis van de Mens"
    service.organization.save()
    term = TaxonomyTerm.objects.get(code="violence")
    term.name_nl = "Partnergeweld"
    term.save()
    assert service.id in found("mens")
    assert service.id in found("partnergeweld")


def test_deleted_and_removed_services_are_no_longer_found(db):
    kept, deleted, removed = (ServiceFactory(name_nl=f"Kangoeroe {n}") for n in range(3))
    deleted.delete()
    index.remove_services([removed.id])
    assert found("kangoeroe") == {kept.id}
    assert SearchDocument.objects.filter(service=kept).count() == 3
    assert not SearchDocument.objects.filter(service_id__in=[deleted.id, removed.id]).exists()


def test_a_full_reindex_rebuilds_the_vocabulary(db):
    service = ServiceFactory(name_nl="Ooievaarsnest", description_nl="")
    SearchTerm.objects.create(lang="nl", word="verouderd")
    index.reindex_services()
    words = set(SearchTerm.objects.filter(lang="nl").values_list("word", flat=True))
    assert "ooievaarsnest" in words
    assert "verouderd" not in words
    assert service.id in found("ooievaarnest")  # a typo, corrected


def _queries_to_reindex(ids) -> int:
    index.flush_pending()
    with CaptureQueriesContext(connection) as context:
        index.reindex_services(ids)
    return len(context.captured_queries)


@pytest.mark.parametrize("extra", [1, 30])
def test_reindexing_costs_about_the_same_queries_for_few_or_many_services(db, extra):
    # every service has every kind of part, so only their number differs
    few = [
        ServiceFactory(
            needs=["violence"], spoken=["nl"], address=("Straat 2", "1000", "Brussel", "Bruxelles")
        ).id
        for _ in range(2)
    ]
    many = few + [
        ServiceFactory(phases=["birth"], address=("Straat 1", "1000", "Brussel", "Bruxelles")).id
        for _ in range(extra)
    ]
    # a fixed number per batch of services; SQLite splits big inserts by its parameter limit
    assert _queries_to_reindex(many) <= _queries_to_reindex(few) + 2
