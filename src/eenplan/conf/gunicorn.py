# SPDX-License-Identifier: EUPL-1.2
"""gunicorn settings for production (docs/deployment.md).

    gunicorn eenplan.conf.wsgi:application --config src/eenplan/conf/gunicorn.py

Every value can be set from the environment; the command line wins over both.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: a request holds one database connection (CONN_MAX_AGE keeps it
# open between requests). Two per core plus one is gunicorn's own advice.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter), so that no
# slow growth of memory outlives a day's work.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# No access log by default: the application logs what it must (structured,
# without personal data); a proxy in front usually keeps its own.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
