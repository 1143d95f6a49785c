"""Site search that leaves no trace and shows each visitor only what they may read.

The query, the filters and the page number are posted, never put in the URL or the
title, and the response is `no-store`. The forms carry no CSRF token, because
asking for one sets a cookie on an anonymous visitor; the views are exempt, which is
safe because searching changes nothing and a message about what was missing only
sends an email.

Back to the results. Opening a result and pressing Back shows the same results
again, because Chromium keeps the results page whole in the back/forward cache, in
the tab's memory only. It admits `no-store` pages to that cache, so the results stay
`no-store` and never reach the browser's disk cache, where `private, no-cache` would
put them (and a later Back would read them from there). The quick-exit script
replaces every page's history entry when it loads (`history.replaceState`), which
drops the POST body from the entry: if the cached page has been evicted, Back loads
an empty search form without a "Confirm form resubmission" prompt, and a closed tab
leaves nothing behind. The search box has `autocomplete="off"`, so the browser does
not save what was typed with the history entry either. Nothing here uses an unload
handler, which would keep the page out of the cache; the quick exit's `pageshow`
guard still leaves a restored results page after an exit. The browser tests in
`search/tests/test_browser_back.py` prove each of these.

Pages come from `viewable_pages` (this site's tree, minus what the request may not
view) and resources from `readable_documents`, both in `core.access`, before
anything is searched, so a private title or summary never reaches the results of
someone who cannot read it (P4, P5). A highlighted extract is shown for public
material only.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.access import viewable_pages
from core.models import PartnershipSettings
from core.site_settings import load_site_settings
from resources.filters import Option, filter_resources
from search.forms import KINDS, MissingForm, SearchForm
from search.models import Synonym
from search.query import Meaning
from search.results import (
    CANDIDATES,
    area_results,
    front_doors,
    indexed,
    page_results,
    resource_results,
)
from search.spelling import suggestion

PAGE_SIZE = 10
POPULAR_TOPICS = 6


class Search:
    """What one request searches: read once, searched once or twice (the second time
    for a corrected spelling); the documents are not searched for words that nothing in
    the index holds."""

    def __init__(self, request, partnership):
        self.request = request
        self.partnership = partnership
        self.synonyms = list(Synonym.objects.all())
        self.pages = viewable_pages(request)
        worried = partnership.worried_page
        self.worried_url = worried.get_url(request) if worried else None
        self.doors = front_doors() if worried else []

    def results(self, text):
        """Every result for `text`, best first: the areas, then pages and documents."""
        meaning = Meaning.of(text, self.synonyms)
        found = page_results(self.request, self.pages, meaning)
        if found or indexed(meaning):  # else no document can match either
            found += resource_results(self.request, meaning, len(found) >= CANDIDATES)
            found.sort(key=lambda result: result.score, reverse=True)
        return area_results(self.worried_url, self.doors, meaning) + found

    def corrected(self, text):
        """`text` with its misspellings corrected, from the page titles the visitor may
        read and the synonyms; None when there is nothing to correct."""
        return suggestion(text, self.pages, self.synonyms)


def find(request, data, partnership):
    """The context of a results page for the form's cleaned `data`."""
    search = Search(request, partnership)
    results = search.results(data["query"])
    corrected = None if results else search.corrected(data["query"])
    if corrected:
        results = search.results(corrected)
    documents = [result.resource for result in results if result.kind == "document"]
    kept, filters = filter_resources(documents, request.POST)
    kept = set(kept)
    results = [r for r in results if r.kind != "document" or r.resource in kept]
    kinds = {
        "page": [r for r in results if r.kind != "document"],
        "document": [r for r in results if r.kind == "document"],
    }
    shown = kinds.get(data["kind"], results)
    page = Paginator(shown, PAGE_SIZE).get_page(data["page"])
    return {
        "results": page,
        "result_count": len(shown),
        "more": any(len(found) >= CANDIDATES for found in kinds.values()),
        "kinds": [
            Option(value, label, len(kinds.get(value, results)), value == data["kind"])
            for value, label in KINDS
        ],
        "filters": filters,
        "show_filters": bool(results) or any(o.checked for f in filters for o in f.options),
        "corrected": corrected,
        "popular_topics": popular_topics(search.pages, partnership) if not shown else [],
        "missing_form": MissingForm() if not shown else None,
    }


def popular_topics(viewable, partnership):
    """The topics under the practitioners' page that this visitor may read."""
    index = partnership.practitioners_page
    if index is None:
        return []
    return viewable.child_of(index).order_by("path")[:POPULAR_TOPICS]


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def search(request):
    """GET shows the empty form; POST searches. A query in the URL is ignored."""
    load_site_settings(request)
    form = SearchForm(request.POST) if request.method == "POST" else SearchForm()
    context = {"form": form}
    if form.is_valid():
        context.update(find(request, form.cleaned_data, PartnershipSettings.for_request(request)))
    return render(request, "search/search.html", context)


def editors_who_keep_the_search_words():
    users = get_user_model().objects.with_perm(
        "search.change_synonym", backend="django.contrib.auth.backends.ModelBackend"
    )
    return [user.email for user in users.filter(is_active=True) if user.email]


@csrf_exempt
@never_cache
@require_POST
def missing(request):
    """Send the editors what someone could not find. Only the message is sent: no
    address, no search words unless the person typed them, nothing stored here."""
    load_site_settings(request)
    form = MissingForm(request.POST)
    if not form.is_valid():
        return render(request, "search/missing.html", {"missing_form": form})
    recipients = editors_who_keep_the_search_words()
    if recipients:
        message = render_to_string(
            "search/email/missing.txt", {"message": form.cleaned_data["message"]}
        )
        send_mail("Someone could not find something on the website", message, None, recipients)
    return render(request, "search/missing.html", {"sent": True})
