"""The shared cache, for real: what Varnish keeps, what it never keeps, purges, faults.

Each test starts the production stack (deploy/stack.py) over its own copy of the
demo site and asks it over HTTP. `X-Cache` (HIT, MISS or PASS), which the VCL adds,
says whether an answer came from the cache.
"""

import http.client
import os
import socket
import time
import urllib.parse

import pytest

from deploy.tests.helpers import ask, cookie_from

pytestmark = pytest.mark.server

ATTEMPTS = 50  # bounded waits: at most ATTEMPTS x PAUSE seconds
PAUSE = 0.2


def ask_twice(base_url, path, **kwargs):
    ask(base_url, path, **kwargs)
    return ask(base_url, path, **kwargs)


def eventually(check, what):
    for _ in range(ATTEMPTS):
        if check():
            return
        time.sleep(PAUSE)
    pytest.fail(f"{what} did not happen within {ATTEMPTS * PAUSE:.0f} s")


@pytest.fixture(scope="module")
def module_stack(prepared_site):
    """One stack for the tests that only read."""
    with prepared_site.stack(workers=2) as stack:
        yield stack


def public_paths(facts):
    return [
        "/",
        facts["article"],
        "/worried-about-a-child/",
        "/worried-about-a-child/?area=northbridge",
        facts["library"],
        facts["library"] + "?audience=teachers",
        facts["public resource page"],
        "/robots.txt",
    ]


def test_public_pages_are_kept_for_anonymous_visitors_and_only_by_the_cache(module_stack):
    for path in public_paths(module_stack.facts):
        answer = ask_twice(module_stack.url, path)
        assert answer.status == 200, path
        assert answer.cache == "HIT", path
        # The browser keeps no page, and never sees the shared cache's own header.
        if answer.headers["Content-Type"].startswith("text/html"):
            assert "no-store" in answer.headers["Cache-Control"], path
        assert answer.headers["CDN-Cache-Control"] is None, path
        assert answer.headers["Surrogate-Control"] is None, path
        assert answer.headers["Set-Cookie"] is None, path


