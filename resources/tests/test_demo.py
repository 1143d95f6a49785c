"""The demo resource library: its records, their markings and sharing, and their PDF files.

The PDFs are checked by reading their bytes: the generator writes them without
compression, so the text of every page can be found in its content stream.
"""

import dataclasses
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from fpdf import FPDF
from wagtail.models import Collection, CollectionViewRestriction, Page

from accounts.demo import AUDITORS_GROUP, PRACTITIONER_GROUP
from articles.demo import NRM_STATISTICS, NSPCC_CTAC
from articles.models import ArticlePage
from core.pages import public_pages_linking_to, restricted_documents_linked_from
from resources import demo
from resources.demo_pdf import ENCODING, marked_pdf
from resources.marking import (
    is_private_to_exactly,
    marking_errors,
)
from resources.models import Resource, ResourceLibraryPage, Topic

LEAFLET_TITLES = [
    "Child trafficking advice for carers",
    "Child trafficking advice for education workers",
    "Child trafficking advice for frontline health professionals",
    "Child trafficking advice for social workers",
    "Child trafficking advice for youth justice practitioners",
]
SENSITIVE_TITLES = [
    "Non law enforcement briefing on modern slavery operations, May 2019",
    "Modern slavery infographic, April 2019: local policing areas",
    "Modern slavery infographic, April 2019: Demo Valley Police force area",
]


# Without the demo users (as in production) ---------------------------------------
# First in the module, before `demo_data` loads everything.


@pytest.mark.django_db
def test_the_library_makes_the_practitioner_group_it_shares_with(home_page):
    assert not Group.objects.filter(name=PRACTITIONER_GROUP).exists(), "runs before demo_data"
    library = demo.load_library(home_page)
    practitioners = Group.objects.get(name=PRACTITIONER_GROUP)
    assert len(library.partner_material) == 3
    for record in library.partner_material:
        assert record.sharing_group == practitioners
        assert is_private_to_exactly(record.collection, practitioners)
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_a_demo_document_that_breaks_the_marking_rules_stops_the_loader(home_page):
    public = demo.ensure_collection(demo.PUBLIC_COLLECTION)
    group = Group.objects.create(name="Test Valley practitioners")
    briefing = dataclasses.replace(demo.PARTNER_MATERIAL[0], title="Misfiled briefing")
    with pytest.raises(ValueError, match="Misfiled briefing.*collection"):
        demo.ensure_document(briefing, public, {}, sharing_group=group)
    assert not Resource.objects.filter(title="Misfiled briefing").exists()


# The records ---------------------------------------------------------------------


@pytest.fixture
def library(demo_data, db):
    return Resource.objects.select_related("collection", "sharing_group")


def test_the_demo_has_the_reference_pages_resources(library):
    titles = set(library.values_list("title", flat=True))
    assert titles == {
        *LEAFLET_TITLES,
        "National Referral Mechanism statistics: referrals of children, 2023",
        *SENSITIVE_TITLES,
    }
    assert set(library.filter(sensitive=True).values_list("title", flat=True)) == set(
        SENSITIVE_TITLES
    )
    assert set(Topic.objects.values_list("name", flat=True)) >= {
        "Child trafficking",
        "Modern slavery",
        "Child criminal exploitation",
        "Child sexual exploitation",
    }
    for record in library:
        assert record.summary and record.source_organisation and record.audiences, record
        assert record.review_date and record.language == "en", record
        assert record.topics.exists(), record


def test_every_demo_record_passes_the_marking_rules(library):
    for record in library:
        assert marking_errors(record) == {}, record.title


def test_sensitive_records_are_private_to_exactly_the_practitioner_group(library):
    practitioners = Group.objects.get(name=PRACTITIONER_GROUP)
    for record in library.filter(sensitive=True):
        assert record.marking == "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"
        assert record.sharing_group == practitioners
        assert record.collection.name == demo.PARTNER_COLLECTION
        assert is_private_to_exactly(record.collection, practitioners)
        # Filenames show in download addresses: they say nothing of the contents.
        assert re.fullmatch(r"documents/partner-[a-z0-9-]+(_[A-Za-z0-9]+)?\.pdf", record.file.name)
    for record in library.filter(sensitive=False):
        assert record.collection.name == demo.PUBLIC_COLLECTION
        assert not record.collection.get_view_restrictions().exists()


