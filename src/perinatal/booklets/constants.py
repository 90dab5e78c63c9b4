"""Choices of the Kindboekje registry and booklet orders (see docs/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Who hands the Kindboekje out, and at which moment (seed 000)."""

    KG_START_CONVERSATION = (
        "kg_start_conversation",
        _("Kind en Gezin, start conversation in pregnancy"),
    )
    INDEPENDENT_MIDWIFE = "independent_midwife", _("independent midwife")
    KG_FIRST_CONTACT_AFTER_BIRTH = (
        "kg_first_contact_after_birth",
        _("Kind en Gezin, first contact after birth"),
    )
    MATERNITY_CLINIC = "maternity_clinic", _("maternity clinic at birth")
    NICU = "nicu", _("neonatal intensive care (NICU), long admission")
    PARENT_ORDER = "parent_order", _("ordered by the parents")


class ProviderKind(models.TextChoices):
    """The kind of provider a family is told about ("handed out by an independent midwife"):
    the ask-first screen shows the kind, not the organisation."""

    KIND_EN_GEZIN = "kind_en_gezin", _("Kind en Gezin")
    INDEPENDENT_MIDWIFE = "independent_midwife", _("an independent midwife")
    HOSPITAL = "hospital", _("a hospital")
    PARENTS = "parents", _("the parents (own order)")


CHANNEL_PROVIDER: dict[str, ProviderKind] = {
    Channel.KG_START_CONVERSATION: ProviderKind.KIND_EN_GEZIN,
    Channel.KG_FIRST_CONTACT_AFTER_BIRTH: ProviderKind.KIND_EN_GEZIN,
    Channel.INDEPENDENT_MIDWIFE: ProviderKind.INDEPENDENT_MIDWIFE,
    Channel.MATERNITY_CLINIC: ProviderKind.HOSPITAL,
    Channel.NICU: ProviderKind.HOSPITAL,
    Channel.PARENT_ORDER: ProviderKind.PARENTS,
}


class VoidReason(models.TextChoices):
    LOST = "lost", _("lost")
    DAMAGED = "damaged", _("damaged")
    RECORDED_IN_ERROR = "recorded_in_error", _("recorded in error")


class RefusalCode(models.TextChoices):
    """Stable codes of a refused hand-out or order (the API returns them with a message)."""

    ALREADY_HAS_BOOKLET = "already_has_booklet", _("already has a Kindboekje")
    CHANNEL_NOT_ALLOWED = "channel_not_allowed", _("this channel may not hand it out")
    REASON_REQUIRED = "reason_required", _("a reason is required outside the procedure's turn")
    ORDER_TOO_LARGE = "order_too_large", _("more than 50 Kindboekjes in one order")
    OVER_SIX_MONTHS_NEED = "over_six_months_need", _("more than six months of need")
    MISSING_PRACTICE = "missing_practice", _("practice name or midwife status missing")
    CHILD_ALREADY_HAS_BOOKLET = "child_already_has_booklet", _("the child already has one")
    CHILD_ALREADY_ORDERED = "child_already_ordered", _("already ordered for this child")
    ORDERS_NOT_OPEN = "orders_not_open", _("ordering Kindboekjes is not open on that day")


class OrderKind(models.TextChoices):
    MIDWIFE = "midwife", _("independent midwife")
    PARENT = "parent", _("parent")


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")
    SHIPPED = "shipped", _("shipped")
    DELIVERED = "delivered", _("delivered")


# The order desk's flow: submitted → approved or refused → shipped → delivered. A refusal for
# more than six months of need may still be approved as an exception, with a reason.
ORDER_NEXT: dict[str, tuple[str, ...]] = {
    OrderStatus.SUBMITTED: (OrderStatus.APPROVED, OrderStatus.REFUSED),
    OrderStatus.REFUSED: (OrderStatus.APPROVED,),
    OrderStatus.APPROVED: (OrderStatus.SHIPPED,),
    OrderStatus.SHIPPED: (OrderStatus.DELIVERED,),
    OrderStatus.DELIVERED: (),
}
