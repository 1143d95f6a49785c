from django import template

from figures import charts

register = template.Library()


@register.filter
def line_geometry(chart):
    return charts.line_geometry(chart)


@register.filter
def bar_geometry(chart):
    return charts.bar_geometry(chart)


@register.filter
def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


@register.filter
def intcomma_plain(value):
    """1234 as 1,234 (without django.contrib.humanize)."""
    return f"{value:,}"
