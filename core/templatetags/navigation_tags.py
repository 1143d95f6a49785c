from django import template

register = template.Library()


@register.inclusion_tag("core/includes/breadcrumbs.html")
def breadcrumbs(page):
    """Links from the home page down to `page`; nothing on the home page itself."""
    ancestors = page.get_ancestors().filter(depth__gt=1) if page.depth > 2 else []
    return {"page": page, "ancestors": ancestors}
