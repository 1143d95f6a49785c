"""Answers about a site's configuration, kept per process until it changes
(core.site_configuration): kept only with a shared cache, and never after a change."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from core import site_configuration
from core.models import PartnershipSettings
from core.site_settings import load_site_settings
from quickexit.models import QuickExitSettings
from resources.models import ResourceLibraryPage
from safeguarding.testing import streams

pytestmark = pytest.mark.django_db


def settings_of(request_or_none=None):
    request = request_or_none or RequestFactory().get("/")
    load_site_settings(request)
    return PartnershipSettings.for_request(request)


def test_the_site_and_its_settings_are_read_once_per_process(
    kept_site_configuration, partnership, django_assert_num_queries
):
    first = settings_of()
    with django_assert_num_queries(0):
        again = settings_of()
        assert again.partnership_name == first.partnership_name
        assert again.worried_page.title == first.worried_page.title
        assert Site.find_for_request(again._request) == Site.find_for_request(first._request)


def test_each_request_gets_its_own_copies(kept_site_configuration, partnership):
    first = settings_of()
    first.partnership_name = "Changed in one request only"
    first.worried_page.title = "Changed in one request only"
    again = settings_of()
    assert again.partnership_name == partnership.partnership_name
    assert again.worried_page.title != "Changed in one request only"
    assert again is not first


def test_a_saved_setting_is_read_at_once(kept_site_configuration, partnership):
    settings_of()
    partnership.partnership_name = "Riverside Safeguarding Partnership"
    partnership.save()
    assert settings_of().partnership_name == "Riverside Safeguarding Partnership"


def test_another_setting_and_the_page_a_setting_names_are_read_at_once(
    kept_site_configuration, partnership, site
):
    settings_of()
    worried = partnership.worried_page.specific
    worried.title = "Are you worried about a child?"
    worried.save_revision().publish()
    assert settings_of().worried_page.title == "Are you worried about a child?"

    request = RequestFactory().get("/")
    load_site_settings(request)
    quick_exit = QuickExitSettings.for_request(request)
    quick_exit.escape_shortcut = not quick_exit.escape_shortcut
    quick_exit.save()
    request = RequestFactory().get("/")
    load_site_settings(request)
    assert QuickExitSettings.for_request(request).escape_shortcut == quick_exit.escape_shortcut


def test_a_deleted_site_is_gone_at_once(kept_site_configuration, partnership, site):
    request = RequestFactory().get("/")
    load_site_settings(request)
    assert Site.find_for_request(request) == site
    site.delete()
    request = RequestFactory().get("/")
    load_site_settings(request)
    assert Site.find_for_request(request) is None


def test_a_change_another_process_made_is_read_once_it_writes_a_new_generation(
    kept_site_configuration, partnership
):
    settings_of()
    # Another process changes the settings: this one's signals never see it...
    PartnershipSettings.objects.filter(pk=partnership.pk).update(partnership_name="Elsewhere")
    assert settings_of().partnership_name == partnership.partnership_name
    # ...but the other process writes a new generation in the shared cache.
    site_configuration.new_generation()
    assert settings_of().partnership_name == "Elsewhere"


def test_an_answer_is_kept_no_longer_than_a_minute_whatever_the_generation(
    kept_site_configuration, partnership, monkeypatch
):
    settings_of()
    # A change whose new generation the shared cache failed to write.
    PartnershipSettings.objects.filter(pk=partnership.pk).update(partnership_name="Elsewhere")
    assert settings_of().partnership_name == partnership.partnership_name
    later = time.monotonic() + site_configuration.KEPT_SECONDS
    monkeypatch.setattr(site_configuration.time, "monotonic", lambda: later)
    assert settings_of().partnership_name == "Elsewhere"


def test_the_new_generation_is_written_again_when_the_change_is_committed(
    kept_site_configuration, partnership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        partnership.save()
    generation = cache.get(site_configuration.GENERATION_KEY, version=2)
    # A process that read the settings between the save and the commit kept the old
    # answer under the generation the save wrote; the commit writes yet another.
    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get(site_configuration.GENERATION_KEY, version=2) != generation


def test_a_library_made_private_is_not_linked_to_at_once(
    kept_site_configuration, library, practitioners
):
    request = RequestFactory().get("/")
    load_site_settings(request)
    assert ResourceLibraryPage.for_request(request) == library
    restriction = PageViewRestriction.objects.create(
        page=library, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([practitioners])
    request = RequestFactory().get("/")
    load_site_settings(request)
    assert ResourceLibraryPage.for_request(request) is None


def test_nothing_is_kept_with_a_cache_private_to_each_process(
    partnership, django_assert_num_queries
):
    site_configuration.forget()
    settings_of()
    with django_assert_num_queries(1):
        settings_of()


def test_nothing_is_kept_while_the_shared_cache_fails(
    kept_site_configuration, partnership, monkeypatch, django_assert_num_queries
):
    def fails(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", fails)
    monkeypatch.setattr(cache, "set", fails)
    settings_of()
    with django_assert_num_queries(1):
        assert settings_of().partnership_name == partnership.partnership_name


def test_the_contacts_a_page_shows_are_read_once_per_process(
    kept_site_configuration, client, make_article, make_contact
):
    contact = make_contact()
    article = make_article(body=[streams.related_contacts("Who to contact", [contact])])
    client.get(article.url)  # Wagtail saves the settings not made yet: a new generation.
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        assert "0808 800 5000" in client.get(article.url).content.decode()
    assert not [query for query in queries if "help_contact" in query["sql"]]


def test_the_page_served_is_kept_and_a_published_change_is_served_at_once(
    kept_site_configuration, client, make_article
):
    article = make_article()
    client.get(article.url)  # Wagtail saves the settings not made yet: a new generation.
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    assert not [query for query in queries if "articles_articlepage" in query["sql"]]

    article.title = "Child trafficking: the signs"
    article.save_revision().publish()
    assert "Child trafficking: the signs" in client.get(article.url).content.decode()
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_what_a_kept_answer_may_depend_on_is_watched():
    watched = site_configuration.configuration_models()
    for model in (Site, Page, PageViewRestriction, PartnershipSettings, QuickExitSettings):
        assert model in watched
    # The contact registry watches contacts and their hours; the figures their datasets.
    names = {model.__name__ for model in watched}
    assert {"Contact", "OpeningPeriod", "Dataset", "Release"} <= names
