"""The production stack, started for real: Varnish in front of gunicorn over the demo site.

`prepared_site` (session) builds one demo database with production settings, plus
the people and pages the cache tests need (SETUP below), and collects static files
into a folder of its own. `make_stack(**env)` then starts a Stack (deploy/stack.py)
over a fresh copy of that database, so that tests that publish or stop servers do
not disturb each other. On PostgreSQL (DATABASE_URL) the copies are throwaway
databases made from a template; elsewhere, copies of a SQLite file.
"""

import json
import os
import secrets
import shutil
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from deploy.stack import WORKER_COMMAND, Stack, production_environment
from safeguarding.testing.demo_server import (
    ThrowawayPostgres,
    finished,
    is_postgres,
    manage,
    run_command,
    tail,
)

# Run with `manage.py shell -c` on the prepared database; prints JSON on its last line:
# a session key for each kind of signed-in visitor, and the addresses the tests ask for.
SETUP = """
import base64
import datetime
import json
import secrets
from accounts import allauth_internals, approval
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from wagtail.models import Page, PageViewRestriction
from accounts.models import User
from articles.models import ArticlePage
from resources.models import Resource, ResourceLibraryPage

members = Group.objects.get(name="Demo Valley practitioners")
others = Group.objects.create(name="Another partnership's practitioners")

def session_for(email, group=None, editor=False):
    user = User.objects.create_user(email=email, username=email, password=None)
    if group is not None:
        approval.approve(user, group, datetime.timedelta(days=30), notify=False)
    session = SessionStore()
    if editor:
        user.is_superuser = True
        user.save()
        secret = base64.b32encode(secrets.token_bytes(20)).decode()
        allauth_internals.enrol_totp(user, secret, recovery_codes=False)
        allauth_internals.record_password_and_mfa(session, user)
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key

password = secrets.token_urlsafe(16)
signing_in = User.objects.create_user(
    email="signing.in@example.org", username="signing.in@example.org", password=password
)
EmailAddress.objects.create(user=signing_in, email=signing_in.email, verified=True, primary=True)
approval.approve(signing_in, members, datetime.timedelta(days=30), notify=False)
two_step = User.objects.create_user(
    email="two.step@example.org", username="two.step@example.org", password=password
)
EmailAddress.objects.create(user=two_step, email=two_step.email, verified=True, primary=True)
two_step_secret = base64.b32encode(secrets.token_bytes(20)).decode()
allauth_internals.enrol_totp(two_step, two_step_secret, recovery_codes=False)

article = ArticlePage.objects.live().get(slug="child-trafficking")
restricted = article.copy(
    update_attrs={"title": "Partners only briefing", "slug": "partners-only-briefing"}
)
restriction = PageViewRestriction.objects.create(
    page=restricted, restriction_type=PageViewRestriction.GROUPS
)
restriction.groups.set([members])
library = ResourceLibraryPage.objects.live().first()
public_resource = Resource.objects.filter(sensitive=False, collection__depth=2).first()
sensitive_resource = Resource.objects.filter(sensitive=True).first()
print(json.dumps({
    "password sign-in": {"email": signing_in.email, "password": password},
    "two-step sign-in": {
        "email": two_step.email, "password": password, "secret": two_step_secret
    },
    "sessions": {
        "member": session_for("member@example.org", members),
        "pending": session_for("pending@example.org"),
        "other group": session_for("other@example.org", others),
        "editor": session_for("editor@example.org", editor=True),
    },
    "article": article.url,
    "article id": article.pk,
    "restricted page": restricted.url,
    "library": library.url,
    "public resource page": library.url + library.resource_path(public_resource.pk),
    "sensitive resource page": library.url + library.resource_path(sensitive_resource.pk),
    "public document": public_resource.url,
    "sensitive title": sensitive_resource.title,
}))
"""


def stacks_of(item):
    """The stacks a test used: a `Stack` fixture, or those `make_stack` started."""
    for value in getattr(item, "funcargs", {}).values():
        if isinstance(value, Stack):
            yield value
        yield from getattr(value, "stacks", [])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the log of each stack a failing test used (Varnish, gunicorn, the app)."""
    report = yield
    if report.failed:
        for stack in stacks_of(item):
            report.sections.append(("stack log (tail)", tail(stack.log.name)))
    return report


class PreparedSite:
    def __init__(self, folder, env, facts, template_database):
        self.folder = folder
        self.env = env
        self.facts = facts
        self.template_database = template_database

    def copy_database(self):
        """A fresh copy of the prepared database: (DATABASE_URL, a function that drops it)."""
        if isinstance(self.template_database, ThrowawayPostgres):
            copy = ThrowawayPostgres(self.template_database.source_url)
            copy.create(template=self.template_database.name)
            return copy.url, copy.drop
        path = self.folder / f"copy-{secrets.token_hex(4)}.sqlite3"
        shutil.copyfile(self.folder / "site.sqlite3", path)
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)

    @contextmanager
    def stack(self, app_servers=1, workers=1, **env):
        """A Stack running over a fresh copy of the database, with its own log; the copy
        is dropped when it stops. `stack.facts` and `stack.manage(*args)` come with it."""
        database_url, drop = self.copy_database()
        log_path = self.folder / f"stack-{secrets.token_hex(4)}.log"
        try:
            with open(log_path, "w") as log:
                stack = Stack(
                    app_servers=app_servers,
                    workers=workers,
                    env={**self.env, "DATABASE_URL": database_url, **env},
                    log=log,
                )
                stack.facts = self.facts
                stack.manage = lambda *args: run_command(args, stack.env)
                try:
                    stack.__enter__()  # Stops what it started if it fails.
                except RuntimeError as error:
                    raise RuntimeError(f"{error}\nStack log:\n{tail(log_path)}") from error
                try:
                    yield stack
                finally:
                    stack.stop()
        finally:
            drop()


@pytest.fixture(scope="session")
def prepared_site():
    folder = Path(tempfile.mkdtemp(prefix="safeguarding-stack-"))
    database_url = os.environ.get("DATABASE_URL", "")
    template = ThrowawayPostgres(database_url) if is_postgres(database_url) else None
    env = production_environment(
        folder, template.url if template else f"sqlite:///{folder / 'site.sqlite3'}"
    )
    log_path = folder / "setup.log"
    try:
        if template:
            template.create()
        with open(log_path, "w") as log:
            problem = (
                finished(manage(["migrate", "--no-input", "-v", "0"], env, log))
                or finished(manage(["collectstatic", "--no-input", "-v", "0"], env, log))
                or finished(manage(["load_demo"], env, log))
                # The tasks load_demo queued (search index, purges) run now, not in the
                # first stack's worker, where a late purge would empty its cache.
                or finished(manage([*WORKER_COMMAND, "--batch"], env, log))
            )
        if problem:
            pytest.fail(f"The site could not be prepared: {problem}\n{tail(log_path)}")
        stdout = run_command(["shell", "-c", SETUP], env)
        facts = json.loads(stdout.strip().splitlines()[-1])
        yield PreparedSite(folder, env, facts, template)
    finally:
        if template:
            template.drop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def make_stack(prepared_site):
    """Start a Stack over a fresh copy of the prepared site: `make_stack(app_servers=1, **env)`."""
    with ExitStack() as started:

        def make(**options):
            stack = started.enter_context(prepared_site.stack(**options))
            make.stacks.append(stack)
            return stack

        make.stacks = []
        yield make
