"""gunicorn settings for the Hub (``gunicorn -c safercities/gunicorn_conf.py``).

Every value can be changed through the environment: ``HOST``/``PORT`` (or ``BIND``),
``WEB_CONCURRENCY`` (worker processes), ``WEB_THREADS``, ``WEB_TIMEOUT``,
``FORWARDED_ALLOW_IPS`` (proxies whose ``X-Forwarded-*`` headers are trusted).
The app writes its own access log (one JSON line per request, with the request id), so
gunicorn's access log is off; its error log goes to stderr.
"""

import multiprocessing
import os

wsgi_app = "safercities.wsgi:application"
_host, _port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
bind = os.environ.get("BIND") or f"{_host}:{_port}"
# Two processes a core plus one, at most 8: the Hub's views wait mostly on the database.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow for weeks.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Heartbeat files in memory, not on a slow disk (gunicorn's advice for containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
proc_name = "safercities-web"
