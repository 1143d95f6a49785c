"""A document's words are read from its file by a background task, when the file is
uploaded or replaced and at no other save, and a file that cannot be read is logged
without a word of what it holds."""

import io
import logging
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus

from background.testing import DATABASE_TASKS, drain_queue
from resources import document_text, text_updates
from resources.models import Resource
from resources.tasks import extract_text
from resources.testing import text_pdf

from .editors import admin_fixture, editor_fixture  # noqa: F401

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ODF_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def zipped(parts):
    """An Office file: a zip archive of {part name: XML}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def docx(*paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = f'<w:document xmlns:w="{WORD_NS}"><w:body>{body}</w:body></w:document>'
    return zipped({"word/document.xml": document})


def pptx(*slides):
    slide = '<p:sld xmlns:p="p" xmlns:a="{ns}"><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:sld>'
    return zipped(
        {
            f"ppt/slides/slide{number}.xml": slide.format(ns=DRAWING_NS, text=text)
            for number, text in slides
        }
    )


def xlsx(*cells):
    strings = "".join(f"<si><t>{text}</t></si>" for text in cells)
    return zipped({"xl/sharedStrings.xml": f'<sst xmlns="{SHEET_NS}">{strings}</sst>'})


def odt(*paragraphs):
    body = "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
    content = f'<office:document-content xmlns:office="o" xmlns:text="{ODF_NS}">{body}'
    return zipped({"content.xml": content + "</office:document-content>"})


FORMATS = [
    ("guide.pdf", text_pdf("Signs of exploitation", "Missing episodes")),
    ("notes.txt", b"Signs of exploitation\r\nMissing episodes"),
    ("notes.csv", b"\xef\xbb\xbfSigns of exploitation,\nMissing episodes"),
    ("policy.docx", docx("Signs of exploitation", "Missing episodes")),
    ("slides.pptx", pptx((10, "Missing episodes"), (2, "Signs of exploitation"))),
    ("figures.xlsx", xlsx("Signs of exploitation", "Missing episodes")),
    ("letter.odt", odt("Signs of exploitation", "Missing episodes")),
]


def words(text):
    return " ".join(text.replace(",", " ").split())


@pytest.mark.parametrize(("filename", "content"), FORMATS)
def test_the_words_of_each_format_are_read_in_order(
    make_resource, public_collection, filename, content
):
    resource = make_resource("Any title", public_collection, filename=filename, content=content)
    resource.refresh_from_db()
    assert words(resource.text) == "Signs of exploitation Missing episodes"


def test_plain_text_that_is_not_utf8_is_read_as_windows_1252(make_resource, public_collection):
    content = "Café – référence".encode("cp1252")
    resource = make_resource("Notes", public_collection, filename="notes.txt", content=content)
    resource.refresh_from_db()
    assert resource.text == "Café – référence"


def test_a_format_without_a_reader_gives_no_text(make_resource, public_collection):
    content = b"{\\rtf1 Signs of exploitation}"
    resource = make_resource("Form", public_collection, filename="form.rtf", content=content)
    resource.refresh_from_db()
    assert resource.text == ""


def test_reading_stops_at_the_limit(make_resource, public_collection, monkeypatch):
    monkeypatch.setattr(document_text, "MAX_CHARACTERS", 20)
    content = docx(*(f"Paragraph number {n}" for n in range(1000)))
    resource = make_resource("Long", public_collection, filename="long.docx", content=content)
    resource.refresh_from_db()
    assert resource.text == "Paragraph number 0\nP"


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("broken.pdf", b"%PDF-1.4\nhushhushword and then nothing a PDF needs"),
        ("broken.docx", b"PK hushhushword, not a zip archive"),
        ("broken.xlsx", zipped({"xl/sharedStrings.xml": "<sst>hushhushword <unclosed>"})),
    ],
)
def test_a_file_that_cannot_be_read_is_logged_without_its_contents(
    make_resource, public_collection, caplog, filename, content
):
    with caplog.at_level(logging.WARNING, logger="resources.document_text"):
        resource = make_resource(
            "Unreadable", public_collection, filename=filename, content=content
        )
    resource.refresh_from_db()
    assert resource.text == ""
    [record] = [record for record in caplog.records if record.name == "resources.document_text"]
    assert f"document {resource.pk}" in record.getMessage()
    assert "hushhush" not in caplog.text


class RecordingTask:
    """The extraction task, recording the resource ids it is enqueued for (it still runs)."""

    def __init__(self):
        self.ids = []

    def enqueue(self, resource_id):
        self.ids.append(resource_id)
        return extract_text.enqueue(resource_id)


@pytest.fixture
def enqueued(monkeypatch):
    recording = RecordingTask()
    monkeypatch.setattr(text_updates, "extract_text", recording)
    return recording.ids


def test_the_text_is_read_again_when_the_file_is_replaced_and_at_no_other_save(
    make_resource, public_collection, enqueued
):
    resource = make_resource("Guide", public_collection, content=text_pdf("First edition words"))
    assert enqueued == [resource.pk]

    resource.summary = "A new summary."
    resource.save()
    resource.get_file_size()  # the form's and loader's partial saves
    assert enqueued == [resource.pk]

    resource.file.save("guide-v2.pdf", ContentFile(text_pdf("Second edition words")))
    assert enqueued == [resource.pk, resource.pk]
    resource.refresh_from_db()
    assert resource.text == "Second edition words"


def test_the_task_runs_on_the_worker_of_the_database_queue(
    make_resource, public_collection, settings
):
    resource = make_resource("Guide", public_collection, content=text_pdf("Queued words"))
    Resource.objects.filter(pk=resource.pk).update(text="")
    # Enqueued by hand: in the tests, the index updates that a save enqueues cannot go
    # on the database queue (background/testing.py says why).
    settings.TASKS = DATABASE_TASKS
    extract_text.enqueue(resource.pk)
    assert Resource.objects.get(pk=resource.pk).text == ""
    assert drain_queue() == [TaskResultStatus.SUCCESSFUL]
    assert Resource.objects.get(pk=resource.pk).text == "Queued words"


def test_a_resource_deleted_before_the_task_runs_is_skipped(
    make_resource, public_collection, settings
):
    resource = make_resource("Guide", public_collection, content=text_pdf("Words"))
    settings.TASKS = DATABASE_TASKS
    extract_text.enqueue(resource.pk)
    Resource.objects.filter(pk=resource.pk).delete()
    assert drain_queue() == [TaskResultStatus.SUCCESSFUL]


def test_queries_leave_the_text_out_unless_they_ask_for_it(make_resource, public_collection):
    resource = make_resource("Guide", public_collection, content=text_pdf("Long words"))
    assert Resource.objects.get(pk=resource.pk).get_deferred_fields() == {"text"}
    assert Resource.objects.defer(None).get(pk=resource.pk).get_deferred_fields() == set()
    assert Resource.get_indexed_objects().get(pk=resource.pk).get_deferred_fields() == set()


def edit_form(resource, **changes):
    """What the admin's edit form posts for the resource, with `changes`."""
    return {
        "title": resource.title,
        "collection": resource.collection_id,
        "summary": resource.summary,
        "audiences": ["public"],
        "language": "en",
        "classification": "OFFICIAL",
        "handling_instruction": "FOR PUBLIC RELEASE",
        "tags": "",
        **changes,
    }


def test_the_admins_edit_form_reads_a_replaced_file_and_not_a_changed_title(
    admin, make_resource, public_collection, enqueued
):
    resource = make_resource("Guide", public_collection, content=text_pdf("First edition"))
    url = f"/admin/documents/edit/{resource.pk}/"
    assert admin.post(url, edit_form(resource, title="Renamed guide")).status_code == 302
    assert enqueued == [resource.pk]
    new_file = SimpleUploadedFile("guide-2.pdf", text_pdf("Second edition"), "application/pdf")
    assert admin.post(url, edit_form(resource, file=new_file)).status_code == 302
    assert enqueued == [resource.pk, resource.pk]
    assert Resource.objects.defer(None).get(pk=resource.pk).text == "Second edition"
