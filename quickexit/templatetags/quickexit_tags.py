"""The quick exit's template tags: its settings, its words, its <html> attributes and
its inline script. README.md in this app says where each goes on a page."""

from functools import cache

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from quickexit.messages import MESSAGES
from quickexit.models import QuickExitSettings

register = template.Library()


@cache
def script_source():
    """The script file the settings hashed for the CSP (QUICK_EXIT_SCRIPT), read once:
    the hash is also made once, when the settings load."""
    return settings.QUICK_EXIT_SCRIPT.read_bytes().decode("utf-8")


@register.simple_tag
def quick_exit_script():
    """The quick-exit script, inline, byte for byte the file the CSP hash is made from."""
    return format_html("<script>{}</script>", mark_safe(script_source()))


@register.simple_tag(takes_context=True)
def quick_exit_settings(context):
    """The quick-exit settings of the site serving this request."""
    return QuickExitSettings.for_request(context["request"])


@register.simple_tag
def quick_exit_messages():
    """The quick exit's words (quickexit/messages.py)."""
    return MESSAGES


@register.simple_tag
def quick_exit_attributes(settings):
    """The <html> attributes the script reads: where to go, and whether Escape counts."""
    escape = mark_safe(" data-exit-escape") if settings.escape_shortcut else ""
    return format_html(' data-exit="{}"{}', settings.safe_destination, escape)
