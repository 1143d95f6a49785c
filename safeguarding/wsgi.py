import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.settings.production")

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, every app's models and modules: some 180,000
# objects) lives as long as the worker. Frozen, it is left out of the garbage collector's
# full collections, which would otherwise walk all of it, for 100 ms or more, once in
# every twenty-odd requests: the slowest twentieth of the answers.
gc.freeze()
