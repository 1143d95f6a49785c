"""Gzip for what the site writes (pages, JSON, CSV), never for the files it streams.

Django's GZipMiddleware compresses a response when the client accepts gzip and pads
the gzip header with a random number of bytes, which blunts BREACH-style guessing
(Django also masks its CSRF token afresh in every response). It would compress
streamed responses as well, on the fly, and so drop their Content-Length. The site
streams two kinds of file, and neither should be compressed here:

- static files: WhiteNoise serves them already compressed (gzip made by
  collectstatic), with their own Content-Length;
- documents: mostly PDF and Office files, which are compressed inside already. Sent
  as stored, a download keeps its Content-Length (the browser shows its progress)
  and arrives byte for byte as the file.
"""

from django.middleware.gzip import GZipMiddleware


class PageGZipMiddleware(GZipMiddleware):
    """GZipMiddleware for responses built in memory; streamed files pass untouched."""

    def process_response(self, request, response):
        if response.streaming:
            return response
        return super().process_response(request, response)
