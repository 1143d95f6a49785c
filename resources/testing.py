"""Test fixtures for restricted material: collections, resources, and the four kinds of visitor.

A pytest plugin (the root conftest loads it), so that the resource, search,
purge and account tests all try the same people against the same material.

Every restricted path is tried as each of `PERSONAS`: an anonymous visitor, a
signed-up but unapproved practitioner, a practitioner approved into another
partnership's group, and an approved member of the sharing group.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from fpdf import FPDF
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from accounts import approval
from home.models import StandardPage
from resources.models import Audience, HandlingInstruction, Resource, ResourceLibraryPage
from safeguarding.testing.fixtures import publish_child

PERSONAS = ["anonymous", "pending", "other_group", "member"]
REFUSED = ["anonymous", "pending", "other_group"]
# A whole, if tiny, PDF: enough for serving and size labels.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def text_pdf(*paragraphs):
    """A real one-page PDF holding `paragraphs`, for the tests of its text in search."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: no rate-limit counts, no cached settings."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def practitioners(db):
    return Group.objects.create(name="Test Valley practitioners")


@pytest.fixture
def library(home_page, partnership):
    """The site's resource library, published under the home page."""
    return publish_child(
        home_page,
        ResourceLibraryPage(title="Resources", slug="resources", content_owner="Test team"),
    )


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


@pytest.fixture
def other_group(db):
    return Group.objects.create(name="Other partnership practitioners")


def private_collection(name, *groups):
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(*groups)
    return collection


@pytest.fixture
def sensitive_collection(practitioners):
    return private_collection("OFFICIAL-SENSITIVE: Test Valley", practitioners)


@pytest.fixture
def public_collection(db):
    return Collection.get_first_root_node().add_child(name="Leaflets")


@pytest.fixture
def make_resource(db):
    def make(title, collection, filename=None, content=TINY_PDF, **fields):
        resource = Resource(title=title, collection=collection, **fields)
        resource.file.save(filename or "resource.pdf", ContentFile(content), save=False)
        resource._set_document_file_metadata()
        resource.save()
        return resource

    return make


@pytest.fixture
def public_resource(make_resource, public_collection):
    return make_resource(
        "Child trafficking advice for carers",
        public_collection,
        filename="advice-for-carers.pdf",
        summary="What carers can look out for.",
        audiences=[Audience.CARERS, Audience.PUBLIC],
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
        source_organisation="NSPCC",
    )


@pytest.fixture
def sensitive_resource(make_resource, sensitive_collection, practitioners):
    return make_resource(
        "Zanzibarquartz operations briefing",
        sensitive_collection,
        filename="briefing.pdf",
        summary="Figures for partner agencies only.",
        audiences=[Audience.SOCIAL_CARE, Audience.POLICE],
        sensitive=True,
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
        sharing_group=practitioners,
        source_organisation="Police",
    )


@pytest.fixture
def client_as(make_user, practitioners, other_group):
    """A test client signed in as one of PERSONAS (or signed out, for 'anonymous')."""

    def make(persona):
        client = Client()
        if persona == "anonymous":
            return client
        user = make_user(f"{persona}@school.example", organisation="Northbridge Primary")
        if persona == "member":
            approval.approve(user, practitioners, datetime.timedelta(days=360), notify=False)
        elif persona == "other_group":
            approval.approve(user, other_group, datetime.timedelta(days=360), notify=False)
        client.force_login(user)
        return client

    return make
