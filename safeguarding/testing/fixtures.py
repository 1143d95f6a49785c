"""Fixtures that build small page trees for HTTP tests, without the whole demo.

`demo_data` is the exception: the whole demo site, for the tests of what it shows.
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, Site

from articles.models import ArticlePage, TopicIndexPage
from contacts.models import Contact
from core import site_configuration
from core.models import PartnershipSettings
from demo.facts import DATA
from demo.loader import load
from home.models import HomePage, StandardPage
from safeguarding.testing.streams import paragraph

PASSWORD = "correct-horse-battery-staple"


def publish_child(parent, page):
    """Add `page` under `parent` and publish it, with a revision, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def live_child(parent, page):
    """Add `page` under `parent`, live but without a revision: a sixth of the cost of
    publishing, for the pages the layout only links to."""
    parent.add_child(instance=page)
    return page


def default_site():
    return Site.objects.get(is_default_site=True)


def build_home(site):
    """A home page as the site's root, in place of Wagtail's placeholder page."""
    home = live_child(
        Page.get_first_root_node(),
        HomePage(
            title="Test Valley Safeguarding Children Partnership",
            slug="test-valley",
            intro="We keep children in Test Valley safe.",
        ),
    )
    placeholder = site.root_page
    site.root_page = home
    site.save()
    placeholder.delete()
    return home


def build_layout_pages(site, home_page):
    """The pages every page's layout links to, in the partnership settings."""
    worried = live_child(
        home_page,
        StandardPage(
            title="Worried about a child?",
            slug="worried",
            body=[paragraph("<p>Call 999 in an emergency.</p>")],
            content_owner="Test team",
        ),
    )
    accessibility = live_child(
        home_page,
        StandardPage(
            title="Accessibility statement",
            slug="accessibility",
            body=[],
            content_owner="Test team",
        ),
    )
    privacy = live_child(
        home_page,
        StandardPage(title="Privacy notice", slug="privacy", body=[], content_owner="Test team"),
    )
    settings = PartnershipSettings.for_site(site)
    settings.partnership_name = "Test Valley Safeguarding Children Partnership"
    settings.worried_page = worried
    settings.accessibility_page = accessibility
    settings.privacy_page = privacy
    settings.save()
    return settings


# Modules whose every database test asks for `partnership` build it once, in a transaction
# rolled back after the module (each test still rolls back its own changes). Every test there
# sees the same pages whatever the order, and gets its own copies of the objects.
_shared_layout_key = pytest.StashKey[bool]()


def _uses_database(item):
    return item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        item.fixturenames
    )


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )


def pytest_collection_modifyitems(items):
    by_module = {}
    for item in items:
        by_module.setdefault(getattr(item, "module", None), []).append(item)
    for module, module_items in by_module.items():
        database_items = [item for item in module_items if _uses_database(item)]
        if module is None or not database_items:
            continue
        if all(
            "partnership" in item.fixturenames and not _is_transactional(item)
            for item in database_items
        ):
            for item in database_items:
                item.stash[_shared_layout_key] = True
                # Set up before `db`, so that each test's transaction nests inside it
                # (parametrized tests share one list of names).
                if "shared_layout" not in item.fixturenames:
                    item.fixturenames.insert(0, "shared_layout")


@pytest.fixture(scope="module")
def shared_layout(django_db_setup, django_db_blocker):
    # The database stays blocked between the two steps, for tests that did not ask for it.
    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
        site = default_site()
        settings = build_layout_pages(site, build_home(site))
    yield settings.pk
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


def _shares_layout(request):
    return request.node.stash.get(_shared_layout_key, False)


@pytest.fixture(autouse=True)
def site_configuration_read_afresh():
    """Nothing an earlier test's process kept about the site configuration (which its
    rolled-back database no longer holds) is used by the next one."""
    site_configuration.forget()


@pytest.fixture
def kept_site_configuration(monkeypatch):
    """As in production, where the cache is shared: answers about the site configuration
    are kept between requests (`core.site_configuration`; here in one process's cache)."""
    monkeypatch.setattr(site_configuration, "cache_is_shared", lambda: True)
    cache.clear()
    yield
    site_configuration.forget()
    cache.clear()


@pytest.fixture
def site(db):
    return default_site()


@pytest.fixture
def home_page(request, site):
    if _shares_layout(request):
        return site.root_page.specific
    return build_home(site)


@pytest.fixture
def partnership(request, site, home_page):
    """Partnership settings with every page the layout links to."""
    if _shares_layout(request):
        return PartnershipSettings.objects.get(pk=request.getfixturevalue("shared_layout"))
    return build_layout_pages(site, home_page)


@pytest.fixture
def topic_index(home_page, partnership):
    return publish_child(
        home_page, TopicIndexPage(title="Guidance for practitioners", slug="practitioners")
    )


@pytest.fixture
def make_article(topic_index):
    """Build and publish an article under the topic index."""

    def make(title="Child trafficking", body=(), **fields):
        fields.setdefault("slug", title.lower().replace(" ", "-"))
        fields.setdefault("summary", f"What {title.lower()} is and what to do.")
        fields.setdefault("content_owner", "Partnership business unit")
        fields.setdefault("last_review_date", datetime.date.today())
        return publish_child(topic_index, ArticlePage(title=title, body=list(body), **fields))

    return make


class DemoObjects:
    """The demo's objects by kind and key, as the data files name them.

    `demo_data["contact", "nspcc"]` reads the object afresh, so a change a test made and
    rolled back never leaks into the next test.
    """

    def __init__(self, loaded):
        self.loaded = loaded

    def __getitem__(self, kind_and_key):
        obj = self.loaded[kind_and_key]
        return type(obj)._default_manager.get(pk=obj.pk)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The whole demo site with its users, loaded once for a test module and rolled back after it.

    Each test must also ask for `db`: it then runs in its own savepoint, so what it
    changes is undone before the next one, and pytest-django runs it before any
    transactional test (which leaves the database empty behind it).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield DemoObjects(load(DATA, users=True))
        transaction.set_rollback(True)


@pytest.fixture
def make_contact(db):
    """Create and publish a contact; fields not given are those of a national helpline."""

    def make(opening_periods=(), areas=(), **fields):
        defaults = {
            "organisation": "NSPCC",
            "service": "Helpline",
            "value": "0808 800 5000",
            "open_24_hours": not opening_periods,
            "when_to_use": "For adults worried about a child.",
            "source_url": "https://www.nspcc.org.uk/",
            "last_verified": datetime.date(2026, 11, 2),
            "verified_by": "Test team",
        }
        contact = Contact(**(defaults | fields))
        contact.opening_periods = list(opening_periods)
        contact.full_clean()
        contact.save()
        contact.areas.set(areas)
        contact.save_revision().publish()
        return contact

    return make


@pytest.fixture
def make_user(db):
    """Create a user with a primary email address, verified unless told otherwise."""

    def make(email, verified=True, **fields):
        user = get_user_model().objects.create_user(
            username=email, email=email, password=PASSWORD, **fields
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make
