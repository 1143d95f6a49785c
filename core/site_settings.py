"""Every site setting of the request's site, read in one query.

Every page shows the partnership's settings and the quick exit's, and Wagtail reads
each site setting model with a query of its own (`BaseSiteSetting.for_request`). Here
they are read together, joined to the request's site, and handed to Wagtail's own
per-request cache, where `for_request` and `{{ settings.… }}` find them.
"""

from wagtail.contrib.settings.models import AbstractSetting, BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site


def _loads_as_wagtail(model):
    """Whether Wagtail reads the model with its plain `base_queryset` (which this mirrors)."""
    return model.base_queryset.__func__ is AbstractSetting.base_queryset.__func__


def load_site_settings(request):
    """Put every site setting of the request's site on the request, with one query."""
    site = Site.find_for_request(request)
    if site is None:
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
    if not relations:
        return
    loaded = Site.objects.select_related(*relations).get(pk=site.pk)
    for model, accessor in accessors.items():
        try:
            instance = getattr(loaded, accessor)
        except model.DoesNotExist:
            continue  # Not saved yet: Wagtail creates it when it is first asked for.
        instance._request = request  # as `for_request` leaves it
        setattr(request, model.get_cache_attr_name(), instance)