def test_static_files_are_kept_compressed(module_stack):
    home = ask(module_stack.url, "/").text
    stylesheet = home.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    answer = ask_twice(module_stack.url, stylesheet, headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.cache == "HIT"
    assert answer.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("visitor", ["member", "pending", "other group"])
def test_nothing_is_kept_for_a_signed_in_visitor(module_stack, visitor):
    session = module_stack.facts["sessions"][visitor]
    for path in public_paths(module_stack.facts):
        answer = ask_twice(module_stack.url, path, session=session)
        assert answer.cache == "PASS", (visitor, path)
        assert "private" in answer.headers["Cache-Control"], (visitor, path)


def test_a_signed_in_page_is_never_served_to_anyone_else(module_stack):
    facts = module_stack.facts
    member = facts["sessions"]["member"]
    assert facts["sensitive title"] in ask(module_stack.url, facts["library"], session=member).text
    for _ in range(2):
        assert facts["sensitive title"] not in ask(module_stack.url, facts["library"]).text


def test_restricted_material_is_never_kept(module_stack):
    facts = module_stack.facts
    for path in [facts["restricted page"], facts["sensitive resource page"]]:
        anonymous = ask_twice(module_stack.url, path)
        assert anonymous.status in (302, 404), path
        assert anonymous.cache != "HIT", path
        member = ask_twice(module_stack.url, path, session=facts["sessions"]["member"])
        assert member.status == 200, path
        assert member.cache == "PASS", path
        # What the member saw is not what an anonymous visitor gets next.
        assert ask(module_stack.url, path).status in (302, 404), path


@pytest.mark.parametrize(
    "path", ["public document", "/search/", "/accounts/login/", "/no-such-page/", "/healthz"]
)
def test_documents_search_forms_errors_and_health_are_never_kept(module_stack, path):
    path = module_stack.facts.get(path, path)  # the public document's address is a fact
    answer = ask_twice(module_stack.url, path)
    assert answer.status in (200, 404), path
    assert answer.cache != "HIT", path
    assert answer.headers["CDN-Cache-Control"] is None


def test_search_results_are_never_kept(module_stack):
    body = urllib.parse.urlencode({"q": "trafficking"})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for _ in range(2):
        answer = ask(module_stack.url, "/search/", method="POST", body=body, headers=headers)
        assert answer.status == 200
        assert answer.cache == "PASS"


def test_purge_is_refused_from_the_public_address(module_stack):
    assert ask(module_stack.url, "/", method="PURGE").status == 405
    assert ask_twice(module_stack.url, "/").cache == "HIT"


# Purges ---------------------------------------------------------------------------

EDIT_ARTICLE = """
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug="child-trafficking")
{change}
"""


def test_publish_unpublish_and_privacy_changes_reach_the_cache_at_once(make_stack):
    stack = make_stack()
    article = stack.facts["article"]
    assert ask_twice(stack.url, article).cache == "HIT"
    assert ask_twice(stack.url, "/").cache == "HIT"

    stack.manage(
        "shell",
        "-c",
        EDIT_ARTICLE.format(
            change="page.title = 'Child trafficking: what to look for'\n"
            "page.save_revision().publish()"
        ),
    )
    assert "Child trafficking: what to look for" in ask(stack.url, article).text

    stack.manage(
        "shell",
        "-c",
        EDIT_ARTICLE.format(
            change="from wagtail.models import PageViewRestriction\n"
            "from django.contrib.auth.models import Group\n"
            "r = PageViewRestriction.objects.create(page=page, restriction_type='groups')\n"
            "r.groups.set([Group.objects.get(name='Demo Valley practitioners')])"
        ),
    )
    assert ask(stack.url, article).status == 302

    stack.manage("shell", "-c", EDIT_ARTICLE.format(change="page.unpublish()"))
    assert ask(stack.url, article).status == 404


CHANGE_NUMBER = """
from contacts.models import Contact
contact = Contact.objects.get(pk={pk})
contact.value = "0118 496 0999"
contact.save_revision().publish()
"""

FIRST_FRONT_DOOR = """
from contacts.models import Area
from contacts.models.answers import answer_for
area = Area.objects.get(slug="northbridge")
print(answer_for(area).front_door.pk)
"""


def test_a_contact_change_reaches_every_cached_page_at_once(make_stack):
    stack = make_stack()
    worried = "/worried-about-a-child/?area=northbridge"
    assert ask_twice(stack.url, worried).cache == "HIT"
    assert "0118 496 0999" not in ask(stack.url, worried).text
    pk = stack.manage("shell", "-c", FIRST_FRONT_DOOR).strip().splitlines()[-1]
    stack.manage("shell", "-c", CHANGE_NUMBER.format(pk=pk))
    assert "0118 496 0999" in ask(stack.url, worried).text


# Faults ------------------------------------------------------------------------------


def test_copies_expire_with_their_lifetime_and_outlive_a_stopped_app(make_stack):
    stack = make_stack(SHARED_CACHE_MAX_AGE="2", SHARED_CACHE_STALE_IF_ERROR="3600")
    article = stack.facts["article"]
    fresh = ask_twice(stack.url, article)
    assert fresh.cache == "HIT"
    time.sleep(2.5)
    assert ask(stack.url, article).cache == "MISS", "a healthy app is asked once a copy expires"
    assert ask(stack.url, article).cache == "HIT"

    stack.stop_app(0)
    eventually(lambda: ask(stack.url, "/healthz").status == 503, "the probe noticing")
    time.sleep(2.5)  # The copy has expired: only its grace keeps it.
    stale = ask(stack.url, article)
    assert stale.status == 200
    assert stale.text == fresh.text
    assert ask(stack.url, "/no-such-page/").status == 503, "uncached answers need the app"

    stack.start_app(0)
    eventually(lambda: ask(stack.url, "/healthz").status == 200, "the probe noticing")


def test_a_slow_client_does_not_hold_up_anyone_else(make_stack):
    stack = make_stack(workers=1)
    parts = urllib.parse.urlsplit(stack.url)
    unfinished = [
        # Headers that never end.
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n",
        b"POST /search/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        # A body that never comes in full.
        b"POST /search/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\nq=traf",
        b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n",
    ]
    slow = [http.client.HTTPConnection(parts.hostname, parts.port, timeout=10) for _ in unfinished]
    try:
        for connection, start in zip(slow, unfinished, strict=True):
            connection.connect()
            connection.sock.sendall(start)
        # One gunicorn worker, four unfinished requests: the site still answers,
        # uncached, because none of them has reached gunicorn.
        # Held up, it would wait for the slow bodies until Varnish gives up on them.
        answer = ask(stack.url, "/no-such-page/", timeout=3)
        assert answer.status == 404
    finally:
        for connection in slow:
            connection.close()


# Several app servers ------------------------------------------------------------------

SAVE_DRAFT = EDIT_ARTICLE.format(
    change="page.title = 'Trafficking: the signs'\npage.save_revision(clean=False)"
)


def redis_url():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=2).close()
    except OSError:
        return None
    return url


