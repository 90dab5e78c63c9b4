"""Directory changes mark the services whose search documents they touch as dirty.

Receivers only collect service ids; `index.mark_dirty` reindexes them once per transaction,
so a bulk load inside one transaction costs one batched reindex, not one per row. Bulk
writes that send no signals (`bulk_create`, `QuerySet.update`) call `index.mark_dirty`
themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from perinatal.directory.models import (
    Address,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)

from . import index
from .models import SearchDocument


@receiver(post_save, sender=Service, dispatch_uid="search_service_saved")
def service_saved(sender, instance: Service, **kwargs) -> None:
    index.mark_dirty([instance.pk])


@receiver(m2m_changed, sender=Service.phases.through, dispatch_uid="search_phases_changed")
@receiver(m2m_changed, sender=Service.needs.through, dispatch_uid="search_needs_changed")
def taxonomy_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not reverse:
        if action.startswith("post_"):
            index.mark_dirty([instance.pk])
    elif action == "pre_clear":  # a term loses all its services: note which, before they go
        links = sender.objects.filter(taxonomyterm_id=instance.pk)
        instance._search_cleared = list(links.values_list("service_id", flat=True))
    elif action == "post_clear":
        index.mark_dirty(getattr(instance, "_search_cleared", []))
    elif action.startswith("post_") and pk_set:
        index.mark_dirty(pk_set)


@receiver(post_save, sender=ServiceLanguage, dispatch_uid="search_language_saved")
@receiver(post_delete, sender=ServiceLanguage, dispatch_uid="search_language_deleted")
@receiver(post_save, sender=ServiceArea, dispatch_uid="search_area_saved")
@receiver(post_delete, sender=ServiceArea, dispatch_uid="search_area_deleted")
@receiver(post_save, sender=ServiceAtLocation, dispatch_uid="search_sal_saved")
@receiver(post_delete, sender=ServiceAtLocation, dispatch_uid="search_sal_deleted")
def service_part_changed(sender, instance, **kwargs) -> None:
    index.mark_dirty([instance.service_id])


@receiver(post_save, sender=Organization, dispatch_uid="search_organization_saved")
def organization_saved(sender, instance: Organization, created: bool, **kwargs) -> None:
    if not created:
        index.mark_dirty(Service.objects.filter(organization=instance).values_list("id", flat=True))


@receiver(post_save, sender=TaxonomyTerm, dispatch_uid="search_term_saved")
def term_saved(sender, instance: TaxonomyTerm, created: bool, **kwargs) -> None:
    if not created:
        ids = set(Service.objects.filter(phases=instance).values_list("id", flat=True))
        ids |= set(Service.objects.filter(needs=instance).values_list("id", flat=True))
        index.mark_dirty(ids)


@receiver(post_save, sender=Address, dispatch_uid="search_address_saved")
@receiver(post_delete, sender=Address, dispatch_uid="search_address_deleted")
def address_changed(sender, instance: Address, **kwargs) -> None:
    located = ServiceAtLocation.objects.filter(location_id=instance.location_id)
    index.mark_dirty(located.values_list("service_id", flat=True))


@receiver(post_save, sender=CostOption, dispatch_uid="search_cost_option_saved")
@receiver(post_delete, sender=CostOption, dispatch_uid="search_cost_option_deleted")
@receiver(post_save, sender=Contact, dispatch_uid="search_contact_saved")
@receiver(post_delete, sender=Contact, dispatch_uid="search_contact_deleted")
@receiver(post_save, sender=Phone, dispatch_uid="search_phone_saved")
@receiver(post_delete, sender=Phone, dispatch_uid="search_phone_deleted")
@receiver(post_save, sender=Schedule, dispatch_uid="search_schedule_saved")
@receiver(post_delete, sender=Schedule, dispatch_uid="search_schedule_deleted")
def shown_part_changed(sender, instance, **kwargs) -> None:
    """Parts the stored HSDS answer shows: of a service, of one of its locations, or (a phone)
    of one of its contacts."""
    ids = [getattr(instance, "service_id", None)]
    location_id = getattr(instance, "location_id", None)
    if location_id:
        located = ServiceAtLocation.objects.filter(location_id=location_id)
        ids += list(located.values_list("service_id", flat=True))
    contact_id = getattr(instance, "contact_id", None)
    if contact_id:
        ids += list(Contact.objects.filter(pk=contact_id).values_list("service_id", flat=True))
    index.mark_dirty(ids)


@receiver(post_save, sender=Location, dispatch_uid="search_location_saved")
def location_saved(sender, instance: Location, created: bool, **kwargs) -> None:
    if not created:
        located = ServiceAtLocation.objects.filter(location_id=instance.pk)
        index.mark_dirty(located.values_list("service_id", flat=True))


def index_if_empty(sender, using: str = "default", **kwargs) -> None:
    """After `migrate`: have a worker build the index of a database whose services were never
    indexed (a full rebuild takes minutes on a large directory: not inside `migrate`)."""
    if Service.objects.using(using).exists() and not SearchDocument.objects.using(using).exists():
        from .tasks import reindex_all

        reindex_all.enqueue()


def connect_post_migrate(app_config) -> None:
    post_migrate.connect(index_if_empty, sender=app_config, dispatch_uid="search_index_if_empty")
