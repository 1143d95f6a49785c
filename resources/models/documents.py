"""The resource library: documents with audiences, topics and a protective marking.

Wagtail's document model is swapped for `Resource` from the first migration,
because changing it later needs a data migration. The marking is data from the
controlled vocabulary of the Government Security Classifications Policy
(`resources.vocabulary`), never free text, so that banners, rules and filters all read one record.
Who may read a document is decided by its collection's view restrictions; the
rules in `resources.marking` keep the marking and the collection in step.
"""

from django.conf import global_settings, settings
from django.contrib.auth.models import Group
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.search import index

from core.cache_keys import fingerprint
from resources.vocabulary import Audience, Classification, Descriptor, HandlingInstruction


class Topic(models.Model):
    """A subject the library can be filtered by, such as child trafficking."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        "name in web addresses",
        max_length=80,
        unique=True,
        help_text="Lowercase letters and hyphens, for example 'child-trafficking'. The "
        "library's topic filter uses it in its web addresses.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


# The fields that make up the protective marking.
MARKING_FIELDS = (
    "classification",
    "sensitive",
    "handling_instruction",
    "embargoed_until",
    "descriptor",
    "sharing_group",
)


class ResourceManager(models.Manager.from_queryset(DocumentQuerySet)):
    """Leaves out the file's text unless a query asks for it (`.defer(None)`): only the
    search index reads it, and a long report's text is large."""

    def get_queryset(self):
        return super().get_queryset().defer("text")


class Resource(AbstractDocument):
    """A document in the partnership's resource library."""

    summary = models.TextField(
        max_length=600, blank=True, help_text="One or two sentences: what it is and who it helps."
    )
    audiences = models.JSONField(default=list, blank=True, help_text="Who it is written for.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources")
    source_organisation = models.CharField(
        max_length=160, blank=True, help_text="Who wrote or published it (the originator)."
    )
    publication_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(
        null=True, blank=True, help_text="When it must be checked again, or taken down."
    )
    language = models.CharField(max_length=12, choices=global_settings.LANGUAGES, default="en")

    # Protective marking (GSCP), rendered top and bottom from these fields.
    classification = models.CharField(
        max_length=12, choices=Classification.choices, default=Classification.OFFICIAL
    )
    sensitive = models.BooleanField(
        "OFFICIAL-SENSITIVE",
        default=False,
        help_text=(
            "Not for public release. Only members of the sharing group may open it, "
            "and every download is recorded."
        ),
    )
    handling_instruction = models.CharField(
        max_length=24, choices=HandlingInstruction.choices, blank=True
    )
    embargoed_until = models.DateField(
        null=True, blank=True, help_text="Only with the EMBARGOED handling instruction."
    )
    descriptor = models.CharField(max_length=32, choices=Descriptor.choices, blank=True)
    sharing_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=(
            "For OFFICIAL-SENSITIVE material: the group of approved practitioners who "
            "may read it. Its collection must be private to exactly this group."
        ),
    )
    # The words of the file, read by a background task when the file is uploaded or
    # replaced (`resources.tasks.extract_text`), for search only: never shown, so a
    # restricted document's words reach no one who may not read the document.
    text = models.TextField(blank=True, editable=False)

    admin_form_fields = (
        *Document.admin_form_fields,
        "summary",
        "audiences",
        "topics",
        "source_organisation",
        "publication_date",
        "review_date",
        "language",
        *MARKING_FIELDS,
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("summary"),
        index.SearchField("source_organisation"),
        index.SearchField("text"),  # the lowest weight: below the title and summary
    ]

    objects = ResourceManager()

    class Meta(AbstractDocument.Meta):
        verbose_name = "resource"
        verbose_name_plural = "resources"

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().defer(None)

    @property
    def marking(self):
        """The marking as GSCP writes it, e.g. 'OFFICIAL-SENSITIVE – RECIPIENTS ONLY'."""
        parts = [f"{self.classification}-SENSITIVE" if self.sensitive else self.classification]
        if self.handling_instruction == HandlingInstruction.EMBARGOED and self.embargoed_until:
            parts.append(f"EMBARGOED UNTIL {format_date(self.embargoed_until, 'j F Y')}".upper())
        elif self.handling_instruction:
            parts.append(self.handling_instruction)
        if self.descriptor:
            parts.append(self.descriptor)
        return " – ".join(parts)

    @property
    def audience_labels(self):
        labels = dict(Audience.choices)
        return [labels[value] for value in self.audiences if value in labels]

    @property
    def cache_key(self):
        """Changes whenever anything a list entry for this resource shows changes: every
        stored field that was read (not the file's text). Like Wagtail's `Page.cache_key`,
        for `{% cache %}`."""
        return fingerprint(self)

    @property
    def format_label(self):
        """What a link says about the file, e.g. 'PDF, 24 KB'."""
        size = self.file_size if self.file_size is not None else self.get_file_size()
        return f"{self.file_extension.upper()}, {filesizeformat(size or 0)}"

    @cached_property
    def language_name(self):
        return dict(global_settings.LANGUAGES).get(self.language, self.language)


class SensitiveDownload(models.Model):
    """One download of an OFFICIAL-SENSITIVE document: who, when and which.

    The who and which are copied as text as well as linked, so the record keeps
    its meaning after an account or a document is deleted.
    """

    downloaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_email = models.EmailField()
    user_organisation = models.CharField(max_length=160, blank=True)
    document = models.ForeignKey(
        Resource, null=True, on_delete=models.SET_NULL, related_name="downloads"
    )
    document_title = models.CharField(max_length=255)
    marking = models.CharField(max_length=120)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = "sensitive download"
        # Written only by the serve view: nobody adds, edits or deletes records.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.user_email} downloaded {self.document_title}"
