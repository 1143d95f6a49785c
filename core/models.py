from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail_periodic_review.models import PeriodicReviewMixin


@register_setting(icon="site")
class PartnershipSettings(BaseSiteSetting):
    """Who runs this site, and the pages every page links to.

    A site setting, so that several partnerships can share one installation,
    each as its own Wagtail Site.
    """

    partnership_name = models.CharField(max_length=120)
    areas_covered = models.CharField(
        max_length=200, blank=True, help_text="The local authority areas, for the footer."
    )
    worried_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="'Worried about a child?' page",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="accessibility statement",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="privacy notice",
    )

    # Every page links to these: fetch them with the settings, not one query each.
    select_related = ["worried_page", "accessibility_page", "privacy_page"]

    panels = [
        FieldPanel("partnership_name"),
        FieldPanel("areas_covered"),
        MultiFieldPanel(
            ["worried_page", "accessibility_page", "privacy_page"],
            heading="Pages linked from every page",
        ),
    ]

    class Meta:
        verbose_name = "partnership"


class ReviewedContentMixin(PeriodicReviewMixin):
    """A page with a named owner and review dates, so that guidance does not go stale.

    wagtail-periodic-review supplies the last and next review dates, the
    editors' report and the dashboard panels; this adds who is responsible.
    """

    content_owner = models.CharField(
        max_length=120, help_text="The team or role responsible for keeping this page right."
    )

    review_panels = [
        MultiFieldPanel(
            ["content_owner", "last_review_date"],
            heading="Ownership and review",
        )
    ]

    class Meta:
        abstract = True

    @property
    def review_overdue(self):
        return self.next_review_date is not None and self.next_review_date < timezone.localdate()
