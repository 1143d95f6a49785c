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
    young_people_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="'Help for young people' page",
    )
    practitioners_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="'Practitioners' page",
        help_text="The practitioners' landing page: guidance, resources, contacts and sign-in.",
    )
    resources_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="'Resources' page",
        help_text="The resource library.",
    )

    # Every page links to these: fetch them with the settings, not one query each.
    select_related = [
        "worried_page",
        "accessibility_page",
        "privacy_page",
        "young_people_page",
        "practitioners_page",
        "resources_page",
    ]

    panels = [
        FieldPanel("partnership_name"),
        FieldPanel("areas_covered"),
        MultiFieldPanel(
            ["worried_page", "young_people_page", "practitioners_page", "resources_page"],
            heading="Main menu, at the top of every page",
            help_text="Each is left out of the menu while it is empty. Search is always there.",
        ),
        MultiFieldPanel(
            ["accessibility_page", "privacy_page"],
            heading="Pages linked from the foot of every page",
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
