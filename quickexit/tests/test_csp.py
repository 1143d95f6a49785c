"""The Content Security Policy allows the inline quick-exit script by its hash, and
the settings make that hash without importing the app (README.md, "CSP")."""

import base64
import hashlib
import re
import subprocess
import sys

from django.conf import settings
from django.contrib.staticfiles import finders

SCRIPT = "quickexit/quick-exit.js"

# Prints the project's own apps that importing the base settings imported.
SETTINGS_IMPORTS = """
import sys

import safeguarding.settings.base as base

ours = {app for app in base.INSTALLED_APPS if (base.BASE_DIR / app / "apps.py").exists()}
print(sorted(ours & {name.split(".")[0] for name in sys.modules}))
"""


def script_src(response):
    policy = response["Content-Security-Policy"]
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            return sources
    raise AssertionError(f"No script-src in {policy!r}")


def test_inline_script_is_exactly_the_file_and_the_only_script_the_hash_allows(client, partnership):
    response = client.get("/")
    html = response.content.decode()
    head = html[: html.index("</head>")]
    scripts = re.findall(r"<script>(.*?)</script>", head, re.S)
    assert len(scripts) == 1, scripts
    inlined = scripts[0].encode()
    with open(finders.find(SCRIPT), "rb") as file:
        assert inlined == file.read(), "The inline script is not byte for byte the static file"
    digest = base64.b64encode(hashlib.sha256(inlined).digest()).decode()
    assert script_src(response) == ["'self'", f"'sha256-{digest}'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # It runs before the stylesheets, so the Back guard acts before anything paints.
    assert head.index("<script>") < head.index('rel="stylesheet"')


def test_settings_import_no_app_code():
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_IMPORTS],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]", f"The settings imported {result.stdout.strip()}"
