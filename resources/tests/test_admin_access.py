"""P12: in the admin, people see more than the "choose" permission suggests.

Wagtail lets anyone with admin access read the titles and details of documents in
collections they cannot choose from (chooser, usage and reference views). So the
policy is: everyone with admin access is cleared for all OFFICIAL-SENSITIVE
material on this install, admin access needs MFA, and approval as a practitioner
never gives admin access. These tests fail if any part of that breaks.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from wagtail.models import CollectionViewRestriction

from accounts.approval import approved_users
from accounts.checks import check_no_weak_view_restrictions
from accounts.models import AccountSettings
from accounts.testing import login_with_mfa
from resources.models import Resource

from .editors import admin_fixture, editor_fixture  # noqa: F401

TITLE = b"Zanzibarquartz"


def admin_paths(resource):
    """Admin views that show documents, the sensitive one's title included."""
    return [
        "/admin/",
        "/admin/documents/",
        "/admin/documents/?q=Zanzibarquartz",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=Zanzibarquartz",
        f"/admin/documents/chooser/{resource.pk}/",
        f"/admin/documents/edit/{resource.pk}/",
        f"/admin/documents/usage/{resource.pk}/",
    ]


@pytest.mark.parametrize("persona", ["pending", "other_group", "member"])
def test_practitioners_even_approved_members_get_no_admin_page(
    client_as, persona, sensitive_resource
):
    client = client_as(persona)
    for path in admin_paths(sensitive_resource):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            # To sign in (Wagtail's /admin/login/ only passes on to allauth's).
            assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), path
        assert TITLE not in response.content, path


def test_admin_access_without_mfa_shows_no_document(client, editor, sensitive_resource):
    client.force_login(editor)
    for path in admin_paths(sensitive_resource):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/2fa/"), path
        assert TITLE not in response.content, path


def test_an_editor_with_mfa_is_cleared_and_sees_sensitive_titles(admin, sensitive_resource):
    """What the policy accepts: recorded so that nobody assumes otherwise."""
    for path in ("/admin/documents/", "/admin/documents/chooser/"):
        response = admin.get(path)
        assert response.status_code == 200, path
        assert TITLE in response.content, path


def test_the_collection_privacy_dialog_offers_public_or_groups_only(
    client, make_user, public_collection
):
    """Neither "any signed-in user" nor a shared password (accounts.privacy): being
    signed in grants nothing. A forged post of either is refused and stores nothing."""
    superuser = make_user("root@test-valley.example", is_superuser=True)
    admin = login_with_mfa(client, superuser)
    url = f"/admin/collections/{public_collection.pk}/privacy/"
    dialog = admin.get(url)
    assert dialog.status_code == 200
    html = dialog.json()["html"]
    assert 'value="none"' in html and 'value="groups"' in html
    assert 'value="login"' not in html
    assert 'value="password"' not in html and 'name="password"' not in html

    for weak in ("login", "password"):
        admin.post(url, {"restriction_type": weak, "password": "shared-secret"})
        assert not public_collection.get_view_restrictions().exists()
    assert check_no_weak_view_restrictions(databases=["default"]) == []


def test_the_system_check_fails_on_a_login_restriction_made_another_way(public_collection):
    CollectionViewRestriction.objects.create(
        collection=public_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    errors = check_no_weak_view_restrictions(databases=["default"])
    assert [error.id for error in errors] == ["accounts.E001"]


def test_no_practitioner_group_of_the_demo_has_admin_access(db):
    # Loaded in this test only, so that no other test here runs with the demo's data.
    call_command("load_demo", stdout=io.StringIO())
    access_admin = Permission.objects.get(codename="access_admin")
    sharing = {
        *Resource.objects.exclude(sharing_group=None).values_list("sharing_group", flat=True),
        *CollectionViewRestriction.groups.through.objects.values_list("group", flat=True),
        *AccountSettings.objects.exclude(practitioner_group=None).values_list(
            "practitioner_group", flat=True
        ),
    }
    assert sharing, "the demo shares material with at least one group"
    assert not access_admin.group_set.filter(pk__in=sharing).exists()
    practitioners = approved_users()
    assert practitioners.exists()
    for user in practitioners:
        assert not user.has_perm("wagtailadmin.access_admin"), user.email


HUGE_ID = "99999999999999999999999999"


@pytest.mark.parametrize("value", [HUGE_ID, "0", "abc", "2.5", "%00"])
def test_malformed_ids_in_the_admin_views_we_add_are_not_found(admin, value):
    for path in (
        f"/admin/collections/{value}/privacy/",
        f"/admin/practitioners/{value}/decline/",
    ):
        assert admin.get(path).status_code == 404, path


@pytest.mark.parametrize("value", [HUGE_ID, "0", "abc", "2.5", "%00"])
def test_malformed_document_ids_are_not_found(client, db, value):
    assert client.get(f"/documents/{value}/briefing.pdf").status_code == 404
