"""WSGI entry point for gunicorn (`perinatal serve --prod`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perinatal.conf.production")
application = get_wsgi_application()
