"""WSGI entry point for gunicorn (`perinatal serve --prod`).

Under the production settings (`REFUSE_UNAPPLIED_MIGRATIONS`) the application refuses to load
while migrations are unapplied, so a gunicorn started directly fails at boot with a message
that says to run `perinatal migrate`, instead of serving pages that fail (core/startup.py).
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perinatal.conf.production")
application = get_wsgi_application()

if settings.REFUSE_UNAPPLIED_MIGRATIONS:
    from perinatal.core.startup import refuse_unapplied_migrations

    refuse_unapplied_migrations()
