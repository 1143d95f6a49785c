"""The rules that tie a resource's protective marking to who can reach it.

Checked when a resource is saved in the admin (`resources.forms.ResourceForm`),
so an editor learns of a problem while they can still fix it; pages check their
links when they are saved (`core.pages.SitePage`). Serving and listings fail
closed as well (`core.access`), for changes that come by other routes.
"""

from django.utils.text import format_lazy
from wagtail.models import BaseViewRestriction

from core.access import is_restricted_collection
from core.pages import public_pages_linking_to
from resources.models import Audience, Classification, HandlingInstruction

NEVER_UPLOAD = (
    "This website may hold OFFICIAL material only. Do not upload SECRET or TOP SECRET "
    "material: delete it from this computer and tell your organisation's security lead."
)


def is_private_to_exactly(collection, group):
    """Whether every view restriction on the collection admits `group` and no other group."""
    restrictions = list(collection.get_view_restrictions())
    return bool(restrictions) and all(
        restriction.restriction_type == BaseViewRestriction.GROUPS
        and {g.pk for g in restriction.groups.all()} == {group.pk}
        for restriction in restrictions
    )


def marking_errors(resource):
    """{field name: message} for every rule the resource breaks; empty when it is sound."""
    errors = {}
    if resource.classification != Classification.OFFICIAL:
        errors["classification"] = NEVER_UPLOAD
    handling = resource.handling_instruction
    if handling == HandlingInstruction.EMBARGOED and not resource.embargoed_until:
        errors["embargoed_until"] = "Give the date the embargo ends."
    elif handling != HandlingInstruction.EMBARGOED and resource.embargoed_until:
        errors["embargoed_until"] = "Only an EMBARGOED document has an embargo date."
    restricted = resource.collection_id is not None and is_restricted_collection(
        resource.collection
    )

    if Audience.PUBLIC in resource.audiences:
        if resource.sensitive or handling not in (
            HandlingInstruction.NONE,
            HandlingInstruction.FOR_PUBLIC_RELEASE,
        ):
            errors["audiences"] = (
                "Only material cleared as OFFICIAL – FOR PUBLIC RELEASE, or a third "
                "party's public material, can be for the public."
            )
        elif restricted:
            errors["audiences"] = (
                "This collection is private, so the public cannot read it. Choose a "
                "public collection, or take 'The public' off the audiences."
            )

    if resource.sensitive:
        if handling == HandlingInstruction.FOR_PUBLIC_RELEASE:
            errors["handling_instruction"] = (
                "OFFICIAL-SENSITIVE material is never FOR PUBLIC RELEASE."
            )
        if resource.sharing_group is None:
            errors["sharing_group"] = "Choose the group of approved practitioners who may read it."
        elif not is_private_to_exactly(resource.collection, resource.sharing_group):
            errors["collection"] = format_lazy(
                "OFFICIAL-SENSITIVE material must be in a collection that is private to "
                "the group '{}' and no other. Choose such a collection, or ask an "
                "administrator to set one up (Settings, Collections, Privacy).",
                resource.sharing_group.name,
            )

    if restricted and resource.pk and "collection" not in errors:
        pages = public_pages_linking_to(resource)
        if pages:
            errors["collection"] = (
                "Public pages link to this document, so it cannot go into a private "
                "collection. Remove the links first from: "
                + ", ".join(f"'{page.title}'" for page in pages)
                + "."
            )
    return errors
