"""The media path of documents is never served, in `make serve` and `make run` too (P2).

The test client goes through Django's URLs only; a real server could add its own
file serving in front (whitenoise in production, the static files handler of
runserver in development). So the site is started here as those two commands
start it, over a small migrated SQLite database holding one sensitive and one
public document whose files exist under MEDIA_ROOT, and asked over real HTTP:

- production: safeguarding.settings.production under gunicorn, after collectstatic;
- development: safeguarding.settings.dev under runserver (DEBUG on).

Both use the real settings with one change: MEDIA_ROOT and STATIC_ROOT point into
a temporary folder, so the test never writes into the project's own media/ or
static/. The demo site of the browser tests (test settings under runserver) is
checked in test_browser_download_audit.py.
"""

import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from safeguarding.testing.demo_server import (
    BASE_DIR,
    finished,
    free_port,
    manage,
    stop,
    tail,
    wait_until_serving,
)

pytestmark = pytest.mark.server

SETTINGS = {
    "production": "safeguarding.settings.production",
    "development": "safeguarding.settings.dev",
}

# Run with `manage.py shell -c`: one sensitive document in a collection private to a
# group, one public document, and their URLs as JSON on the last line.
MAKE_DOCUMENTS = """
import json
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import Collection
from resources.models import HandlingInstruction, Resource
from resources.testing import TINY_PDF, private_collection

group = Group.objects.create(name="Serve mode practitioners")
root = Collection.get_first_root_node()

def make(title, collection, filename, **fields):
    resource = Resource(title=title, collection=collection, **fields)
    resource.file.save(filename, ContentFile(TINY_PDF), save=False)
    resource._set_document_file_metadata()
    resource.save()
    return {"url": resource.url, "file": resource.file.name}

print(json.dumps({
    "sensitive": make(
        "Serve mode briefing", private_collection("Serve mode sensitive", group),
        "serve-mode-briefing.pdf", sensitive=True, sharing_group=group,
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
    ),
    "public": make(
        "Serve mode leaflet", root.add_child(name="Serve mode leaflets"),
        "serve-mode-leaflet.pdf",
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    ),
}))
"""


def settings_module(folder, mode):
    """A settings module that is the real one with MEDIA_ROOT and STATIC_ROOT moved."""
    name = f"serve_mode_{mode}"
    (folder / f"{name}.py").write_text(
        f"from {SETTINGS[mode]} import *  # noqa: F403\n"
        f"MEDIA_ROOT = {str(folder / 'media')!r}\n"
        f"STATIC_ROOT = {str(folder / 'static')!r}\n"
    )
    return name


def environment(folder, mode):
    inherited = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {
        **inherited,
        "PYTHONPATH": str(folder),
        "DJANGO_SETTINGS_MODULE": settings_module(folder, mode),
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="module")
def site_folder():
    """The database, media and static files both servers share; yields (folder, documents)."""
    folder = Path(tempfile.mkdtemp(prefix="safeguarding-serve-modes-"))
    env = environment(folder, "production")
    try:
        with open(folder / "setup.log", "w") as log:
            problem = (
                finished(manage(["migrate", "--no-input", "-v", "0"], env, log))
                or finished(manage(["collectstatic", "--no-input", "-v", "0"], env, log))
                or finished(manage(["shell", "-c", MAKE_DOCUMENTS], env, log))
            )
        if problem:
            pytest.fail(f"{problem}:\n{tail(folder / 'setup.log')}", pytrace=False)
        documents = json.loads((folder / "setup.log").read_text().strip().splitlines()[-1])
        yield folder, documents
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def start_server(folder, mode, port):
    address = f"127.0.0.1:{port}"
    env = environment(folder, mode)
    with open(folder / f"{mode}.log", "w") as log:
        if mode == "development":  # As `make run` starts it.
            return manage(["runserver", "--noreload", address], env, log)
        # As `make serve` starts it.
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        return subprocess.Popen(
            [gunicorn, "safeguarding.wsgi", "--bind", address, "--workers", "1"],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture(params=list(SETTINGS))
def served(request, site_folder):
    """The site started in one mode; yields (base address, documents)."""
    folder, documents = site_folder
    mode = request.param
    port = free_port()
    process = start_server(folder, mode, port)
    try:
        problem = wait_until_serving(process, f"http://127.0.0.1:{port}")
        if problem:
            pytest.fail(f"{mode}: {problem}:\n{tail(folder / f'{mode}.log')}", pytrace=False)
        yield port, documents
    finally:
        stop(process)


def get(port, path):
    """One anonymous GET over real HTTP, redirects not followed: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_media_path_is_not_served_and_documents_go_through_the_checking_view(served, site_folder):
    port, documents = served
    folder, _ = site_folder
    for kind, document in documents.items():
        assert (folder / "media" / document["file"]).is_file(), "the file must be there"
        status, _, body = get(port, "/media/" + document["file"])
        assert status == 404, f"/media/{document['file']} ({kind}) answered {status}"
        assert not body.startswith(b"%PDF")

    # Not found for someone signed out, as a missing document is.
    status, headers, body = get(port, documents["sensitive"]["url"])
    assert status == 404
    assert "no-store" in headers["Cache-Control"]
    assert not body.startswith(b"%PDF")

    status, headers, body = get(port, documents["public"]["url"])
    assert status == 200
    assert body.startswith(b"%PDF")
    assert "no-store" in headers["Cache-Control"]
