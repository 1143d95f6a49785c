"""Finding and ranking: pages, documents and areas this visitor may read, best first.

Everything is searched inside what `core.access` lets the request see (P4, P5), so a
title, summary or extract of restricted material never reaches anyone else. Extracts
come from public material only.

Ranking starts from the search backend's own order (its scores differ in sign and
scale between SQLite's bm25 and PostgreSQL's ts_rank, so the position is used: 1 for
the first, 1/2 for the second...), then prefers every searched idea in the title, and
guidance whose review is up to date (a page with a last review date and no overdue
next review; a document not past its review date) over unreviewed or overdue material.

On PostgreSQL the backend's own query and score are asked of this site's readable pages
one by one (`looked_up`), and of the readable documents too when the words are common
ones; the documents are not searched for words that nothing in the index holds
(`indexed`). Per-result work (addresses, extracts) waits until a result is shown.
"""

from dataclasses import dataclass
from functools import lru_cache, partial

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from contacts.models import Area, Contact
from core.access import (
    public_documents,
    public_pages,
    readable_documents,
    signed_in,
)
from resources.models import ResourceLibraryPage
from search.extracts import highlighted, stream_text
from search.models import IndexEntryVector, words_of

CANDIDATES = 100  # of each kind, ranked again here; more are counted, not shown
TITLE_WEIGHT = 3.0
REVIEWED_WEIGHT = 1.5


@dataclass(frozen=True)
class Result:
    kind: str  # "page", "document" or "area"
    title: str
    link: object  # the address, or a function that gives it: only the results shown ask
    description: str
    score: float
    resource: object = None  # the document, for its format, marking and the filters
    # For public material only: what the extract is taken from (a function, so that
    # only the results shown are read), and the words to mark in it.
    extract_from: object = None
    words: tuple = ()

    @property
    def url(self):
        return self.link() if callable(self.link) else self.link

    @property
    def extract(self):
        return highlighted(self.extract_from(), self.words) if self.extract_from else ""


def weight(title, meaning, reviewed):
    in_title = meaning.matches(set(words_of(title)))
    return (TITLE_WEIGHT if in_title else 1.0) * (REVIEWED_WEIGHT if reviewed else 1.0)


def page_is_reviewed(page, today):
    last = getattr(page, "last_review_date", None)
    upcoming = getattr(page, "next_review_date", None)
    return last is not None and (upcoming is None or upcoming >= today)


def page_description(page):
    """The search description, else the summary or introduction the page shows readers
    (the page's meta description)."""
    return page.meta_description


def ranked(queryset, meaning):
    """(object, 1 / its place in the backend's order), best first."""
    found = queryset.search(meaning.backend_query())[:CANDIDATES]
    return [(obj, 1 / place) for place, obj in enumerate(found, start=1)]


TITLE_AND_BODY = F("title")._combine(F("body"), "||", False)  # what the backend matches


@lru_cache(maxsize=64)
def backend_query(meaning):
    """On PostgreSQL: (tsquery, score) for `meaning`, built by Wagtail's database backend
    itself, so that the words, stemming, synonyms and weights are exactly its own. The
    score is over an index entry's title and body: what the backend ranks by. (Kept for
    the next search of the same words: building them takes a few milliseconds.)"""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(Page.objects.all(), meaning.backend_query())
    config = compiler.get_config(backend)
    query = compiler.build_tsquery(compiler.query, config=config)
    vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
    return query, compiler._build_rank_expression(vectors, config)


def matching_entries(query):
    """The index entries, of any site or kind, that match `query` (a tsquery): the
    backend's own test, on the title and body together (search/migrations/0002 indexes
    exactly that)."""
    return IndexEntry.objects.alias(_vector_=TITLE_AND_BODY).filter(_vector_=query)


def indexed(meaning):
    """Whether anything in the search index, of any site or kind, matches `meaning`:
    when nothing does (a misspelling, mostly), no document can be found and the view
    goes straight to the correction. One look in the index on PostgreSQL; elsewhere
    assumed."""
    if connection.vendor != "postgresql":
        return True
    query, _score = backend_query(meaning)
    return matching_entries(query).exists()


