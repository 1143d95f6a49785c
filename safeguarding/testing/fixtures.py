"""Fixtures that build small page trees for HTTP tests, without the whole demo.

`demo_data` is the exception: the whole demo site, for the tests of what it shows.
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from articles.models import ArticlePage, TopicIndexPage
from core.models import PartnershipSettings
from demo.facts import DATA
from demo.loader import load
from help.models import Contact
from home.models import HomePage, StandardPage
from safeguarding.testing.streams import paragraph

PASSWORD = "correct-horse-battery-staple"


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    """A home page as the site's root, in place of Wagtail's placeholder page."""
    home = publish_child(
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


@pytest.fixture
def partnership(site, home_page):
    """Partnership settings with every page the layout links to."""
    worried = publish_child(
        home_page,
        StandardPage(
            title="Worried about a child?",
            slug="worried",
            body=[paragraph("<p>Call 999 in an emergency.</p>")],
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

    Each test still runs in its own savepoint (pytest-django's `db`), so what a
    test changes is undone before the next one.
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
