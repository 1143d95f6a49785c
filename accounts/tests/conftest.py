"""Fixtures for the account tests: the allow-list, groups, users in each state."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction

from accounts import approval
from accounts.demo import administrators_group
from accounts.models import AccountSettings
from home.models import StandardPage
from safeguarding.testing.fixtures import PASSWORD, publish_child  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts attempts in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def practitioners(db):
    return Group.objects.create(name="Test Valley practitioners")


@pytest.fixture
def account_settings(partnership, site, practitioners):
    settings = AccountSettings.for_site(site)
    settings.allowed_domains = "school.example\nnhs.net\n"
    settings.access_contact = "the business unit at access@test-valley.example"
    settings.practitioner_group = practitioners
    settings.save()
    return settings


@pytest.fixture
def pending_user(make_user, account_settings):
    return make_user(
        "pat@school.example",
        first_name="Pat",
        last_name="Pending",
        organisation="Northbridge Primary",
        job_role="Designated safeguarding lead",
    )


@pytest.fixture
def approved_user(make_user, account_settings, practitioners):
    user = make_user("priya@school.example", first_name="Priya", organisation="Clinic")
    return approval.approve(user, practitioners, datetime.timedelta(days=360), notify=False)


@pytest.fixture
def administrator(make_user):
    user = make_user("ada@test-valley.example", first_name="Ada")
    user.groups.add(administrators_group())
    return user


@pytest.fixture
def restricted_page(home_page, partnership, practitioners):
    """A page only the practitioner group may see: the group's material."""
    page = publish_child(
        home_page,
        StandardPage(
            title="Briefing for practitioners",
            slug="briefing",
            body=[],
            content_owner="Test team",
        ),
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(practitioners)
    return page


def expire_now(user):
    user.approval_expires_at = timezone.now() - datetime.timedelta(minutes=1)
    user.save(update_fields=["approval_expires_at"])