def test_nothing_sensitive_is_linked_from_a_public_page(library, client):
    sensitive = list(library.filter(sensitive=True))
    for record in sensitive:
        assert public_pages_linking_to(record) == [], record.title
    pages = Page.objects.live().public().specific()
    for page in pages:
        assert restricted_documents_linked_from(page) == [], page.title
        markup = client.get(page.url).content.decode()
        for record in sensitive:
            assert record.title not in markup, (page.url, record.title)
            assert record.file.name.removeprefix("documents/") not in markup, page.url


# The article and the library page share the records -----------------------------


def test_the_child_trafficking_article_lists_the_library_records(library, client):
    article = ArticlePage.objects.get(slug="child-trafficking")
    (section,) = [block for block in article.body if block.block_type == "related_resources"]
    documents = [item["document"] for item in section.value["items"]]
    expected = [library.get(title=title) for title in LEAFLET_TITLES]
    expected.append(library.get(title__startswith="National Referral Mechanism"))
    assert documents == expected
    for record in expected:
        assert article.page_ptr in public_pages_linking_to(record)

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    (rendered,) = soup.select("section.related-resources")
    links = {" ".join(a.get_text().split()): a["href"] for a in rendered.select("a[href]")}
    for record in expected:
        assert record.title in links, record.title
    assert links["resource library"] == "/resources/"
    assert "OFFICIAL-SENSITIVE are shared only with approved practitioners" in rendered.text


def test_the_library_page_is_public_with_an_owner_and_review_date(library):
    page = ResourceLibraryPage.objects.get()
    assert page.url == "/resources/"
    assert page.live and not page.get_view_restrictions()
    assert page.title == "Resources"
    assert "people who work with children in Northbridge" in page.intro
    assert page.content_owner and page.last_review_date


# The PDF files --------------------------------------------------------------------

TEXT = re.compile(rb"BT ([\d.]+) ([\d.]+) Td (?:[\d.]+ g )?\(((?:[^()\\]|\\.)*)\) Tj")


def pdf_pages(data):
    """The lines of text on each page, as (x, y, text), read through the xref table.

    Fails unless the file is a whole PDF: header, trailer, and an xref table whose
    every offset points at its object, with each stream as long as it says.
    """
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    header = re.compile(rb"xref\s+0 (\d+)\s+").match(data, start)
    assert header, "no xref table where startxref points"
    entries = re.findall(rb"(\d{10}) \d{5} ([nf])", data[header.end() :])[: int(header[1])]
    objects = {}
    for number, (offset, kind) in enumerate(entries):
        if kind == b"n":
            found = re.compile(
                rb"%d 0 obj\s*(<<.*?>>)\s*(?:stream\n(.*?)\nendstream|endobj)" % number, re.S
            ).match(data, int(offset))
            assert found, f"object {number} is not at its offset"
            dictionary, stream = found.groups()
            if stream is not None:
                assert int(re.search(rb"/Length (\d+)", dictionary)[1]) == len(stream)
            objects[number] = (dictionary, stream)
    (pages,) = [d for d, _ in objects.values() if b"/Type /Pages" in d]
    height = float(re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pages)[2])
    width = float(re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pages)[1])
    result = []
    for dictionary, _ in objects.values():
        if re.search(rb"/Type /Page\b(?!s)", dictionary):
            contents = int(re.search(rb"/Contents (\d+) 0 R", dictionary)[1])
            lines = [
                (float(x), float(y), unescape(text))
                for x, y, text in TEXT.findall(objects[contents][1])
            ]
            result.append(sorted(lines, key=lambda line: -line[1]))
    return result, width, height


def unescape(text):
    return re.sub(rb"\\(.)", rb"\1", text).decode(ENCODING)


def escape(text):
    """A PDF literal string's bytes: backslashes and parentheses escaped."""
    return re.sub(rb"([()\\])", rb"\\\1", text.encode(ENCODING))


