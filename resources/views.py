"""Serving documents: Wagtail's permission-checking view, with honest cache headers.

Wagtail sends no `Cache-Control` with a private document (P3), and a CDN that
caches PDFs by extension would hand a practitioner's copy to the next visitor.
Every document response here is `no-store`, so no browser keeps a copy on a
shared device either; restricted ones are also `private` and `noindex`. Who may
read what is decided by `core.access`: a document this visitor may not read is
looked for among those they may read, and so is not found, by the same query and
with the same 404 as a missing one; trying ids tells nobody which restricted
documents exist.

Only GET and HEAD reach the file; any other method is 405. A GET answered with the
file (200) of an OFFICIAL-SENSITIVE document is logged as a download
(`resources.audit`): not a HEAD, a 304 revalidation or a refusal, which send no file.
The file is logged as soon as it is handed over, whether or not the client reads to
the end, since part of it has left the site either way. There are no partial (206)
answers: a Range request gets the whole file, and is logged.
"""

from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.documents.views.serve import serve as wagtail_serve

from core.access import is_restricted_material, readable_documents
from core.responses import mark_restricted
from resources.audit import record_sensitive_download
from resources.models import Resource


# Exempt from the CSRF check only so that every method but GET and HEAD meets the
# same 405, a POST included: nothing here changes anything.
@csrf_exempt
@require_safe
def serve(request, document_id, document_filename):
    document = get_object_or_404(
        readable_documents(request, Resource.objects.select_related("collection")), id=document_id
    )
    response = wagtail_serve(request, document_id, document_filename)
    if request.method == "GET" and response.status_code == 200:
        record_sensitive_download(document, request)
    # Wagtail writes the content coding it guessed from the file name even when it
    # guessed none, as `Content-Encoding: None`. The file is sent as stored: no coding.
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    if is_restricted_material(document):
        return mark_restricted(response)
    patch_cache_control(response, no_store=True)
    return response
