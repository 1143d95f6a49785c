"""Caches stay honest (P7, P14): every change to what the public may see purges the CDN.

A recording frontend-cache backend (`safeguarding.testing.purge`) stands in for
the CDN. Purges wait for the commit, so each change runs inside `purges`, which
commits it as a real request would and returns the URLs purged.
"""

import pytest
from django.conf import settings
from django.tasks import task_backends as django_task_backends
from django.tasks.backends.immediate import ImmediateBackend as DjangoImmediateBackend
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from accounts.testing import login_with_mfa
from contacts.models import Contact
from core.models import PartnershipSettings
from home.models import StandardPage
from quickexit.models import QuickExitSettings
from resources.models import Audience, HandlingInstruction, Resource
from resources.testing import private_collection
from safeguarding.testing.fixtures import publish_child
from safeguarding.testing.streams import paragraph

ROOT = "http://localhost"


@pytest.fixture
def purges(purged_urls, django_capture_on_commit_callbacks):
    """Run `change`, commit it, and return the set of URLs it purged."""

    def run(change):
        purged_urls.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return set(purged_urls)

    return run


@pytest.fixture
def article(make_article):
    return make_article()


@pytest.fixture
def linking_page(home_page, partnership, public_resource):
    """A public page whose text links to the public resource."""
    return publish_child(
        home_page,
        StandardPage(
            title="Leaflets for carers",
            slug="leaflets",
            body=[
                paragraph(
                    f'<p><a linktype="document" id="{public_resource.pk}">The leaflet</a></p>'
                )
            ],
            content_owner="Test team",
        ),
    )


def full(page_or_resource):
    return ROOT + page_or_resource.url


def detail(library, resource):
    return f"{full(library)}{resource.pk}/"


def restrict(page, *groups):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(*groups)
    return restriction


def live_page_urls():
    return {ROOT + page.url for page in Page.objects.live().exclude(depth=1)}


# Settings (P14) ----------------------------------------------------------------


def test_background_tasks_run_at_once():
    """Wagtail's tasks (django-tasks) and Django's own run in the request, not in a queue."""
    assert isinstance(task_backends["default"], ImmediateBackend)
    assert isinstance(django_task_backends["default"], DjangoImmediateBackend)


