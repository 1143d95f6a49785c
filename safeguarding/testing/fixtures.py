"""Fixtures that build small page trees for HTTP tests, without the whole demo."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from articles.models import ArticlePage, TopicIndexPage
from core import demo
from core.models import PartnershipSettings
from home.demo import load_home
from home.models import StandardPage

PASSWORD = "correct-horse-battery-staple"


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_layout_pages(site):
    """The home page and the pages every page's layout links to, in the partnership settings."""
    home_page = load_home(site)
    worried = publish_child(
        home_page,
        StandardPage(
            title="Worried about a child?",
            slug="worried",
            body=[demo.paragraph("<p>Call 999 in an emergency.</p>")],
            content_owner="Test team",
        ),
    )
    accessibility = publish_child(
        home_page,
        StandardPage(
            title="Accessibility statement",
            slug="accessibility",
            body=[],
            content_owner="Test team",
        ),
    )
    privacy = publish_child(
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
        settings = build_layout_pages(demo.default_site())
    yield settings.pk
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


def _shares_layout(request):
    return request.node.stash.get(_shared_layout_key, False)


@pytest.fixture
def site(db):
    return demo.default_site()


@pytest.fixture
def home_page(request, site):
    if _shares_layout(request):
        return site.root_page.specific
    return load_home(site)


@pytest.fixture
def partnership(request, site, home_page):
    """Partnership settings with every page the layout links to."""
    if _shares_layout(request):
        return PartnershipSettings.objects.get(pk=request.getfixturevalue("shared_layout"))
    return build_layout_pages(site)


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


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The whole demo site, loaded once for a test module and rolled back after it.

    Each test still runs in its own savepoint (pytest-django's `db`), so what a
    test changes is undone before the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


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
