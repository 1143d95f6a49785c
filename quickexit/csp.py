"""The hash that lets the Content Security Policy allow the inline quick-exit script.

Kept free of Django imports so that settings can use it. The template tag
inlines the very same bytes, so the hash always matches what is served.
"""

import base64
import hashlib
from pathlib import Path

SCRIPT_PATH = Path(__file__).resolve().parent / "static" / "quickexit" / "quick-exit.js"


def script_source():
    return SCRIPT_PATH.read_text(encoding="utf-8")


def script_hash_source():
    """The CSP source expression, e.g. 'sha256-…', for the inline script."""
    digest = hashlib.sha256(script_source().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
