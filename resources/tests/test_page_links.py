"""Pages and restricted documents: a public page may not link to one, nor print its title (P13).

The rule is checked when a page is saved (core.pages.SitePage) and again when an
article's resources section is rendered, for a document moved into a private
collection after the page linked to it.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageViewRestriction, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.testing import login_with_mfa
from articles.models import ArticlePage
from contacts.models import ConcernPage
from core.pages import SitePage
from home.models import HomePage, StandardPage
from pages.blocks import BodyStreamBlock
from resources.blocks import ResourceLinkBlock
from resources.models import Resource, ResourceLibraryPage
from safeguarding.testing import streams
from safeguarding.testing.fixtures import publish_child

SECRET_WORD = "Zanzibarquartz"


def resources_section(*documents, web_links=()):
    items = [streams.resource("", document=document) for document in documents]
    items += [streams.resource(title, url=url) for title, url in web_links]
    return streams.related_resources("Resources", items)


def document_link(document):
    return streams.paragraph(
        f'<p>Read <a linktype="document" id="{document.pk}">the briefing</a>.</p>'
    )


def restrict(page, group):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).groups.add(group)


def main_text(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").main


# Saving ------------------------------------------------------------------


def test_every_page_model_with_rich_content_uses_the_rule():
    rich = [
        model
        for model in get_page_models()
        if any(isinstance(field, (StreamField, RichTextField)) for field in model._meta.fields)
    ]
    assert {ArticlePage, StandardPage, HomePage, ConcernPage} <= set(rich)
    for model in [*rich, ResourceLibraryPage]:
        assert issubclass(model, SitePage), model


@pytest.mark.parametrize("link", [resources_section, document_link])
def test_a_public_page_cannot_link_to_a_sensitive_document(link, make_article, sensitive_resource):
    article = make_article()
    article.body = [link(sensitive_resource)]
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "'Zanzibarquartz operations briefing'" in str(refused.value)


@pytest.mark.parametrize("link", [resources_section, document_link])
def test_a_page_private_to_the_group_may_link_to_it(
    link, make_article, sensitive_resource, practitioners
):
    article = make_article()
    restrict(article, practitioners)
    article.body = [link(sensitive_resource)]
    article.full_clean()


@pytest.mark.parametrize("link", [resources_section, document_link])
def test_a_public_page_may_link_to_a_public_document(link, make_article, public_resource):
    article = make_article()
    article.body = [link(public_resource)]
    article.full_clean()


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name="Moderators"))
    return login_with_mfa(client, user)


def test_the_editor_is_told_and_nothing_is_published(
    editor_client, make_article, sensitive_resource
):
    article = make_article(body=[streams.paragraph("<p>Published wording.</p>")])
    revisions = article.revisions.count()
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            f'<p>New wording and <a linktype="document" '
                            f'id="{sensitive_resource.pk}">the briefing</a>.</p>'
                        ),
                    )
                ]
            ),
            "content_owner": article.content_owner,
            "last_review_date": "2026-11-02",
            "action-publish": "publish",
        }
    )
    response = editor_client.post(f"/admin/pages/{article.pk}/edit/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "This page is public, so it cannot link to" in page
    assert "Zanzibarquartz operations briefing" in page
    assert article.revisions.count() == revisions
    editor_client.logout()
    public = editor_client.get(article.url).content.decode()
    assert "Published wording." in public
    assert "New wording" not in public and SECRET_WORD not in public


# Rendering the resources section --------------------------------------------


@pytest.fixture
def library(home_page, partnership):
    return publish_child(
        home_page,
        ResourceLibraryPage(title="Resources", slug="resources", content_owner="Business unit"),
    )


def test_a_document_item_is_rendered_from_its_library_record(
    client, make_article, public_resource, library
):
    public_resource.publication_date = datetime.date(2019, 5, 1)
    public_resource.save()
    article = make_article(
        body=[
            resources_section(public_resource, web_links=[("NRM statistics", "https://x.gov.uk/a")])
        ]
    )
    main = main_text(client.get(article.url))
    entry = main.select_one(".related-resources .resource-entry")
    link = entry.select_one(".resource-entry__title a")
    assert link.get_text() == "Child trafficking advice for carers"
    assert link["href"] == f"/resources/{public_resource.pk}/"
    text = " ".join(entry.get_text().split())
    assert "(PDF, " in text
    assert "What carers can look out for." in text
    assert "From NSPCC. Published 1 May 2019." in text
    web = main.select(".related-resources li")[1]
    assert web.a["href"] == "https://x.gov.uk/a" and web.a.get_text() == "NRM statistics"


def test_without_a_library_a_document_item_links_to_the_file(client, make_article, public_resource):
    article = make_article(body=[resources_section(public_resource)])
    entry = main_text(client.get(article.url)).select_one(".resource-entry")
    assert entry.a["href"] == public_resource.url
    assert "(PDF, " in entry.select_one(".resource-entry__title").get_text()


def test_a_document_moved_into_a_private_collection_is_no_longer_printed(
    client, make_article, public_resource, sensitive_collection, library
):
    article = make_article(body=[resources_section(public_resource)])
    assert "Child trafficking advice for carers" in main_text(client.get(article.url)).text
    # A bulk move skips every form: the article still must not print the title.
    Resource.objects.filter(pk=public_resource.pk).update(collection=sensitive_collection)
    for response in [client.get(article.url), client.get("/practitioners/")]:
        assert b"Child trafficking advice for carers" not in response.content
        assert b"advice-for-carers" not in response.content


def test_a_member_does_not_see_a_restricted_title_on_a_public_page(
    client_as, make_article, public_resource, sensitive_resource, library
):
    article = make_article(body=[resources_section(public_resource)])
    # Linked while public, then made sensitive by a route that skips the rules.
    Resource.objects.filter(pk=public_resource.pk).update(
        collection=sensitive_resource.collection, title="Zanzibarquartz notes"
    )
    assert SECRET_WORD.encode() not in client_as("member").get(article.url).content


def test_a_page_private_to_the_group_shows_the_document_to_members_only(
    client_as, make_article, sensitive_resource, practitioners, library
):
    article = make_article()
    restrict(article, practitioners)
    article.body = [resources_section(sensitive_resource)]
    article.save_revision().publish()
    member = main_text(client_as("member").get(article.url))
    assert "Zanzibarquartz operations briefing" in member.select_one(".resource-entry").text
    assert client_as("other_group").get(article.url).status_code in (302, 403)


# The block itself ------------------------------------------------------------


def test_a_document_item_needs_no_title_but_a_web_address_does(public_resource):
    block = ResourceLinkBlock()
    block.clean(block.to_python({"document": public_resource.pk}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://example.org/a", "title": ""}))


def test_the_page_body_refuses_an_item_with_both_or_neither(public_resource):
    body = BodyStreamBlock()
    for item in [
        {"document": public_resource.pk, "url": "https://example.org/a", "title": "A"},
        {"title": "Nothing chosen"},
    ]:
        value = body.to_python(
            [{"type": "related_resources", "value": {"heading": "R", "items": [item]}}]
        )
        with pytest.raises(StreamBlockValidationError):
            body.clean(value)


def test_a_kept_entry_is_drawn_again_when_anything_it_shows_changes(public_resource):
    from django.template.loader import render_to_string

    def entry(resource, href="/resources/1/"):
        return render_to_string(
            "resources/includes/resource_entry.html", {"resource": resource, "href": href}
        )

    assert "What carers can look out for." in entry(public_resource)
    public_resource.summary = "What foster carers can look out for."
    assert "What foster carers can look out for." in entry(public_resource)
    assert 'href="/library/1/"' in entry(public_resource, href="/library/1/")
    assert "PERSONAL" not in entry(public_resource)
    public_resource.descriptor = "PERSONAL"
    assert "PERSONAL" in entry(public_resource)
    # Read afresh, with its file's text left out, it is the same entry.
    stored = Resource.objects.get(pk=public_resource.pk)
    assert entry(stored) == entry(Resource.objects.get(pk=public_resource.pk))
