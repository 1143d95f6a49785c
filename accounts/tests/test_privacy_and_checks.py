"""Signed-in responses are private, anonymous ones cookie-free; see and delete your data;
the system check against weak restrictions; sessions end."""

import datetime
import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from accounts import middleware
from accounts.checks import check_no_weak_view_restrictions

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_public_pages_set_no_cookie(client, partnership, home_page):
    for path in ("/", "/worried/"):
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", "")
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_every_response_to_a_signed_in_user_is_private_no_store(client, approved_user):
    client.force_login(approved_user)
    for path in ("/", "/accounts/profile/", "/robots.txt"):
        cache_control = client.get(path)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, path


def test_account_pages_send_a_referrer_their_forms_can_post_with(client, partnership):
    assert client.get("/accounts/login/")["Referrer-Policy"] == "same-origin"


def test_sessions_end_with_the_browser_and_after_inactivity():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY


def session_end(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@contextmanager
def clocks_moved_on(seconds):
    """The session middleware's clock and Django's (which sets and checks a session's end)."""
    later = time.time() + seconds
    with (
        mock.patch.object(middleware.time, "time", lambda: later),
        mock.patch.object(
            timezone, "now", lambda: datetime.datetime.fromtimestamp(later, datetime.UTC)
        ),
    ):
        yield


def test_a_session_in_use_is_kept_alive_with_one_write_a_minute(client, approved_user):
    client.force_login(approved_user)
    client.get("/accounts/profile/")
    first_end = session_end(client)
    with clocks_moved_on(30):  # Used again within the minute: no write.
        client.get("/accounts/profile/")
    assert session_end(client) == first_end
    with clocks_moved_on(61):  # A minute after the last write: its end moves on.
        client.get("/accounts/profile/")
    assert session_end(client) > first_end


def test_an_unused_session_ends_after_thirty_minutes(client, approved_user):
    client.force_login(approved_user)
    assert client.get("/accounts/profile/").status_code == 200
    with clocks_moved_on(settings.SESSION_COOKIE_AGE - 30):
        assert client.get("/accounts/profile/").status_code == 200
    with clocks_moved_on(2 * settings.SESSION_COOKIE_AGE):
        response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_visitor_with_an_ended_session_is_given_none(client, approved_user):
    client.force_login(approved_user)
    Session.objects.all().delete()
    response = client.get("/")
    assert "sessionid" not in response.cookies or not response.cookies["sessionid"].value


def test_a_user_sees_the_data_kept_about_them(client, pending_user):
    client.force_login(pending_user)
    html = client.get("/accounts/profile/").content.decode()
    for value in (
        "pat@school.example",
        "Pat Pending",
        "Northbridge Primary",
        "Designated safeguarding lead",
        "Waiting for approval",
    ):
        assert value in html


def test_a_user_deletes_their_account_after_reentering_the_password(client, pending_user):
    client.force_login(pending_user)
    response = client.post("/accounts/delete/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    response = client.post("/accounts/delete/")
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=pending_user.pk).exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("restriction_type", ["login", "password"])
def test_system_check_fails_on_a_login_or_password_page_restriction(home_page, restriction_type):
    assert check_no_weak_view_restrictions(databases=["default"]) == []
    PageViewRestriction.objects.create(
        page=home_page, restriction_type=restriction_type, password="shared"
    )
    errors = check_no_weak_view_restrictions(databases=["default"])
    assert [error.id for error in errors] == ["accounts.E001"]
    with pytest.raises(SystemCheckError):
        call_command("check", databases=["default"])


def test_system_check_fails_on_a_login_collection_restriction(db):
    collection = Collection.get_first_root_node()
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert [e.id for e in check_no_weak_view_restrictions(databases=["default"])] == [
        "accounts.E001"
    ]


def test_group_restrictions_pass_the_check(restricted_page):
    assert check_no_weak_view_restrictions(databases=["default"]) == []


def test_shared_password_option_is_hidden_in_the_admin():
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}


def test_page_privacy_dialog_offers_group_restrictions_only():
    """Every page type but Wagtail's root is a SitePage, whose dialog offers groups only."""
    from wagtail.models import get_page_models

    from core.pages import SitePage

    models = [model for model in get_page_models() if model._meta.label != "wagtailcore.Page"]
    assert len(models) >= 6
    for model in models:
        assert issubclass(model, SitePage), model
        assert model.private_page_options == ["groups"], model
