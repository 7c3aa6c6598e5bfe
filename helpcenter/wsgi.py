import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")
# Web processes get lock and statement timeouts on PostgreSQL (see settings); commands do not.
os.environ.setdefault("HELPCENTER_WEB", "1")
application = get_wsgi_application()
