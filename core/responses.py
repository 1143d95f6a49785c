"""Answers about restricted material: honest cache headers, and refusals that name nothing."""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

# For anything restricted: no search engine may index, follow or keep it.
NOINDEX = "noindex, nofollow, noarchive"


def mark_restricted(response):
    """Headers for a response about restricted material: no cache keeps it, no index lists it."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = NOINDEX
    return response


def refusal(request):
    """The answer to someone who may not see a restricted page.

    Signed out: the sign-in page, which comes back here. Signed in but not in the
    sharing group: a plain refusal that names nothing, not even the title.
    (Documents and resources are not found instead, as missing ones are.)
    """
    if not request.user.is_authenticated:
        response = redirect_to_login(request.get_full_path())
    else:
        response = TemplateResponse(request, "core/not_shared.html", status=403)
    return mark_restricted(response)
