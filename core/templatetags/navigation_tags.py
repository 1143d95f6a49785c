from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Links from the home page down to `page`; nothing on the home page itself."""
    if page.depth <= 2:
        ancestors = []
    elif hasattr(page, "get_breadcrumb_ancestors"):
        ancestors = page.get_breadcrumb_ancestors()
    else:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    # The request, so that the links' URLs are worked out with what it has read already.
    return {"page": page, "ancestors": ancestors, "request": context.get("request")}


@register.filter
def within(page, section):
    """Whether `page` is `section` or lies below it: `page|within:partnership.young_people_page`."""
    return (
        page is not None
        and section is not None
        and getattr(page, "path", "").startswith(section.path)
    )


def _menu_item(request, page, target):
    """A menu link to `target`: its URL, and whether `page` is it or lies below it."""
    if target is None:
        return None
    return {"url": target.get_url(request), "current": within(page, target)}


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context, partnership):
    """The menu at the top of every page, from the pages the partnership's settings name.

    A link is marked as the current one on its page and on every page below it (an
    article under "Practitioners", say). A page the settings leave empty is left out.
    """
    request = context.get("request")
    page = context.get("page")
    search_path = reverse("search")
    pages = {
        place: _menu_item(request, page, getattr(partnership, f"{place}_page", None))
        for place in ("worried", "young_people", "practitioners", "resources")
    }
    return {
        "request": request,
        **pages,
        "search": {
            "url": search_path,
            "current": request is not None and request.path == search_path,
        },
    }
