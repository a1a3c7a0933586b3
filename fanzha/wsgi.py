"""WSGI entry point (gunicorn serves it; see `fanzha serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Do before gunicorn forks what every worker's first request would otherwise do (≈ 0.6 s):
    import the URL configuration with every app's views and API, load the text detector and run
    it once (its tables and patterns are built on first use). `fanzha serve` preloads this module,
    so the workers share these pages instead of each building its own copy.

    Everything that exists now lives as long as the process, so it is then taken out of the
    garbage collector's sight (gc.freeze): otherwise each full collection walks it all and stops
    a worker for ≈ 100 ms — the slowest requests under load. Nothing here opens a database
    connection (one must not cross a fork)."""
    from django.urls import get_resolver

    from fanzha.detect.engine import load_detector

    get_resolver().url_patterns  # noqa: B018  (the property imports the URL modules)
    load_detector().detect("您好，请把验证码发给13800138000，或打开 http://example.cn 核对账户。")
    gc.freeze()


_warm_up()
