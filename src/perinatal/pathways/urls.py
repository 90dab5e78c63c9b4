"""The professionals' pages on the family record, under /<lang>/families/."""

from django.urls import path

from .views import care, families, handovers, mdo, referral_outcome, referrals

app_name = "pathways"

urlpatterns = [
    path("", families.find_view, name="find"),
    path("register/", families.register_view, name="register"),
    path("referrals/", referrals.referrals_received_view, name="referrals_received"),
    path("referrals/<uuid:referral_id>/", referrals.referral_answer_view, name="referral_answer"),
    path("discharges/", handovers.discharges_received_view, name="discharges_received"),
    path(
        "discharges/<uuid:discharge_id>/transfer/",
        handovers.discharge_transfer_view,
        name="discharge_transfer",
    ),
    path("screening-proposals/", handovers.proposals_received_view, name="proposals_received"),
    path(
        "screening-proposals/<uuid:proposal_id>/",
        handovers.proposal_answer_view,
        name="proposal_answer",
    ),
    path("<uuid:public_id>/", families.pregnancy_view, name="pregnancy"),
    path("<uuid:public_id>/birth/", families.birth_view, name="birth"),
    path("<uuid:public_id>/contacts/new/", families.contact_new_view, name="contact_new"),
    path("<uuid:public_id>/screenings/new/", care.screening_new_view, name="screening_new"),
    path("<uuid:public_id>/services/new/", care.service_new_view, name="service_new"),
    path("<uuid:public_id>/referrals/new/", referrals.referral_new_view, name="referral_new"),
    path(
        "<uuid:public_id>/referrals/<uuid:referral_id>/",
        referral_outcome.referral_view,
        name="referral",
    ),
    path("<uuid:public_id>/discharges/new/", handovers.discharge_new_view, name="discharge_new"),
    path("<uuid:public_id>/outreach/new/", handovers.outreach_new_view, name="outreach_new"),
    path("<uuid:public_id>/team/", families.team_view, name="team"),
    path("<uuid:public_id>/emergency/", families.emergency_view, name="emergency"),
    path("<uuid:public_id>/export/", families.export_view, name="export"),
    path("<uuid:public_id>/mdo/<uuid:service_id>/", mdo.mdo_view, name="mdo"),
]
