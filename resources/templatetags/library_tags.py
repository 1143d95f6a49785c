"""Template helpers for resource entries and marking banners."""

from django import template

register = template.Library()


@register.filter
def shows_marking(resource):
    """Whether the resource carries a marking worth showing.

    A third party's public material (an NSPCC leaflet, say) has no handling
    instruction and no descriptor: it is not government material, so calling it
    OFFICIAL would be wrong, and no banner is shown. Anything else shows its
    marking: OFFICIAL-SENSITIVE always, and OFFICIAL with a handling instruction
    such as FOR PUBLIC RELEASE.
    """
    return bool(resource.sensitive or resource.handling_instruction or resource.descriptor)
