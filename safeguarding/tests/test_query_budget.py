"""Every public page type costs at most QUERY_BUDGET SQL queries for an anonymous visitor,
however much it holds.

The content built here is large on purpose: many contacts with opening times, many
resources, many links, many areas and articles. A page that fetched anything once per item
(a contact's opening times, a resource, a rich text link, a breadcrumb) would break the
budget, so each test here fails on a query per item.
"""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Collection

from articles.models import ArticlePage
from comments.models import Comment
from contacts import opening_hours
from contacts.models import Area, Contact, OpeningPeriod
from home.models import HomePage, StandardPage
from resources.models import Audience, HandlingInstruction, Topic
from safeguarding.testing import streams
from safeguarding.testing.fixtures import publish_child

QUERY_BUDGET = 12
MANY = 8  # of each kind of thing on a page: far more than the budget leaves room for
WEEKDAYS = range(5)


@pytest.fixture
def database_cache(settings):
    """The cache production has without Redis, shared by its workers: each read from it
    is a query too (Wagtail reads its list of the sites' root URLs from it)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "query_budget_cache",
        },
    }
    call_command("createcachetable", verbosity=0)


@pytest.fixture
def get_within_budget(client, django_assert_max_num_queries, database_cache):
    """GET `url` as an anonymous visitor and fail if it costs more than the budget.

    A first visit warms what a running site keeps between requests (Wagtail's cached site
    root URLs, Django's content types); the second, measured, is any visitor's after it.
    """

    def get(url, data=None, method="get"):
        send = getattr(client, method)
        send(url, data)
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = send(url, data)
        assert response.status_code == 200, url
        return response

    return get


@pytest.fixture
def at_a_weekday_noon(monkeypatch):
    """A moment when office-hours services are open, so that every answer shows its hours."""
    moment = datetime.datetime(2026, 11, 4, 12, 0, tzinfo=opening_hours.UK)
    monkeypatch.setattr(opening_hours, "now", lambda: moment)


def office_hours():
    return [
        OpeningPeriod(weekday=day, opens=datetime.time(9), closes=datetime.time(17))
        for day in WEEKDAYS
    ]


@pytest.fixture
def many_contacts(make_contact):
    """Contacts, each with opening times on every weekday."""

    def make(prefix, count=MANY, **fields):
        return [
            make_contact(
                opening_periods=office_hours(),
                organisation=f"{prefix} {number}",
                service="Advice line",
                value=f"0118 496 0{number:03d}",
                **fields,
            )
            for number in range(count)
        ]

    return make


@pytest.fixture
def many_resources(make_resource):
    """Public resources, each with topics, in a collection of their own."""

    def make(prefix, count=MANY):
        collection = Collection.get_first_root_node().add_child(name=f"{prefix} leaflets")
        topics = [
            Topic.objects.create(name=f"{prefix} topic {n}", slug=f"{prefix.lower()}-topic-{n}")
            for n in range(3)
        ]
        resources = []
        for number in range(count):
            resource = make_resource(
                f"{prefix} leaflet {number}",
                collection,
                filename=f"{prefix.lower()}-{number}.pdf",
                summary="What to look out for.",
                audiences=[Audience.CARERS, Audience.PUBLIC],
                handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
                source_organisation="NSPCC",
            )
            resource.topics.set(topics)
            resources.append(resource)
        return resources

    return make


def linking_paragraph(page, document):
    return streams.paragraph(
        f'<p>See <a linktype="page" id="{page.pk}">{page.title}</a> and '
        f'<a linktype="document" id="{document.pk}">{document.title}</a>.</p>'
    )


def full_body(contacts, resources, pages):
    """A body with every kind of block, each many times: callouts and sections with
    contacts, resources sections, and paragraphs linking to pages and documents."""
    body = []
    for number, (page, document) in enumerate(zip(pages, resources, strict=False)):
        body += [
            streams.heading(f"Section {number}"),
            linking_paragraph(page, document),
            streams.callout(
                "practitioners",
                f"What to do {number}",
                f'<p>Read <a linktype="page" id="{page.pk}">{page.title}</a>.</p>',
                contacts=contacts[number::2],
            ),
            streams.related_contacts(f"Who to call {number}", contacts),
            streams.related_resources(
                f"Resources {number}",
                [streams.resource(d.title, document=d) for d in resources],
                intro=f'<p><a linktype="document" id="{document.pk}">{document.title}</a></p>',
            ),
        ]
    return body


@pytest.fixture
def demo(demo_data, db):
    """The demo site; `db` gives each test its own savepoint, and tells pytest-django to
    run these tests before any transactional test, which empties the database."""
    return demo_data


@pytest.fixture
def linked_pages(demo):
    """Pages of several types for rich text to link to."""
    keys = ["home", "practitioners", "child-trafficking", "worried-about-a-child", "resources"]
    return [demo["page", key] for key in keys] * 2


def test_home_page_with_many_routes(demo, linked_pages, get_within_budget):
    home = HomePage.objects.get()
    home.routes = [
        streams.route("Everyone", f"Route {number}", "Where to go.", page)
        for number, page in enumerate(linked_pages)
    ]
    home.save_revision().publish()
    html = get_within_budget("/").content.decode()
    assert html.count('class="route"') == len(linked_pages)


def test_article_full_of_contacts_resources_and_links(
    demo, many_contacts, many_resources, linked_pages, get_within_budget
):
    body = full_body(many_contacts("Helpline"), many_resources("Article"), linked_pages)
    article = publish_child(
        demo["page", "practitioners"],
        ArticlePage(
            title="Everything at once",
            slug="everything",
            summary="A long article.",
            body=body,
            content_owner="Test team",
            last_review_date=datetime.date.today(),
        ),
    )
    html = get_within_budget(article.url).content.decode()
    assert html.count("Monday to Friday, 9am to 5pm") >= MANY * MANY
    assert html.count("Article leaflet 0") >= len(linked_pages)
    assert 'linktype="' not in html


def test_demo_article(demo, get_within_budget):
    get_within_budget(demo["page", "child-trafficking"].url)


def test_article_with_many_comments(demo, get_within_budget):
    """Approved comments, some with links an editor allowed, on an open article."""
    article = demo["page", "child-criminal-exploitation"]
    for number in range(MANY * 3):
        Comment.objects.create(
            page=article,
            body=f"Comment {number}, see https://example.org/{number}",
            name=f"Writer {number}",
            status=Comment.Status.APPROVED,
            links_allowed=number % 2 == 0,
        )
    html = get_within_budget(article.url).content.decode()
    assert html.count('class="comment"') == MANY * 3
    assert "Have your say" in html


def test_standard_page_full_of_contacts_resources_and_links(
    demo, many_contacts, many_resources, linked_pages, get_within_budget
):
    body = full_body(many_contacts("Helpline"), many_resources("Standard"), linked_pages)
    page = publish_child(
        HomePage.objects.get(),
        StandardPage(title="Help for everyone", slug="help", body=body, content_owner="Team"),
    )
    html = get_within_budget(page.url).content.decode()
    assert html.count("Monday to Friday, 9am to 5pm") >= MANY * MANY


@pytest.mark.parametrize(
    "key",
    [
        "accessibility-statement",
        "privacy-notice",
        "staying-safe-online",
        "children-and-young-people",
        "practitioners",
        "resources",
        "nrm-figures",
    ],
)
def test_demo_pages(demo, key, get_within_budget):
    get_within_budget(demo["page", key].url)


def test_topic_index_with_many_articles(demo, get_within_budget):
    index = demo["page", "practitioners"]
    for number in range(MANY * 2):
        publish_child(
            index,
            ArticlePage(
                title=f"Article {number}",
                slug=f"article-{number}",
                summary="Short.",
                body=[],
                content_owner="Test team",
            ),
        )
    html = get_within_budget(index.url).content.decode()
    assert html.count('class="article-list__item"') >= MANY * 2


@pytest.fixture
def worried_page_full(demo, many_contacts, at_a_weekday_noon):
    """Many areas, each with a front door and an out-of-hours team; many emergency
    contacts; a body full of contacts and links."""
    out_of_hours = many_contacts("Out of hours", kind=Contact.Kind.OUT_OF_HOURS)
    for number, team in enumerate(out_of_hours):
        area = Area.objects.create(name=f"Area {number}", slug=f"area-{number}", council="Council")
        many_contacts(
            f"Front door {number}",
            count=1,
            kind=Contact.Kind.FRONT_DOOR,
            areas=[area],
            out_of_hours=team,
        )
    many_contacts("Emergency", kind=Contact.Kind.EMERGENCY)
    page = demo["page", "worried-about-a-child"]
    contacts = many_contacts("Helpline")
    page.body = [
        block
        for page_linked in [demo["page", "child-trafficking"], demo["page", "practitioners"]] * 4
        for block in (
            streams.paragraph(f'<p><a linktype="page" id="{page_linked.pk}">Read this</a></p>'),
            streams.callout("public", f"Call {page_linked.pk}", "<p>Call.</p>", contacts),
            streams.related_contacts("Who to call", contacts),
        )
    ]
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("area", ["", "?area=area-0", "?area=area-7", "?area=somewhere-else"])
def test_worried_page_with_many_areas_and_contacts(worried_page_full, area, get_within_budget):
    html = get_within_budget(worried_page_full.url + area).content.decode()
    assert html.count("Monday to Friday, 9am to 5pm") >= MANY * 8


@pytest.mark.parametrize("area", ["", "?area=northbridge", "?area=eastwood"])
def test_demo_worried_page(demo, area, at_a_weekday_noon, get_within_budget):
    get_within_budget(demo["page", "worried-about-a-child"].url + area)


@pytest.mark.parametrize(
    "query", ["", "?topic=library-topic-0", "?audience=carers&format=pdf", "?topic=nothing"]
)
def test_library_with_many_resources(demo, many_resources, query, get_within_budget):
    many_resources("Library", count=MANY * 3)
    html = get_within_budget(demo["page", "resources"].url + query).content.decode()
    assert "Library leaflet" in html


def test_resource_page_in_the_library(demo, many_resources, get_within_budget):
    resource = many_resources("Single", count=1)[0]
    html = get_within_budget(f"{demo['page', 'resources'].url}{resource.pk}/").content.decode()
    assert "Single topic 2" in html


def test_search_with_many_results_of_every_kind(demo, many_resources, get_within_budget):
    """Searching is a POST: many pages of each type, and many documents, match."""
    for number in range(MANY):
        publish_child(
            HomePage.objects.get(),
            StandardPage(title=f"Zebra {number}", slug=f"z{number}", body=[], content_owner="T"),
        )
    many_resources("Zebra")
    html = get_within_budget("/search/", {"query": "zebra"}, method="post").content.decode()
    assert f"{MANY * 2} results" in html  # all counted, the first page of them shown
    get_within_budget("/search/", {"query": "child"}, method="post")


@pytest.mark.parametrize("path", ["/search/", "/robots.txt", "/sitemap.xml", "/contacts.json"])
def test_other_public_addresses(demo, many_contacts, many_resources, path, get_within_budget):
    many_contacts("Helpline", areas=list(Area.objects.all()))
    many_resources("Sitemap")
    get_within_budget(path)
