"""The words of a document's file, for search: PDF, plain text and Office files.

PDFs are read with pypdf. Word, PowerPoint, Excel and OpenDocument files are zip
archives of XML, read here with the standard library, so they need no library of
their own: the text of each paragraph, slide or cell, in order. Other files (RTF)
give no text and are found by their title and summary only.

Reading stops after MAX_CHARACTERS, which keeps a long report's index entry within
what the database's full-text index takes, and a zip bomb from filling memory. A
file that cannot be read gives no text, and the log says which document and why,
never what it holds.
"""

import logging
import re
import zipfile
from functools import partial
from xml.etree import ElementTree

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 200_000  # about 80 pages of dense guidance

# Office files: the XML parts that hold the text, in reading order, and the element that
# ends a paragraph (a line of text) in them.
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}p"
SPREADSHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OPENDOCUMENT = (f"{ODF_TEXT}p", f"{ODF_TEXT}h")


def slide_number(name):
    return int(re.search(r"(\d+)\.xml$", name).group(1))


def office_parts(names, extension):
    """(part names in reading order, paragraph tags) for an Office file's `extension`."""
    if extension == "docx":
        return ["word/document.xml"], (WORD,)
    if extension == "pptx":
        slides = [name for name in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]
        return sorted(slides, key=slide_number), (DRAWING,)
    if extension == "xlsx":
        return ["xl/sharedStrings.xml"], (SPREADSHEET,)
    return ["content.xml"], OPENDOCUMENT  # odt


class Collector:
    """Text gathered up to MAX_CHARACTERS: `add` returns False once there is enough."""

    def __init__(self):
        self.parts = []
        self.length = 0

    def add(self, text):
        text = " ".join(text.split())
        if text:
            self.parts.append(text)
            self.length += len(text) + 1
        return self.length < MAX_CHARACTERS

    @property
    def text(self):
        return "\n".join(self.parts)[:MAX_CHARACTERS]


def read_pdf(file, collector):
    reader = PdfReader(file)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("the PDF is encrypted")
    for page in reader.pages:
        if not collector.add(page.extract_text()):
            return


def read_office(file, collector, extension):
    with zipfile.ZipFile(file) as archive:
        names, tags = office_parts(archive.namelist(), extension)
        for name in names:
            with archive.open(name) as part:
                # Streamed, and cleared as it goes, so a large part is never held whole.
                for _event, element in ElementTree.iterparse(part):
                    if element.tag in tags:
                        if not collector.add("".join(element.itertext())):
                            return
                        element.clear()


def read_plain(file, collector):
    data = file.read(MAX_CHARACTERS * 4)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    collector.add(text)


READERS = {
    "pdf": read_pdf,
    "txt": read_plain,
    "csv": read_plain,
    **{
        extension: partial(read_office, extension=extension)
        for extension in ("docx", "pptx", "xlsx", "odt")
    },
}


def document_text(document):
    """The words of the document's file, or "" for a format without a reader or a file
    that cannot be read. A missing file or a storage fault raises (the task is retried)."""
    extension = document.file_extension.lower()
    reader = READERS.get(extension)
    if reader is None:
        return ""
    collector = Collector()
    with document.open_file() as file:
        try:
            reader(file, collector)
        except OSError:
            raise
        except Exception as error:  # a damaged or unusual file: pypdf, zip and XML errors
            logger.warning(
                "Could not read the text of document %s (%s): %s",
                document.pk,
                extension,
                type(error).__name__,
            )
            return ""
    # PostgreSQL text cannot hold NUL characters, which some PDFs' text has.
    return collector.text.replace("\x00", "")
