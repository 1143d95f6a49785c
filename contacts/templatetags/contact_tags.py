import datetime

from django import template

from contacts.models import format_time

register = template.Library()


@register.filter
def clock(value):
    """A time as GOV.UK writes it: '8:30am', '5pm', 'midday', 'midnight'."""
    if isinstance(value, datetime.datetime):
        value = value.time()
    return format_time(value) if value else ""
