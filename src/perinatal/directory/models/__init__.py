"""The directory's data model, aligned with Open Referral HSDS 3.0."""

from .areas import ServiceArea
from .locations import Address, Location, ServiceAtLocation
from .organizations import Organization
from .reports import ErrorReport
from .services import Contact, CostOption, Phone, Schedule, Service, ServiceLanguage
from .taxonomy import TaxonomyTerm

__all__ = [
    "Address",
    "Contact",
    "CostOption",
    "ErrorReport",
    "Location",
    "Organization",
    "Phone",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceLanguage",
    "TaxonomyTerm",
]
