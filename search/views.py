"""Site search that leaves no trace and shows each visitor only what they may read.

The query is posted, never put in the URL or the title, and the response is
`no-store`. The form carries no CSRF token, because asking for one sets a cookie
on an anonymous visitor; the view is exempt, which is safe because searching
changes nothing.

Pages come from `viewable_pages` (this site's tree, minus what the request may
not view) and resources from `readable_documents`, both in `core.access`, before
anything is searched, so a private title or summary never reaches the results of
someone who cannot read it (P4, P5). Results show the title and the editor's
summary only, never highlighted text from the body.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.access import readable_documents, viewable_pages
from core.site_settings import load_site_settings
from resources.models import Resource
from search.forms import SearchForm

MAX_RESULTS = 20  # of each kind: enough to choose from, short enough to read


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    description: str
    file_format: str = ""  # "PDF, 24 KB" for a document
    marking: str = ""  # shown for OFFICIAL-SENSITIVE documents


def page_description(page):
    """The search description, else the summary or introduction the page shows readers
    (the page's meta description)."""
    return page.meta_description


def page_results(request, query):
    pages = viewable_pages(request).specific().search(query, operator="and")
    return [
        Result(page.title, page.get_url(request), page_description(page))
        for page in pages[: MAX_RESULTS + 1]
    ]


def resource_results(request, query):
    # Narrowed by id, so that `readable_documents` may filter on any field, not only
    # those the search index declares as filter fields.
    readable = Resource.objects.filter(pk__in=readable_documents(request).values("pk"))
    resources = readable.search(query, operator="and")
    return [
        Result(
            resource.title,
            resource.url,
            resource.summary,
            file_format=resource.format_label,
            marking=resource.marking if resource.sensitive else "",
        )
        for resource in resources[: MAX_RESULTS + 1]
    ]


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def search(request):
    """GET shows the empty form; POST searches. A query in the URL is ignored."""
    load_site_settings(request)
    form = SearchForm(request.POST) if request.method == "POST" else SearchForm()
    context = {"form": form}
    if form.is_valid():
        query = form.cleaned_data["query"]
        pages, resources = page_results(request, query), resource_results(request, query)
        context.update(
            pages=pages[:MAX_RESULTS],
            resources=resources[:MAX_RESULTS],
            more=len(pages) > MAX_RESULTS or len(resources) > MAX_RESULTS,
            max_results=MAX_RESULTS,
        )
    return render(request, "search/search.html", context)
