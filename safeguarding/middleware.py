"""The 405 page: Django answers a method a view does not take with an empty
`HttpResponseNotAllowed`; this fills it with the site's page, in the layout with the
exit control, keeping its status and headers (`Allow` among them)."""

from django.http import HttpResponseNotAllowed

from safeguarding.views import error_page


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            page = error_page(request, "405.html", 405, "Sorry, that cannot be done here")
            response.content = page.content
            response["Content-Type"] = page["Content-Type"]
        return response
