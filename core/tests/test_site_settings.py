"""The request's site and its settings, read in one query (core.site_settings)."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from core.models import PartnershipSettings
from core.site_settings import load_site_settings, site_for_host

pytestmark = pytest.mark.django_db

# Each layout: the sites as (hostname, port, is default), then the hosts asked for.
LAYOUTS = [
    [("example.org", 80, True)],
    [("example.org", 80, True), ("other.example", 80, False)],
    [("example.org", 80, False), ("example.org", 8080, False)],
    [("example.org", 80, True), ("example.org", 8080, False)],
    [("default.example", 80, True), ("example.org", 8080, False)],
    [("default.example", 80, True), ("example.org", 80, False), ("example.org", 8080, False)],
    [("other.example", 80, False)],
]
HOSTS = [("example.org", 80), ("example.org", 8080), ("example.org", 443), ("unknown.example", 80)]


def make_sites(layout):
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for hostname, port, is_default in layout:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )


def wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_site_chosen_is_the_one_wagtail_chooses(layout):
    make_sites(layout)
    candidates = list(Site.objects.all())
    for hostname, port in HOSTS:
        assert site_for_host(candidates, hostname, port) == wagtails_choice(hostname, port), (
            hostname,
            port,
        )


def test_the_site_and_its_settings_come_in_one_query(django_assert_num_queries):
    make_sites([("example.org", 80, True)])
    site = Site.objects.get()
    PartnershipSettings.objects.create(site=site, partnership_name="Demo Valley")
    request = RequestFactory().get("/", HTTP_HOST="example.org")
    with django_assert_num_queries(1):
        load_site_settings(request)
        assert Site.find_for_request(request) == site
        assert site.root_page.pk == Site.find_for_request(request).root_page.pk
        assert PartnershipSettings.for_request(request).partnership_name == "Demo Valley"


def test_a_host_no_site_answers_leaves_no_site_on_the_request():
    make_sites([("other.example", 80, False)])
    request = RequestFactory().get("/", HTTP_HOST="example.org")
    load_site_settings(request)
    assert Site.find_for_request(request) is None
