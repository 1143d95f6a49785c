"""Published statistics held as data.

A `Dataset` is one publication (the Home Office's NRM statistics, say) with what a reader
needs to trust a figure: who publishes it, its licence and attribution, where it comes from,
when it was released and when the next release is expected, and what the figures mean and do
not mean. Its figures are rows (`Figure`), each belonging to one `Release`: every import of
new files makes a release, and so does a roll-back (a copy of an earlier release's rows), so
nothing is ever overwritten and every release can be compared with another. The dataset's
`current_release` is the one pages show.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index


class Dataset(index.Indexed, models.Model):
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    licence = models.CharField(
        max_length=200, help_text="For example 'Open Government Licence v3.0'."
    )
    attribution = models.TextField(
        help_text="The words the licence asks every copy to carry, shown beside the figures."
    )
    source_url = models.URLField("source web address", max_length=500)
    period_covered = models.CharField(max_length=120, help_text="For example '2009 Q2 to 2023 Q4'.")
    release_date = models.DateField(help_text="When the publisher released these figures.")
    next_release_expected = models.DateField(
        null=True,
        blank=True,
        help_text="After this date, pages say that the figures may be out of date.",
    )
    notes = models.TextField(
        blank=True, help_text="What the figures mean and what they do not mean, in plain words."
    )
    current_release = models.ForeignKey(
        "figures.Release",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("publisher"), FieldPanel("licence"), FieldPanel("attribution")],
            heading="Publisher and licence",
        ),
        FieldPanel("source_url"),
        MultiFieldPanel(
            [
                FieldPanel("period_covered"),
                FieldPanel("release_date"),
                FieldPanel("next_release_expected"),
            ],
            heading="Period and releases",
        ),
        FieldPanel("notes"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def may_be_out_of_date(self, today=None):
        today = today or timezone.localdate()
        return self.next_release_expected is not None and today > self.next_release_expected


class Release(models.Model):
    IMPORT = "import"
    ROLLBACK = "rollback"
    KINDS = [(IMPORT, "Import"), (ROLLBACK, "Roll-back")]

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="releases")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=KINDS, default=IMPORT)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    release_date = models.DateField(help_text="The publisher's release date of these figures.")
    files = models.CharField(max_length=500, blank=True, help_text="The files imported.")
    restores = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["dataset", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="figures_release_number")
        ]

    def __str__(self):
        what = f"roll-back to release {self.restores.number}" if self.restores_id else "import"
        return f"Release {self.number} ({what}, {self.created_at:%-d %b %Y %H:%M})"


class Figure(models.Model):
    """One number of a release: its table, its period (quarter 0 is the whole year) and up
    to three dimensions, named by the table (`figures.tables`)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="figures")
    table = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(help_text="1 to 4; 0 for the whole year.")
    a = models.CharField(max_length=120, blank=True)
    b = models.CharField(max_length=120, blank=True)
    c = models.CharField(max_length=120, blank=True)
    value = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["release", "table", "a"])]

    def __str__(self):
        return f"{self.table} {self.period} {self.a} {self.b} {self.c}: {self.value}"

    @property
    def key(self):
        return (self.table, self.year, self.quarter, self.a, self.b, self.c)

    @property
    def period(self):
        return period_label(self.year, self.quarter)


def period_label(year, quarter):
    return f"{year}" if quarter == 0 else f"{year} Q{quarter}"


@register_setting(icon="table")
class FiguresSettings(BaseSiteSetting):
    """The partnership's police force area, for the local view of the figures."""

    police_force_area = models.CharField(
        max_length=120,
        blank=True,
        help_text=(
            "The police force whose referrals are shown beside the national figures, spelt as "
            "in the statistics (for example 'Thames Valley Police')."
        ),
    )

    class Meta:
        verbose_name = "Figures: local area"
