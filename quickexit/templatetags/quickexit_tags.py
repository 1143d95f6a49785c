from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from quickexit.csp import script_source
from quickexit.models import QuickExitSettings

register = template.Library()


@register.simple_tag
def quick_exit_script():
    """The quick-exit script, inline, byte for byte the source the CSP hash was made from."""
    return format_html("<script>{}</script>", mark_safe(script_source()))


@register.simple_tag(takes_context=True)
def quick_exit_settings(context):
    """The quick-exit settings of the site serving this request."""
    return QuickExitSettings.for_request(context["request"])
