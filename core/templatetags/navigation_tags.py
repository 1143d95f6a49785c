from django import template

register = template.Library()


@register.inclusion_tag("core/includes/breadcrumbs.html")
def breadcrumbs(page):
    """Links from the home page down to `page`; nothing on the home page itself."""
    if page.depth <= 2:
        ancestors = []
    elif hasattr(page, "get_breadcrumb_ancestors"):
        ancestors = page.get_breadcrumb_ancestors()
    else:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"page": page, "ancestors": ancestors}
