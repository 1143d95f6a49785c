from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class YoungPeopleSettings(BaseSiteSetting):
    """The helpline that pages for young people lead with.

    The "Help for young people" page and every page under it (the page is chosen in
    the partnership's settings) show this number first, before their title, so that a
    young person does not have to scroll for it.
    """

    helpline_contact = models.ForeignKey(
        "help.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="helpline",
        help_text="Shown first on every page for young people (Childline).",
    )

    # Read with the site and its other settings, in one query (core.site_settings).
    select_related = ["helpline_contact"]

    panels = ["helpline_contact"]

    class Meta:
        verbose_name = "help for young people"
