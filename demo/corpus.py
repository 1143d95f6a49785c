"""A partnership's library at full size, for measuring search (`manage.py load_search_corpus`).

Articles in topic lists on several sites, and documents with a real PDF and its text,
written at random (with a fixed seed) from the words of `demo/data/corpus.toml`. One topic
list on each site is private to that area's practitioner group, and one document in
RESTRICTED_SHARE is OFFICIAL-SENSITIVE, in a collection private to its area's group, as the
marking rules ask.

It is built in bulk, to take minutes rather than hours: pages are inserted with their tree
paths worked out here, and documents with one query per batch; none of it goes through
the signals of an editor's save (no revisions, purges, or index and text-reading tasks).
The search index is then written directly, in batches, and each document's text is stored
with it, as the text-reading task would store it.
"""

import datetime
import hashlib
import random

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage, TopicIndexPage
from core import site_configuration
from demo.facts import data_file
from demo.pdf import marked_pdf
from home.models import HomePage
from resources.models import Audience, HandlingInstruction, Resource

PUBLIC_COLLECTION = "Search corpus: public documents"
OWNER = "Search corpus"
RESTRICTED_SHARE = 10  # one article in ten is in a private list, one document in ten sensitive
BATCH = 500
SEED = 2026
NOTICE = "Generated for the search corpus. Not real guidance."


class CorpusExists(Exception):
    pass


def capitalised(text):
    return text[:1].upper() + text[1:]


class Writer:
    """Titles, summaries and paragraphs about one concern, from the corpus's words."""

    def __init__(self, words, seed=SEED):
        self.words = words
        self.random = random.Random(seed)

    def pick(self, name):
        return self.random.choice(self.words[name])

    def fill(self, pattern, concern, area):
        return capitalised(
            pattern.format(
                concern=concern,
                area=area,
                agency=self.pick("agencies"),
                reader=self.pick("readers"),
                place=self.pick("places"),
                step=self.pick("steps"),
            )
        )

    def title(self, concern, area):
        return self.fill(self.pick("title_patterns"), concern, area)

    def summary(self, concern, area):
        return self.fill(self.pick("summary_patterns"), concern, area)

    def paragraph(self, concern, area):
        count = self.random.randint(3, 6)
        return " ".join(self.fill(self.pick("sentences"), concern, area) for _ in range(count))

    def date(self):
        return datetime.date(2019, 1, 1) + datetime.timedelta(days=self.random.randint(0, 2500))


# Pages ---------------------------------------------------------------------


def insert_children(parent, pages):
    """Insert unsaved specific `pages` as the last children of `parent`, in bulk.

    Each page's tree path follows its last sibling's, as treebeard's `add_child` would
    make it (from treebeard's own path helpers); the base rows go in with one query per
    batch, and each page type's own row with a raw save, as fixtures are loaded, so that
    no editor's-save signal runs.
    """
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for number, page in enumerate(pages, start=start + 1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, number)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
    base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages],
        batch_size=BATCH,
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    site_configuration.changed()  # No signal told the running app servers.
    return pages


def published(page, when):
    moment = datetime.datetime.combine(when, datetime.time(9), datetime.UTC)
    page.live = True
    page.first_published_at = page.last_published_at = moment
    page.draft_title = page.title
    return page


def site_roots(areas):
    """The root page for each area: the default site's, then a new site's home page each."""
    default = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if default is None:
        raise CorpusExists("There is no default site: load the demo first (manage.py load_demo).")
    roots = [default.root_page]
    for area in areas[1:]:
        home = HomePage(
            title=f"{area['name']} Safeguarding Children Partnership",
            slug=slugify(area["name"]),
            intro=f"Safeguarding guidance for everyone who works with children in {area['name']}.",
            routes=[],
        )
        Page.get_first_root_node().add_child(instance=home)
        Site.objects.create(
            hostname=area["hostname"], port=80, root_page=home, site_name=home.title
        )
        roots.append(home)
    return roots


def topic_lists(root, themes, area, group):
    """A public topic list for each theme, and one private to the area's group."""
    lists = [
        TopicIndexPage(title=theme["title"], slug=f"corpus-{slugify(theme['title'])}")
        for theme in themes
    ]
    private = TopicIndexPage(
        title=f"Briefings for {area['name']} practitioners", slug="corpus-briefings"
    )
    for page in [*lists, private]:
        root.add_child(instance=page)
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return lists, private