def test_with_a_task_queue_privacy_purges_still_happen_in_the_request(
    purges, settings, topic_index, article, practitioners
):
    """With a queue (development and production), no purge of ours waits for a worker:
    here every task is queued and never run, and the page made private and the page
    unpublished still leave the cache at once."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    assert purges(lambda: restrict(topic_index, practitioners)) == {
        full(topic_index),
        full(article),
    }
    assert purges(article.unpublish) == {full(article)}
    assert task_backends["default"].results  # Wagtail's own tasks wait on the queue


def test_no_cache_is_purged_unless_the_environment_names_one():
    assert settings.WAGTAILFRONTENDCACHE == {}
    assert "wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS


def test_unpublishing_takes_a_page_out_of_search_and_the_cache_at_once(purged_urls, make_article):
    article = make_article("Quillwort exploitation")
    assert list(Page.objects.live().search("Quillwort")) == [article.page_ptr]
    url = full(article)
    purged_urls.clear()

    article.unpublish()

    assert list(Page.objects.live().search("Quillwort")) == []
    assert purged_urls == [url]


# Pages -------------------------------------------------------------------------


def test_publishing_purges_the_page(purged_urls, article):
    purged_urls.clear()
    article.save_revision().publish()
    assert purged_urls == [full(article)]


def test_making_a_page_private_purges_it_and_its_children(
    purges, topic_index, article, practitioners
):
    urls = purges(lambda: restrict(topic_index, practitioners))
    assert urls == {full(topic_index), full(article)}


def test_making_a_page_public_again_purges_it_and_its_children(
    purges, topic_index, article, practitioners
):
    restriction = restrict(topic_index, practitioners)
    assert purges(restriction.delete) == {full(topic_index), full(article)}


def test_sharing_a_private_page_with_another_group_purges_it(
    purges, topic_index, article, practitioners, other_group
):
    restriction = restrict(topic_index, practitioners)
    assert purges(lambda: restriction.groups.add(other_group)) == {full(topic_index), full(article)}
    assert purges(lambda: restriction.groups.remove(other_group)) == {
        full(topic_index),
        full(article),
    }


def test_a_page_on_two_sites_is_purged_on_both(purges, home_page, article, practitioners):
    Site.objects.create(hostname="www.test-valley.example", root_page=home_page)
    urls = purges(lambda: restrict(article, practitioners))
    assert urls == {full(article), "http://www.test-valley.example" + article.url}


def test_making_a_page_private_in_the_admin_purges_it(
    purges, client, make_user, article, practitioners
):
    editor = make_user("eddie@test-valley.example", is_superuser=True)
    admin = login_with_mfa(client, editor)

    def set_privacy():
        response = admin.post(
            f"/admin/pages/{article.pk}/privacy/",
            {"restriction_type": "groups", "groups": [practitioners.pk]},
        )
        assert response.status_code == 200

    assert purges(set_privacy) == {full(article)}
    assert article.get_view_restrictions().exists()


# Documents -----------------------------------------------------------------------


def test_moving_a_document_into_a_private_collection_purges_every_public_copy(
    purges, library, linking_page, public_resource, sensitive_collection
):
    def move():
        public_resource.collection = sensitive_collection
        public_resource.audiences = [Audience.SOCIAL_CARE]
        public_resource.save()

    assert purges(move) == {
        full(public_resource),
        detail(library, public_resource),
        full(library),
        full(linking_page),
    }


def test_moving_documents_in_bulk_in_the_admin_purges_them(
    purges, client, make_user, library, public_resource, sensitive_collection
):
    editor = make_user("eddie@test-valley.example", is_superuser=True)
    admin = login_with_mfa(client, editor)

    def bulk_move():
        response = admin.post(
            f"/admin/bulk/resources/resource/add_to_collection/?id={public_resource.pk}",
            {"collection": sensitive_collection.pk},
        )
        assert response.status_code == 302

    urls = purges(bulk_move)
    assert Resource.objects.get(pk=public_resource.pk).collection == sensitive_collection
    assert urls == {full(public_resource), detail(library, public_resource), full(library)}


def test_changing_a_marking_purges_every_public_copy(
    purges, library, linking_page, public_resource
):
    def mark():
        public_resource.handling_instruction = HandlingInstruction.PARTNERSHIP_USE_ONLY
        public_resource.save()

    assert purges(mark) == {
        full(public_resource),
        detail(library, public_resource),
        full(library),
        full(linking_page),
    }


def test_a_new_file_purges_the_old_address_too(purges, library, public_resource):
    old_url = full(public_resource)

    def replace_file():
        public_resource.file.name = "documents/advice-for-carers-2026.pdf"
        public_resource.save()

    urls = purges(replace_file)
    assert old_url in urls
    assert full(public_resource) in urls
    assert old_url != full(public_resource)


def test_making_a_collection_private_purges_its_documents_and_its_sub_collections(
    purges, library, make_resource, public_collection, public_resource, practitioners
):
    inner = make_resource("Inner leaflet", public_collection.add_child(name="Archive"))

    def make_private():
        restriction = CollectionViewRestriction.objects.create(
            collection=public_collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(practitioners)

    assert purges(make_private) == {
        full(public_resource),
        full(inner),
        detail(library, public_resource),
        detail(library, inner),
        full(library),
    }


def test_making_a_collection_public_again_purges_its_documents(
    purges, library, make_resource, practitioners
):
    collection = private_collection("Briefings", practitioners)
    briefing = make_resource("Briefing", collection)
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert purges(restriction.delete) == {full(briefing), detail(library, briefing), full(library)}


def test_deleting_a_document_purges_every_public_copy(
    purges, library, linking_page, public_resource
):
    urls = {full(public_resource), detail(library, public_resource), full(library)}
    urls.add(full(linking_page))
    assert purges(public_resource.delete) == urls


def test_a_new_document_purges_the_library_only(purges, library, make_resource, public_collection):
    assert purges(lambda: make_resource("New leaflet", public_collection)) == {full(library)}


def test_a_new_summary_purges_the_library_and_the_resource_page_only(
    purges, library, linking_page, public_resource
):
    def describe():
        public_resource.summary = "Signs that carers can look out for."
        public_resource.save()

    assert purges(describe) == {full(library), detail(library, public_resource)}


def test_saving_a_document_unchanged_purges_nothing(purges, library, public_resource):
    assert purges(Resource.objects.get(pk=public_resource.pk).save) == set()


def test_purges_wait_for_the_commit(
    purged_urls, django_capture_on_commit_callbacks, article, practitioners
):
    purged_urls.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        restrict(article, practitioners)
    assert purged_urls == []
    for callback in callbacks:
        callback()
    assert full(article) in purged_urls


# Settings and contacts ---------------------------------------------------------


@pytest.mark.parametrize("model", [PartnershipSettings, QuickExitSettings])
def test_saving_a_site_setting_purges_every_live_page(
    purges, model, site, library, article, public_resource
):
    setting = model.for_site(site)
    urls = purges(setting.save)
    assert urls == live_page_urls() | {detail(library, public_resource)}
    assert full(article) in urls


def make_contact(service="Helpline", live=True):
    contact = Contact(
        organisation="NSPCC",
        service=service,
        value="0808 800 5000",
        source_url="https://www.nspcc.org.uk/",
        last_verified="2026-11-02",
        verified_by="Business unit",
        live=live,
    )
    contact.save()
    return contact


def test_publishing_or_unpublishing_a_contact_purges_every_live_page(purges, article):
    contact = make_contact()
    assert purges(lambda: contact.save_revision().publish()) == live_page_urls()
    assert purges(contact.unpublish) == live_page_urls()


def test_deleting_a_published_contact_purges_every_live_page(purges, article):
    published = make_contact()
    published.save_revision().publish()
    draft = make_contact("Advice line", live=False)
    assert purges(draft.delete) == set()
    assert purges(published.delete) == live_page_urls()
