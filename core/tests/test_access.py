"""The one access policy: restricted material, hidden collections, pages read once."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection

from accounts import approval
from core import access
from resources.testing import private_collection


def request_as(user):
    """A request from `user`, with the session cookie a signed-in visitor's request carries."""
    request = RequestFactory().get("/")
    if user.is_authenticated:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = f"session-of-{user.pk}"
    request.user = user
    return request


@pytest.fixture
def member(make_user, practitioners):
    user = make_user("member@school.example")
    approval.approve(user, practitioners, datetime.timedelta(days=30), notify=False)
    return user


def test_sensitive_and_private_collection_material_is_restricted(
    public_resource, sensitive_resource
):
    assert access.is_restricted_material(sensitive_resource)
    assert not access.is_restricted_material(public_resource)
    restricted = access.restricted_collection_ids()
    assert access.is_restricted_material(sensitive_resource, restricted)
    assert not access.is_restricted_material(public_resource, restricted)


def test_sensitive_material_is_restricted_even_in_a_public_collection(public_resource):
    public_resource.sensitive = True
    assert access.is_restricted_material(public_resource)
    assert access.is_restricted_material(public_resource, access.restricted_collection_ids())


def test_a_private_collection_hides_its_sub_collections_from_outsiders_only(
    sensitive_collection, member
):
    inner = sensitive_collection.add_child(instance=Collection(name="Inner"))
    private = {sensitive_collection.pk, inner.pk}
    assert private <= access.hidden_collection_ids(request_as(AnonymousUser()))
    assert not private & access.hidden_collection_ids(request_as(member))
    assert private <= access.restricted_collection_ids()
    assert private <= access.group_restricted_collection_ids()


def test_sensitive_material_outside_a_group_collection_is_readable_by_nobody(
    sensitive_resource, public_collection, member
):
    # Collections are kept in name order: adding one can move another's tree path.
    sensitive_resource.refresh_from_db()
    assert access.can_read_document(sensitive_resource, request_as(member))
    sensitive_resource.collection = public_collection
    assert not access.can_read_document(sensitive_resource, request_as(member))
    sensitive_resource.save()
    readable = access.readable_documents(request_as(member))
    assert sensitive_resource not in readable
    assert sensitive_resource not in access.public_documents()


def test_a_restricted_page_reads_its_restrictions_once_while_served(
    restricted_page, member, client
):
    """Wagtail's own check reuses the list that the site's check fetched."""
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(restricted_page.url)
    assert response.status_code == 200
    reads = [
        query["sql"]
        for query in queries
        if re.match(r'SELECT .* FROM "wagtailcore_pageviewrestriction" WHERE ', query["sql"])
    ]
    assert len(reads) == 1, reads


def test_a_member_s_groups_are_read_once_however_many_restrictions_are_checked(
    restricted_page, sensitive_collection, practitioners, member
):
    """Wagtail's `accept_request` asks for the visitor's groups at every restriction."""
    for name in ("Other briefing", "Third briefing"):
        other = private_collection(f"OFFICIAL-SENSITIVE: {name}", practitioners)
        assert other.get_view_restrictions()
    request = request_as(member)
    with CaptureQueriesContext(connection) as queries:
        list(access.viewable_pages(request))
        list(access.readable_documents(request))
    group_reads = [
        query["sql"] for query in queries if re.search(r'JOIN "accounts_user_groups"', query["sql"])
    ]
    assert len(group_reads) == 1, group_reads
