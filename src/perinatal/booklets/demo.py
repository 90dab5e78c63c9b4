"""Kindboekje demo data for `perinatal demo seed`: the order desk's user (`demo-orderdesk`, a
Kind en Gezin professional with the order desk and monitoring permissions), the demo family's
Kindboekje handed out by the demo Kind en Gezin team, and one order of the demo midwife."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.demo import (
    DEMO_ORGANISATION_NAMES,
    DEMO_USERNAMES,
    DemoLogin,
    demo_professional,
    demo_seeds,
)
from perinatal.accounts.models import Organisation, User
from perinatal.pathways.demo import DEMO_FAMILY_NAME
from perinatal.pathways.models import Pregnancy

from .constants import OrderKind
from .models import Booklet, BookletOrder
from .services import booklet_hand_out

DEMO_ORDER_DESK = "demo-orderdesk"


def booklets_demo_seed() -> list[DemoLogin]:
    kind_en_gezin = Organisation.objects.get(
        name=DEMO_ORGANISATION_NAMES[OrganisationKind.KIND_EN_GEZIN]
    )
    desk = demo_professional(
        username=DEMO_ORDER_DESK, role=Role.KG_PROFESSIONAL, organisation=kind_en_gezin
    )
    desk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="booklets",
            codename__in=["handle_orders", "view_booklet_monitoring"],
        )
    )
    nurse = User.objects.get(username=DEMO_USERNAMES[Role.KG_PROFESSIONAL])
    family = Pregnancy.objects.filter(mother__family_name=DEMO_FAMILY_NAME).first()
    if family is not None and not Booklet.objects.filter(pregnancy=family).exists():
        booklet_hand_out(by=nurse, pregnancy=family, on=timezone.localdate())
    midwife = User.objects.get(username=DEMO_USERNAMES[Role.INDEPENDENT_MIDWIFE])
    if not BookletOrder.objects.filter(ordered_by=midwife).exists():
        practice = midwife.organisation
        if practice is None:  # the accounts' demo seed gives the demo midwife her practice
            raise ValueError("the demo midwife has no practice")
        BookletOrder.objects.create(
            kind=OrderKind.MIDWIFE,
            ordered_by=midwife,
            organisation=practice,
            practice_name=practice.name,
            independent_midwife=True,
            kindboekjes=10,
            zwangerschapsboekjes=5,
            opvolging_boekjes=5,
            declared_births_six_months=12,
            need_six_months=12,
            need_basis="declared",
            stock_at_order=0,
            ship_to_name=practice.name,
            ship_to_street="Demostraat 1",
            ship_to_postcode="1080",
            ship_to_municipality="Molenbeek-Saint-Jean",
            area_nis="04000",
        )
        BookletOrder.objects.filter(ordered_by=midwife).update(
            submitted_at=timezone.now() - timedelta(days=1)
        )
    return [
        DemoLogin(
            username=DEMO_ORDER_DESK,
            role=_("%(role)s at the Kindboekje order desk") % {"role": Role.KG_PROFESSIONAL.label},
            organisation=kind_en_gezin.name,
            two_factor=True,
        )
    ]


demo_seeds.register("booklets", booklets_demo_seed)
