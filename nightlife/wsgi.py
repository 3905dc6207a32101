"""WSGI entry point: `gunicorn nightlife.wsgi`."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightlife.settings")
application = get_wsgi_application()
