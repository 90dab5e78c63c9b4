"""What the Kindboekje adds to the family record: its events on the timeline, its section of
the family export, its part of the pseudonymisation (retention.py) and its section of the rules
page (rules_section.py)."""

from django.utils.translation import gettext as _

from perinatal.pathways.extensions import RecordExtension, record_extensions
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.timeline_entry import Entry

from .constants import CHANNEL_PROVIDER
from .models import Booklet
from .retention import export_section, pseudonymise
from .rules_section import section as rules_section


def timeline_entries(pregnancy: Pregnancy) -> list[Entry]:
    entries = []
    for booklet in Booklet.objects.filter(pregnancy=pregnancy).select_related("organisation"):
        title = _("Kindboekje handed out (child %(order)s)") % {"order": booklet.child_order}
        if booklet.replaces_id:
            title = _("Kindboekje replaced (child %(order)s)") % {"order": booklet.child_order}
        detail = booklet.get_channel_display()
        if booklet.voided_on:
            detail = _("%(channel)s — void since %(date)s: %(reason)s") % {
                "channel": detail,
                "date": booklet.voided_on.strftime("%d/%m/%Y"),
                "reason": booklet.get_void_reason_display(),
            }
        entries.append(
            Entry(
                booklet.handed_out_on,
                "booklet",
                title,
                detail=detail,
                by=str(booklet.organisation or CHANNEL_PROVIDER[booklet.channel].label),
            )
        )
    return entries


record_extensions.register(
    "booklets",
    RecordExtension(
        timeline=timeline_entries,
        export=export_section,
        pseudonymise=pseudonymise,
        rules=rules_section,
    ),
)
