"""What the family's linked parents are told, in their inbox and (by their choice) by e-mail
(decisions 0030 and 0038).

- The family's news from the apps below (`pathways.family_news`): a referral made for the
  family or answered, a kraamzorg request accepted, on the waiting list, refused or sent to
  another service, a Kindboekje order handled. `tell_linked_parents` is registered as a
  listener from `ParentsConfig.ready()`; the apps call it inside their transaction.
- The answer to a correction the family asked for (`corrections.correction_handle`).
- Being linked to the family's record, or unlinked (`link_made`, `link_ended`: called by the
  linking services inside their transaction).

Every inbox message names at most a service and a reference; the e-mail holds a fixed
sentence and a link only, in the parent's language (`notifications.emails`). A parent the
lower app already told about the same event (the parent who asked for kraamzorg, who ordered
the Kindboekje) is not told twice. The link goes to the family's page in the parents' space
(`FAMILY_PAGE`).
"""

from typing import Any

from django.utils.translation import gettext_lazy, gettext_noop

from perinatal.notifications.kinds import Kind, register_kind
from perinatal.notifications.services import notify
from perinatal.pathways import family_news

from .models import CorrectionRequest, ParentLink

# The family's page in the parents' space ("My first 1000 days") that the notices link to;
# the answer to a correction links to "My data", where the family asked for it.
FAMILY_PAGE = "parents:family"
MY_DATA_PAGE = "parents:my_data"

REFERRAL_MADE = "parent_referral_made"
REFERRAL_ANSWERED = "parent_referral_answered"
KRAAMZORG_ANSWERED = "parent_kraamzorg_answered"
BOOKLET_ORDER = "parent_booklet_order_handled"
CORRECTION_ANSWERED = "parent_correction_answered"
LINKED = "parent_linked"
UNLINKED = "parent_unlinked"

# For each event of the family's news: the kind, and the inbox message (a msgid).
NEWS = {
    family_news.REFERRAL_MADE: (
        REFERRAL_MADE,
        gettext_noop("Your care team referred your family to %(service)s."),
    ),
    family_news.REFERRAL_ANSWERED: (
        REFERRAL_ANSWERED,
        gettext_noop("%(service)s answered the referral of your family."),
    ),
    family_news.KRAAMZORG_ACCEPTED: (
        KRAAMZORG_ANSWERED,
        gettext_noop("%(service)s accepted and planned your kraamzorg request %(reference)s."),
    ),
    family_news.KRAAMZORG_WAITING: (
        KRAAMZORG_ANSWERED,
        gettext_noop("%(service)s put your kraamzorg request %(reference)s on its waiting list."),
    ),
    family_news.KRAAMZORG_REFUSED: (
        KRAAMZORG_ANSWERED,
        gettext_noop(
            "%(service)s cannot take your kraamzorg request %(reference)s; it can go to "
            "another service."
        ),
    ),
    family_news.KRAAMZORG_FORWARDED: (
        KRAAMZORG_ANSWERED,
        gettext_noop("Your kraamzorg request went to %(service)s, reference %(reference)s."),
    ),
    family_news.BOOKLET_ORDER_HANDLED: (
        BOOKLET_ORDER,
        gettext_noop("The order desk handled the Kindboekje order of your family."),
    ),
}


def _links(pregnancy_id: int) -> list[ParentLink]:
    return list(
        ParentLink.objects.filter(
            pregnancy_id=pregnancy_id, ended_at__isnull=True, user__is_active=True
        ).select_related("user", "pregnancy")
    )


def linked_parents(pregnancy_id: int) -> list[Any]:
    """The family's parents linked now (active accounts)."""
    return [link.user for link in _links(pregnancy_id)]


def tell_linked_parents(news: family_news.FamilyNews) -> None:
    """The listener of `pathways.family_news`: tell the family's linked parents."""
    links = [link for link in _links(news.pregnancy_id) if link.user_id not in news.told]
    if not links:
        return
    kind, message = NEWS[news.event]
    notify(
        recipients=[link.user for link in links],
        kind=kind,
        about=news.about,
        link=(FAMILY_PAGE, [links[0].pregnancy.public_id]),
        params=news.params,
        message=message,
    )


def correction_answered(correction: CorrectionRequest) -> None:
    notify(
        recipients=linked_parents(correction.pregnancy_id),
        kind=CORRECTION_ANSWERED,
        about=correction,
        link=(MY_DATA_PAGE, [correction.pregnancy.public_id]),
    )


def link_made(link: ParentLink) -> None:
    """`link.user` is now linked to the family (called by the linking service)."""
    notify(
        recipients=[link.user],
        kind=LINKED,
        about=link,
        link=(FAMILY_PAGE, [link.pregnancy.public_id]),
    )


def link_ended(link: ParentLink) -> None:
    """`link.user` is no longer linked: the notice links to their account page, since the
    family's pages are closed to them now."""
    notify(recipients=[link.user], kind=UNLINKED, about=link, link=("accounts:home", []))


def register() -> None:
    email_text = gettext_lazy("There is news in your family's record on the platform.")
    for key, label, message, subject in (
        (
            REFERRAL_MADE,
            gettext_lazy("A referral for my family"),
            gettext_noop("Your care team referred your family to a service."),
            gettext_lazy("News about your family's care"),
        ),
        (
            REFERRAL_ANSWERED,
            gettext_lazy("A referral of my family answered"),
            gettext_noop("A service answered the referral of your family."),
            gettext_lazy("News about your family's care"),
        ),
        (
            KRAAMZORG_ANSWERED,
            gettext_lazy("News about my family's kraamzorg request"),
            gettext_noop("There is news about your kraamzorg request."),
            gettext_lazy("News about your kraamzorg request"),
        ),
        (
            BOOKLET_ORDER,
            gettext_lazy("My family's Kindboekje order handled"),
            gettext_noop("The order desk handled the Kindboekje order of your family."),
            gettext_lazy("News about your Kindboekje order"),
        ),
        (
            CORRECTION_ANSWERED,
            gettext_lazy("The answer to a correction I asked"),
            gettext_noop(
                "Your care team answered your request to correct your record: read the "
                "answer on the page My data."
            ),
            gettext_lazy("Your request for a correction has an answer"),
        ),
        (
            LINKED,
            gettext_lazy("Linked to my family's record"),
            gettext_noop("Your account is now linked to your family's record."),
            gettext_lazy("Your account is linked to your family's record"),
        ),
        (
            UNLINKED,
            gettext_lazy("Unlinked from my family's record"),
            gettext_noop("Your account is no longer linked to your family's record."),
            gettext_lazy("Your account is no longer linked to a family's record"),
        ),
    ):
        register_kind(Kind(key, label, message, subject=subject, email_text=email_text))
    family_news.family_listeners.register("parents", tell_linked_parents)
