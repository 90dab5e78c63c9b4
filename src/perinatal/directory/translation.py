"""Directory content stored per language (a column per language, see django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Address, CostOption, Location, Organization, Schedule, Service, TaxonomyTerm


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "alternate_name", "description")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "fees_description",
        "application_process",
    )


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Address)
class AddressTranslation(TranslationOptions):
    fields = ("city",)


@register(CostOption)
class CostOptionTranslation(TranslationOptions):
    fields = ("option", "amount_description")


@register(Schedule)
class ScheduleTranslation(TranslationOptions):
    fields = ("description",)


@register(TaxonomyTerm)
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name", "description")