def looked_up(queryset, meaning, content_type):
    """On PostgreSQL, `ranked` for the objects of `queryset`: the same objects in the same
    order (the backend's score, then the newest first), each looked up in the index by
    its entry's unique (type, id) key, `content_type` being the entries' type (for pages,
    `OuterRef("content_type_id")`: a page's entry is of its own type).

    The lookups are scalar subqueries, which PostgreSQL evaluates object by object, and
    match the title and body vectors stored together (search/migrations/0005); only the
    entries that match are scored. Wagtail's own query joins the entries of every page
    type to the pages and matches `title || body`, joining the two vectors anew for each
    entry; PostgreSQL, misled by its costs, matches the whole index that way (every
    site's pages; for a common word or a synonym, most of them) before keeping the
    site's readable ones. An EXISTS would be joined the same way. This costs a few
    milliseconds more for a rare word, which the index alone would find, and much less
    for a common one."""
    query, score = backend_query(meaning)
    entry = IndexEntryVector.objects.filter(
        content_type_id=content_type, object_id=Cast(OuterRef("pk"), CharField(max_length=50))
    )
    found = (
        queryset.alias(_entry=Subquery(entry.filter(title_and_body=query).values("pk")[:1]))
        .filter(_entry__isnull=False)
        # Asked once, from the index, before any object: when nothing at all matches (a
        # misspelling), nothing is looked up.
        .filter(Exists(matching_entries(query)))
        .annotate(_score=Subquery(entry.annotate(score=score).values("score")[:1]))
        .order_by(F("_score").desc(), "-pk")[:CANDIDATES]
    )
    return [(obj, 1 / place) for place, obj in enumerate(found, start=1)]


def ranked_pages(pages, meaning):
    """`ranked` for a query of pages (this site's readable ones), as `looked_up` says on
    PostgreSQL."""
    if connection.vendor != "postgresql":
        return ranked(pages, meaning)
    return looked_up(pages, meaning, OuterRef("content_type_id"))


def public_among(request, found, public):
    """The ids of the `found` (object, relevance) pairs that anyone may read, from
    `public`, a query of such objects; asked only of someone signed in, as all that
    anyone else can find is public."""
    ids = [obj.pk for obj, _relevance in found]
    if not signed_in(request):
        return set(ids)
    return set(public.filter(pk__in=ids).values_list("pk", flat=True))


def page_results(request, viewable, meaning):
    """`viewable`: `core.access.viewable_pages(request)`, read once for the request."""
    pages = ranked_pages(viewable.specific(), meaning)
    public = public_among(request, pages, public_pages(Page.objects.all()))
    today = timezone.localdate()
    return [
        Result(
            "page",
            page.title,
            partial(page.get_url, request),
            page_description(page),
            relevance * weight(page.title, meaning, page_is_reviewed(page, today)),
            extract_from=partial(stream_text, getattr(page, "body", ""))
            if page.pk in public
            else None,
            words=meaning.words,
        )
        for page, relevance in pages
    ]


def document_text(resource):
    """What an extract of a document is taken from: its summary. The text read from
    its file is searched but not loaded (it may be long, for a hundred candidates)."""
    return resource.summary


def resource_results(request, meaning, common=True):
    """`common`: whether the words are common ones, as the pages found tell (a full
    hundred of them). On PostgreSQL the documents are then looked up one by one
    (`looked_up`); for rarer words Wagtail's own query, which PostgreSQL answers from
    the index, is quicker. Both find the same documents in the same order."""
    readable = readable_documents(request).defer("text").prefetch_related("topics")
    model = readable.model
    if connection.vendor == "postgresql" and common:
        resources = looked_up(readable, meaning, ContentType.objects.get_for_model(model).pk)
    else:
        # Narrowed by id, so that `readable_documents` may filter on any field, not only
        # those the search index declares as filter fields.
        searched = model.objects.filter(pk__in=readable.values("pk"))
        resources = ranked(searched.defer("text").prefetch_related("topics"), meaning)
    public = public_among(request, resources, public_documents())
    library = ResourceLibraryPage.for_request(request) if resources else None
    today = timezone.localdate()
    return [
        Result(
            "document",
            resource.title,
            partial(library.resource_url, resource, request) if library else resource.url,
            resource.summary,
            relevance
            * weight(
                resource.title,
                meaning,
                resource.review_date is not None and resource.review_date >= today,
            ),
            resource=resource,
            extract_from=partial(document_text, resource) if resource.pk in public else None,
            words=meaning.words,
        )
        for resource, relevance in resources
    ]


def front_doors():
    """(area slug, name, council, front door's organisation, its service) for every
    published front door, in one query."""
    return list(
        Area.objects.filter(contacts__kind=Contact.Kind.FRONT_DOOR, contacts__live=True)
        .values_list("slug", "name", "council", "contacts__organisation", "contacts__service")
        .order_by("sort_order", "name")
    )


def area_results(worried_url, doors, meaning):
    """The areas whose name, council or front door (`doors`, from `front_doors`)
    matches, each leading to the 'Worried about a child?' answer for that area:
    "MASH" finds the area whose front door is the Multi-Agency Safeguarding Hub. Those
    that hold the words typed come before those that hold only a synonym."""
    found = {}  # area slug: (distance, result)
    for slug, name, council, organisation, service in doors:
        distance = meaning.distance(set(words_of(" ".join([name, council, organisation, service]))))
        if distance is None or slug in found:
            continue
        found[slug] = (
            distance,
            Result(
                "area",
                f"{name}: {service}",
                f"{worried_url}?area={slug}#answer",
                f"Where to report a concern about a child who lives in {name}.",
                score=float("inf"),
            ),
        )
    return [result for _distance, result in sorted(found.values(), key=lambda item: item[0])]
