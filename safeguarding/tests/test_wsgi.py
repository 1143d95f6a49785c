"""The production entry point."""

import gc
import importlib
import sys


def test_what_the_app_server_loads_is_left_out_of_full_garbage_collections():
    gc.unfreeze()
    sys.modules.pop("safeguarding.wsgi", None)
    try:
        importlib.import_module("safeguarding.wsgi")
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
