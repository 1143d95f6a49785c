"""Template helpers for resource entries and marking banners."""

from django import template

from resources.vocabulary import HandlingInstruction

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


@register.filter
def marking_restricts(resource):
    """Whether the marking limits who may read or share the document: anything marked
    but OFFICIAL – FOR PUBLIC RELEASE with no descriptor.

    Only such a marking is shown in lists and as the banner at the top and bottom of the
    resource's page. Printed on every public leaflet it would tell a reader nothing; a
    public release shows its marking once, among the facts on its own page.
    """
    cleared = (
        not resource.sensitive
        and resource.handling_instruction == HandlingInstruction.FOR_PUBLIC_RELEASE
        and not resource.descriptor
    )
    return shows_marking(resource) and not cleared