def marking_width(marking):
    pdf = FPDF(unit="pt")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_font("helvetica", "B", 11)
    return pdf.get_string_width(marking)


def assert_marked_top_and_bottom(data, marking):
    pages, width, height = pdf_pages(data)
    assert pages
    for lines in pages:
        top, bottom = lines[0], lines[-1]
        assert top[2] == marking and top[1] > height - 60, top
        assert bottom[2] == marking and bottom[1] < 60, bottom
        for x, _y, _text in (top, bottom):
            assert abs(x + marking_width(marking) / 2 - width / 2) < 1, "not centred"
    return pages


def test_each_demo_file_is_a_small_real_pdf_marked_top_and_bottom(library):
    for record in library:
        with record.open_file() as handle:
            data = handle.read()
        assert len(data) < 10_000, record.title
        pages = assert_marked_top_and_bottom(data, record.marking)
        words = " ".join(text for lines in pages for _x, _y, text in lines)
        joined = "".join(text for lines in pages for _x, _y, text in lines)
        assert words.startswith(f"{record.marking} {record.title}")
        assert "DEMO FILE. This is not the real publication." in words
        assert record.source_organisation in words
        assert f"Marking: {record.marking}" in words
        if record.sensitive:
            assert "is not published" in words
            assert f'Only members of the group "{PRACTITIONER_GROUP}"' in words
        else:
            assert NSPCC_CTAC in joined or NRM_STATISTICS in joined, record.title
        # The metadata: title, language, author and subject.
        for key, value in [
            ("Title", record.title),
            ("Lang", record.language),
            ("Author", record.source_organisation),
            ("Subject", record.summary),
        ]:
            assert b"/%s (%s)" % (key.encode(), escape(value)) in data, (record.title, key)


def test_a_long_document_is_marked_on_every_page(library):
    record = library.get(sensitive=True, title__contains="briefing")
    long_text = "Handle with care. " * 400
    data = marked_pdf(record, "Demo", [("Part", long_text)] * 3, creator="test")
    pages = assert_marked_top_and_bottom(data, "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY")
    assert len(pages) >= 3


# Loading again --------------------------------------------------------------------


def snapshot():
    records = list(Resource.objects.order_by("pk").values())
    files = {}
    for record in Resource.objects.all():
        with record.open_file() as handle:
            files[record.pk] = handle.read()
    return {
        "records": records,
        "files": files,
        "topics": list(Topic.objects.order_by("pk").values()),
        "collections": list(Collection.objects.order_by("pk").values()),
        "restrictions": [
            (r.collection_id, r.restriction_type, sorted(r.groups.values_list("pk", flat=True)))
            for r in CollectionViewRestriction.objects.order_by("pk")
        ],
        "groups": list(Group.objects.order_by("pk").values_list("name", flat=True)),
        "library_page": list(ResourceLibraryPage.objects.values("pk", "latest_revision_id")),
    }


def test_loading_the_demo_again_changes_nothing(library):
    before = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_loading_again_keeps_an_editors_change(library):
    leaflet = library.get(title=LEAFLET_TITLES[0])
    leaflet.summary = "Edited by the partnership's editor."
    leaflet.save()
    call_command("load_demo", stdout=io.StringIO())
    leaflet.refresh_from_db()
    assert leaflet.summary == "Edited by the partnership's editor."
    assert Resource.objects.filter(title=LEAFLET_TITLES[0]).count() == 1


# The auditor ----------------------------------------------------------------------


def test_auditors_read_the_download_log_and_nothing_else(library):
    auditors = Group.objects.get(name=AUDITORS_GROUP)
    permissions = {f"{p.content_type.app_label}.{p.codename}" for p in auditors.permissions.all()}
    assert permissions == {"wagtailadmin.access_admin", "resources.view_sensitivedownload"}
    users = get_user_model().objects
    admin = users.get(username="admin@demo.example")
    assert auditors in admin.groups.all()
    assert admin.has_perm("resources.view_sensitivedownload")
    for email in ["practitioner@demo.example", "editor@demo.example"]:
        assert not users.get(username=email).has_perm("resources.view_sensitivedownload")