def articles(writer, count, themes, area):
    """`count` unsaved articles for one area, each with its theme's index."""
    made = []
    for number in range(count):
        index = writer.random.randrange(len(themes))
        concern = writer.random.choice(themes[index]["concerns"])
        title = writer.title(concern, area["name"])
        body = [
            {"type": "paragraph", "value": f"<p>{writer.paragraph(concern, area['name'])}</p>"}
            for _ in range(writer.random.randint(2, 4))
        ]
        page = ArticlePage(
            title=title,
            slug=f"{slugify(title)[:60]}-{number}",
            summary=writer.summary(concern, area["name"])[:300],
            body=body,
            content_owner=OWNER,
            next_review_date=writer.date() + datetime.timedelta(days=1000),
        )
        made.append((index, published(page, writer.date())))
    return made


def load_pages(writer, areas, themes, count, groups):
    """The sites and topic lists (saved as an editor's would be, so indexed as usual), and
    `count` articles shared among the areas, inserted in bulk. Returns the articles."""
    created = []
    for number, (area, root, group) in enumerate(
        zip(areas, site_roots(areas), groups, strict=True)
    ):
        lists, private = topic_lists(root, themes, area, group)
        share = count // len(areas) + (number < count % len(areas))
        by_list = {}
        for position, (index, page) in enumerate(articles(writer, share, themes, area)):
            parent = private if position % RESTRICTED_SHARE == 0 else lists[index]
            by_list.setdefault(parent.pk, (parent, []))[1].append(page)
        for parent, pages in by_list.values():
            created += insert_children(parent, pages)
    return created


# Documents -------------------------------------------------------------------


def collections(areas, groups):
    root = Collection.get_first_root_node()
    public = root.add_child(name=PUBLIC_COLLECTION)
    private = []
    for area, group in zip(areas, groups, strict=True):
        collection = root.add_child(name=f"Search corpus: OFFICIAL-SENSITIVE: {area['name']}")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(group)
        private.append(collection)
    return public, private


def document(writer, themes, number, area, group, public, private):
    theme = writer.random.choice(themes)
    concern = writer.random.choice(theme["concerns"])
    kind = writer.pick("document_kinds")
    sensitive = number % RESTRICTED_SHARE == 0
    published_on = writer.date()
    resource = Resource(
        title=f"{capitalised(concern)} {kind}, {area['name']} {published_on.year}",
        collection=private if sensitive else public,
        summary=writer.summary(concern, area["name"]),
        audiences=writer.random.sample(list(Audience.values), 2),
        source_organisation=f"{area['name']} Safeguarding Children Partnership",
        publication_date=published_on,
        review_date=published_on + datetime.timedelta(days=1095),
        sensitive=sensitive,
        handling_instruction=(
            HandlingInstruction.PARTNERSHIP_USE_ONLY
            if sensitive
            else HandlingInstruction.FOR_PUBLIC_RELEASE
        ),
        sharing_group=group if sensitive else None,
    )
    sections = [
        (capitalised(concern), writer.paragraph(concern, area["name"]))
        for _ in range(writer.random.randint(2, 4))
    ]
    data = marked_pdf(resource, NOTICE, sections, creator=OWNER)
    resource.file.save(f"corpus-{number}.pdf", ContentFile(data), save=False)
    resource.file_size = len(data)
    resource.file_hash = hashlib.sha1(data).hexdigest()
    resource.text = "\n".join(
        [resource.title, NOTICE, *(f"{heading}\n{text}" for heading, text in sections)]
    )
    return resource


def load_documents(writer, areas, themes, count, groups):
    """`count` documents shared among the areas, each with its PDF, inserted in bulk."""
    public, private = collections(areas, groups)
    resources = []
    for number in range(count):
        n = number % len(areas)
        resources.append(document(writer, themes, number, areas[n], groups[n], public, private[n]))
    return Resource.objects.bulk_create(resources, batch_size=BATCH)


# The whole -------------------------------------------------------------------


def index(objects):
    """Write the search index for `objects` (of several models), a batch at a time."""
    backend = get_search_backend()
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, ids in by_model.items():
        for start in range(0, len(ids), BATCH):
            batch = model.get_indexed_objects().filter(pk__in=ids[start : start + BATCH])
            backend.add_bulk(model, list(batch))


def analyse():
    """Table statistics for PostgreSQL's planner, as autovacuum gathers them some time after
    a bulk load: without them it guesses that a search matches one index entry."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def load(pages, documents):
    """Add the corpus: `pages` articles and `documents` documents. Refuses a second time."""
    if Collection.objects.filter(name=PUBLIC_COLLECTION).exists():
        raise CorpusExists("The search corpus is already loaded.")
    words = data_file("corpus.toml")
    writer = Writer(words["words"])
    groups = [
        Group.objects.create(name=f"{area['name']} practitioners (search corpus)")
        for area in words["area"]
    ]
    areas, themes = words["area"], words["theme"]
    created_pages = load_pages(writer, areas, themes, pages, groups)
    created_documents = load_documents(writer, areas, themes, documents, groups)
    index([*created_pages, *created_documents])
    return created_pages, created_documents, groups
