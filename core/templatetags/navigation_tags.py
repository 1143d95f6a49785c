from django import template

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
