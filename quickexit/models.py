from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.site_settings import site_root_paths

DEFAULT_DESTINATION = "https://www.bbc.co.uk/weather"


def own_hostnames(request=None):
    """Every host name this installation answers to.

    The sites come from Wagtail's cached list of site root URLs (cleared whenever a site
    changes), not from a query: every page checks the stored destination again.
    """
    names = {urlsplit(root.root_url).hostname for root in site_root_paths(request)}
    names |= {host.lower().lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"}
    return names


def destination_problem(url, request=None):
    """Why `url` cannot be the exit destination, or None if it can."""
    parts = urlsplit(url or "")
    if parts.scheme != "https" or not parts.hostname:
        return "Use a full web address that starts with https://."
    host = parts.hostname.lower()
    ours = own_hostnames(request)
    if any(host == name or host.endswith("." + name) for name in ours):
        return "Choose another website: the exit must leave this one."
    query = parts.query.lower()
    if any(name in query for name in ours):
        return "Remove the part after '?': it names this website."
    return None


def validate_destination(url):
    if problem := destination_problem(url):
        raise ValidationError(problem)


@register_setting(icon="logout")
class QuickExitSettings(BaseSiteSetting):
    """Where the 'Exit this page' control takes people, and how it can be triggered."""

    destination = models.URLField(
        default=DEFAULT_DESTINATION,
        validators=[validate_destination],
        help_text=(
            "An everyday website on another domain that does not show anything personal. "
            "BBC Weather is the GOV.UK default."
        ),
    )
    escape_shortcut = models.BooleanField(
        "also leave on Escape pressed twice",
        default=False,
        help_text=(
            "Off by default: Escape also stops pages loading, closes menus and is used by screen "
            "readers. Shift pressed three times always works."
        ),
    )
    staying_safe_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="'Staying safe online' page",
        help_text=(
            "Linked as 'How to hide your visit' from the footer of every page, never from the "
            "exit button's bar. Link to it from pages for worried adults and young people too."
        ),
    )

    panels = [FieldPanel("destination"), FieldPanel("escape_shortcut"), "staying_safe_page"]
    # Every page links to it: fetch it with the settings, not in a query of its own.
    select_related = ["staying_safe_page"]

    class Meta:
        verbose_name = "quick exit"

    @cached_property
    def safe_destination(self):
        """The destination, or the default if the stored one is not valid any more.

        Cached: every page reads it twice, and the check queries the Sites.
        """
        if destination_problem(self.destination, getattr(self, "_request", None)):
            return DEFAULT_DESTINATION
        return self.destination
