import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
application = get_wsgi_application()

# What start-up created (Django, app registry, URL resolvers) lives as long as the worker: freeze it so that full
# garbage collections during requests skip it. Consolidating a large permit creates ~15,000 objects; without the
# freeze its p95 is more than twice as slow (docs/benchmarks.md, "Permits").
gc.freeze()
