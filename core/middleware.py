"""Response headers that keep a visit from leaving traces or leaking to other sites."""

# Pages whose forms post back with Django's CSRF check. Under `no-referrer` a
# browser sends `Origin: null` with a form post, which that check refuses; these
# pages send `same-origin` instead, which still tells no other site anything.
FORM_PATH_PREFIXES = ("/admin/",)


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(FORM_PATH_PREFIXES):
            response.headers["Referrer-Policy"] = "same-origin"
        return response
