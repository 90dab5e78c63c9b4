"""The care team's page of a family's parents (`parents:family_links`) is refused as the family
record is (`audit/refusals.py`, decision 0033); the parents' own pages, unlinking among them,
are covered for the whole namespace by `refused_urls.py`."""

from perinatal.audit.refusals import protected_urls
from perinatal.pathways.refused_urls import pregnancy


def register() -> None:
    """Called once from `ParentsConfig.ready()`."""
    protected_urls.register("parents:family_links:public_id", pregnancy)
