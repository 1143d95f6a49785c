from django import template

from core.access import signed_in

register = template.Library()


@register.simple_tag(takes_context=True)
def signed_in_user(context):
    """The signed-in user, or None, without reading the session of a visitor who has no
    session cookie (which would add `Vary: Cookie` and keep the page out of the cache)."""
    request = context.get("request")
    if request is None or not signed_in(request):
        return None
    return request.user
