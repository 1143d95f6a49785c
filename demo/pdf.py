"""Small, real PDF files for the demo library, with the marking on every page.

`demo_file` writes the file that stands in for a real publication: the document's title, a
boxed notice that it is a demo file, what the real publication covers and its details, in
words from the library's data file. Search finds the document by those words too.

The marking comes from the record (`Resource.marking`), never typed by hand, and
is printed centred in capitals at the top and at the bottom of every page, as the
Government Security Classifications ask. The PDF's metadata
(title, language, author, subject) comes from the same record.

Compression is off, so the files stay a few kilobytes and their words can be read
in the file's bytes (the tests do). The creation date is the publication date, so
the same record always gives the same bytes.
"""

import datetime

from django.utils.dateformat import format as format_date
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos

# The standard PDF fonts need no embedding; Windows-1252 has the en dash of
# "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY", which Latin-1 lacks.
ENCODING = "windows-1252"
FONT = "helvetica"
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


class MarkedPDF(FPDF):
    """An A4 document whose header and footer are the protective marking."""

    def __init__(self, marking):
        super().__init__(format="A4")
        self.marking = marking.upper()
        self.core_fonts_encoding = ENCODING
        self.set_compression(False)
        self.set_margins(20, 22)
        self.set_auto_page_break(True, margin=28)
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)

    def header(self):
        self.set_y(8)
        self._marking_line()
        self.set_y(22)

    def footer(self):
        self.set_y(-22)
        self.set_font(FONT, "", 9)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C", **NEXT_LINE)
        self._marking_line()

    def _marking_line(self):
        self.set_font(FONT, "B", 11)
        self.set_text_color(0)
        self.cell(0, 7, self.marking, align="C", **NEXT_LINE)


def marked_pdf(resource, notice, sections, creator):
    """The PDF bytes: the resource's title, a boxed `notice`, then (heading, text) sections."""
    pdf = MarkedPDF(resource.marking)
    pdf.set_title(resource.title)
    pdf.set_lang(resource.language)
    pdf.set_author(resource.source_organisation)
    pdf.set_subject(resource.summary)
    pdf.set_creator(creator)
    if resource.publication_date:
        pdf.set_creation_date(
            datetime.datetime.combine(resource.publication_date, datetime.time(), datetime.UTC)
        )
    pdf.add_page()

    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, resource.title, align="L", **NEXT_LINE)
    pdf.ln(4)

    pdf.set_font(FONT, "", 11)
    pdf.set_fill_color(238, 238, 238)
    pdf.multi_cell(0, 6, notice, border=1, fill=True, align="L", padding=3, **NEXT_LINE)

    for heading, text in sections:
        pdf.ln(5)
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(0, 7, heading, align="L", **NEXT_LINE)
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 6, text, align="L", **NEXT_LINE)
    return bytes(pdf.output())


def demo_file(document, file, words):
    """The PDF bytes for `document`: `file` holds what the real publication covers and where
    it is (`covers`, `real_copy`); `words`, the creator, notice, headings and handling texts."""
    notice = words["notice"].format(
        title=document.title, source=document.source_organisation, real_copy=file["real_copy"]
    )
    published = document.publication_date
    details = "\n".join(
        [
            f"Source: {document.source_organisation}",
            f"Published: {format_date(published, 'F Y') if published else 'date not given'}",
            f"Written for: {', '.join(document.audience_labels)}",
            f"Review by: {format_date(document.review_date, 'j F Y')}",
            f"Marking: {document.marking}",
        ]
    )
    sections = [
        ("About this publication", document.summary),
        (words["covers_heading"], file["covers"]),
        ("Details", details),
    ]
    if document.sensitive:
        handling = words["handling"].format(
            marking=document.marking, group=document.sharing_group.name
        )
        sections.append(("Handling", handling))
    return marked_pdf(document, notice, sections, words["creator"])
