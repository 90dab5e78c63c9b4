"""Kraamzorg pages at /<lang>/kraamzorg/: asking and referring, the requester's answers
(views/requests.py), the service's intake (views/intake.py) and the care delivered
(views/care.py)."""

from importlib.util import find_spec

from .views import intake, requests

app_name = "kraamzorg"

urlpatterns = [*requests.urlpatterns, *intake.urlpatterns]

if find_spec("perinatal.kraamzorg.views.care") is not None:
    from .views import care

    urlpatterns += care.urlpatterns
