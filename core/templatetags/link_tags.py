from django import template

from core.blocks import hostname as hostname_of

register = template.Library()


@register.filter
def hostname(url):
    """'https://www.nspcc.org.uk/x' -> 'nspcc.org.uk', for labels beside external links."""
    return hostname_of(url)
