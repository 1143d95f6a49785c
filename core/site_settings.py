"""The request's site and every site setting of it, read in one query.

Every page shows the partnership's settings and the quick exit's. Wagtail finds the
request's site with a query of its own (`Site.find_for_request`), then reads each site
setting model with another (`BaseSiteSetting.for_request`). Here the candidate sites
are read with their settings joined, the site is chosen by Wagtail's rules, and both
are handed to Wagtail's per-request caches, where `find_for_request`, `for_request` and
`{{ settings.… }}` find them. With a shared cache, the answer is kept until the
configuration changes (`core.site_configuration`).
"""

from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.contrib.settings.models import AbstractSetting, BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site

from core import site_configuration


def _loads_as_wagtail(model):
    """Whether Wagtail reads the model with its plain `base_queryset` (which this mirrors)."""
    return model.base_queryset.__func__ is AbstractSetting.base_queryset.__func__


def site_for_host(sites, hostname, port):
    """The site that Wagtail's `Site.find_for_request` chooses among `sites`, the sites
    whose hostname is `hostname` or which are the default site; None for none.

    In Wagtail's order: the hostname with the port, then the hostname of the default
    site, then the only other site with the hostname, then the default site.
    """

    def rank(site):
        if site.hostname == hostname:
            return 0 if site.port == port else 1 if site.is_default_site else 3
        return 2 if site.is_default_site else 4

    ranked = sorted((site for site in sites if rank(site) < 4), key=rank)
    if not ranked:
        return None
    if len(ranked) == 1 or rank(ranked[0]) < 2:
        return ranked[0]
    if rank(ranked[0]) == 2:
        return ranked[len(ranked) == 2]
    return None  # Several sites with the hostname on other ports, and no default.


def site_root_paths(request=None):
    """Wagtail's list of the sites' root URLs (`Site.get_site_root_paths`), read from the
    cache once per request and kept on it where Wagtail's page URLs look for it."""
    if request is None:
        return Site.get_site_root_paths()
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def _port(request):
    try:
        return int(request.get_port())
    except ValueError:
        return None


def load_site_settings(request):
    """Put the request's site and every site setting of it on the request, in one query."""
    known_site = getattr(request, "_wagtail_site", ...)
    if known_site is None:
        return
    models = [
        model
        for model in registry
        if issubclass(model, BaseSiteSetting)
        and _loads_as_wagtail(model)
        and not hasattr(request, model.get_cache_attr_name())
    ]
    accessors = {
        model: model._meta.get_field("site").remote_field.get_accessor_name() for model in models
    }
    relations = [
        path
        for model, accessor in accessors.items()
        for path in [accessor, *(f"{accessor}__{name}" for name in model.select_related or ())]
    ]
    sites = Site.objects.select_related("root_page", *relations).order_by()
    if known_site is ...:
        hostname, port = split_domain_port(request._get_raw_host())[0], _port(request)
        site = site_configuration.kept(
            request,
            ("site", hostname, port, tuple(models)),
            lambda: site_for_host(
                sites.filter(Q(hostname=hostname) | Q(is_default_site=True)), hostname, port
            ),
        )
        request._wagtail_site = site  # as `Site.find_for_request` keeps it
    elif relations:
        site = site_configuration.kept(
            request, ("site", known_site.pk, tuple(models)), lambda: sites.get(pk=known_site.pk)
        )
    else:
        return
    if site is None:
        return
    for model, accessor in accessors.items():
        try:
            instance = getattr(site, accessor)
        except model.DoesNotExist:
            continue  # Not saved yet: Wagtail creates it when it is first asked for.
        instance._request = request  # as `for_request` leaves it
        setattr(request, model.get_cache_attr_name(), instance)
