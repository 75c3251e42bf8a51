# SPDX-License-Identifier: EUPL-1.2
"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.conf.settings.production")
application = get_wsgi_application()
