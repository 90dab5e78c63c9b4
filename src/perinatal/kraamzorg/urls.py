"""Kraamzorg pages at /<lang>/kraamzorg/: asking and referring, the requester's answers
(views/requests.py), the service's intake (views/intake.py) and the care delivered
(views/care.py)."""

from .views import care, intake, referral, requests

app_name = "kraamzorg"

urlpatterns = [
    *requests.urlpatterns,
    *referral.urlpatterns,
    *intake.urlpatterns,
    *care.urlpatterns,
]
