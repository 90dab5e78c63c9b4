"""Kindboekje pages at /<lang>/kindboekje/: ask first and hand out (views/ask.py), booklet
orders of midwives and parents (views/orders.py), the order desk (views/desk.py) and the
monitoring of the procedure (views/monitoring.py)."""

from .views import ask, desk, monitoring, orders

app_name = "booklets"

urlpatterns = [*ask.urlpatterns, *orders.urlpatterns, *desk.urlpatterns, *monitoring.urlpatterns]
