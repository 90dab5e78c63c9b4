"""Factories for directory entries (organisations, services, terms, locations)."""

import factory

from perinatal.directory.areas import area_level
from perinatal.directory.constants import CostCategory, Need, Phase
from perinatal.directory.models import (
    Address,
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_nl = factory.Sequence(lambda n: f"Organisatie {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")
    description_nl = "Een organisatie in Brussel."
    description_fr = "Une organisation à Bruxelles."


def term(taxonomy: str, code: str) -> TaxonomyTerm:
    """The taxonomy term for a phase or need code (created with its label when missing)."""
    choices = Phase if taxonomy == TaxonomyTerm.PHASE else Need
    label = str(choices(code).label)
    obj, _ = TaxonomyTerm.objects.get_or_create(
        taxonomy=taxonomy,
        code=code,
        defaults={"name_nl": label, "name_fr": label, "name_en": label},
    )
    return obj


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name_nl = factory.Sequence(lambda n: f"Dienst {n}")
    name_fr = factory.Sequence(lambda n: f"Service {n}")
    description_nl = "Begeleiding van zwangere vrouwen."
    description_fr = "Accompagnement des femmes enceintes."
    cost_category = CostCategory.FREE

    @factory.post_generation
    def phases(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.phases.set([term(TaxonomyTerm.PHASE, code) for code in extracted])

    @factory.post_generation
    def needs(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.needs.set([term(TaxonomyTerm.NEED, code) for code in extracted])

    @factory.post_generation
    def spoken(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            for code in extracted:
                ServiceLanguage.objects.create(service=obj, code=code)

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):  # noqa: N805
        """areas=["04000"] or ["21012", "21011"]: NIS codes served."""
        if create and extracted:
            for code in extracted:
                ServiceArea.objects.create(service=obj, nis=code, level=area_level(code))

    @factory.post_generation
    def address(obj, create, extracted, **kwargs):  # noqa: N805
        """address=("Deltastraat 65", "1190", "Vorst", "Forest")"""
        if create and extracted:
            street, postcode, city_nl, city_fr = extracted
            location = Location.objects.create(organization=obj.organization, name=obj.name)
            Address.objects.create(
                location=location,
                address_1=street,
                postal_code=postcode,
                city_nl=city_nl,
                city_fr=city_fr,
            )
            ServiceAtLocation.objects.create(service=obj, location=location)