def test_a_publish_through_one_app_server_is_seen_through_the_cache_at_once(
    make_stack, prepared_site
):
    """Two app servers sharing one PostgreSQL and one Redis behind one Varnish."""
    if not prepared_site.env["DATABASE_URL"].startswith(("postgres", "postgresql")):
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    shared_cache = redis_url()
    if shared_cache is None:
        pytest.skip("needs Redis: set REDIS_URL or run one on 127.0.0.1:6379")
    stack = make_stack(app_servers=2, REDIS_URL=shared_cache)
    article = stack.facts["article"]
    assert ask_twice(stack.url, article).cache == "HIT"
    stack.manage("shell", "-c", SAVE_DRAFT)
    assert "Trafficking: the signs" not in ask(stack.url, article).text

    # The editor publishes the draft through the admin of the first app server only.
    editor = stack.facts["sessions"]["editor"]
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={stack.facts['article id']}"
    form = ask(stack.app_url(0), publish, session=editor)
    assert form.status == 200, form.text[:500]
    csrf_cookie = form.headers["Set-Cookie"].split("csrftoken=", 1)[1].split(";", 1)[0]
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    done = ask(
        stack.app_url(0),
        publish,
        method="POST",
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": token}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={editor}; csrftoken={csrf_cookie}",
        },
    )
    assert done.status == 302, done.text[:500]

    # Through the cache, whichever app server answers the miss.
    for _ in range(4):
        assert "Trafficking: the signs" in ask(stack.url, article).text


# Signing in and the admin, through the cache -------------------------------------------


def test_signing_in_and_the_admin_work_through_the_cache(module_stack):
    facts = module_stack.facts
    form = ask(module_stack.url, "/accounts/login/")
    assert form.cache == "PASS"
    csrf = cookie_from(form, "csrftoken")
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    credentials = facts["password sign-in"]
    signed_in = ask(
        module_stack.url,
        "/accounts/login/",
        method="POST",
        body=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "login": credentials["email"], **credentials}
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Origin": module_stack.url,
        },
    )
    assert signed_in.status == 302, signed_in.text[:1000]
    session = cookie_from(signed_in, "sessionid")
    assert session
    library = ask(module_stack.url, facts["library"], session=session)
    assert facts["sensitive title"] in library.text

    admin = ask(module_stack.url, "/admin/", session=facts["sessions"]["editor"])
    assert admin.status == 200
    assert admin.cache == "PASS"
    assert "Dashboard" in admin.text
