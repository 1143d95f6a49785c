"""Fixtures for the comments tests: articles open or closed, comments in each state, and
the people who moderate them or read disclosures."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from accounts.testing import login_with_mfa
from comments.forms import issue_token
from comments.models import Comment

WRITTEN_IN = 10  # seconds between the form being shown and sent: a person's pace


def permissions(*names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit's counts live in the cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def open_article(make_article):
    return make_article("County lines", comments_open=True)


@pytest.fixture
def closed_article(make_article):
    return make_article("Child trafficking")


@pytest.fixture
def make_comment(db):
    def make(page, body="A useful page, thank you.", status=Comment.Status.PENDING, **fields):
        return Comment.objects.create(page=page, body=body, status=status, **fields)

    return make


def form_data(**fields):
    data = {
        "body": "Thank you: we used this page in our team meeting.",
        "name": "",
        "email": "",
        "website": "",
        "token": issue_token(time.time() - WRITTEN_IN),
    }
    return data | fields


@pytest.fixture
def send_comment(client):
    """POST the form for `page` as a visitor would, after reading it for a while."""

    def send(page, client=client, headers=None, **fields):
        return client.post(f"/have-your-say/{page.pk}/", form_data(**fields), **(headers or {}))

    return send


def staff_user(make_user, email, group_name, *perms):
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*permissions("wagtailadmin.access_admin", *perms))
    user = make_user(email)
    user.groups.add(group)
    return user


@pytest.fixture
def moderator(make_user):
    return staff_user(
        make_user,
        "moderator@partnership.example",
        "Moderators",
        "comments.view_comment",
        "comments.change_comment",
        "comments.delete_comment",
    )


@pytest.fixture
def lead(make_user):
    return staff_user(
        make_user,
        "lead@partnership.example",
        "Safeguarding leads",
        "comments.view_disclosure",
        "comments.change_disclosure",
    )


@pytest.fixture
def moderator_client(client, moderator):
    return login_with_mfa(client, moderator)


@pytest.fixture
def purges(purged_urls, django_capture_on_commit_callbacks):
    """Run `change`, commit it, and return the set of URLs it purged."""

    def run(change):
        purged_urls.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return set(purged_urls)

    return run
