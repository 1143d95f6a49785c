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


@pytest.fixture
def site(db):
    return demo.default_site()


@pytest.fixture
def home_page(site):
    return load_home(site)


@pytest.fixture
def partnership(site, home_page):
    """Partnership settings with every page the layout links to."""
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
