"""The rules that tie a resource's protective marking to who can reach it.

Checked when a resource is saved in the admin (`resources.forms.ResourceForm`)
and when a page is saved (`PublicPageLinksMixin`), so an editor learns of a
problem while they can still fix it. Serving and listings fail closed as well
(`resources.access`), for changes that come by other routes.
"""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex

# The resource modules are imported inside the functions: page models in other
# apps subclass PublicPageLinksMixin, and resources.models imports the library
# page, which does too, so an import here would be circular.

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
    from resources.access import is_restricted
    from resources.models import Audience, Classification, HandlingInstruction

    errors = {}
    if resource.classification != Classification.OFFICIAL:
        errors["classification"] = NEVER_UPLOAD
    handling = resource.handling_instruction
    if handling == HandlingInstruction.EMBARGOED and not resource.embargoed_until:
        errors["embargoed_until"] = "Give the date the embargo ends."
    elif handling != HandlingInstruction.EMBARGOED and resource.embargoed_until:
        errors["embargoed_until"] = "Only an EMBARGOED document has an embargo date."
    restricted = resource.collection_id is not None and is_restricted(resource)

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


def public_pages_linking_to(resource):
    """Live pages without view restrictions whose content links to the resource."""
    pages = []
    for source, _references in ReferenceIndex.get_grouped_references_to(resource):
        if isinstance(source, Page) and source.live and not source.get_view_restrictions():
            pages.append(source)
    return pages


def restricted_documents_linked_from(page):
    """The restricted resources that the page's content links to."""
    from resources.access import is_restricted
    from resources.models import Resource

    ids = set()
    for field in page._meta.concrete_fields:
        if not hasattr(field, "extract_references"):
            continue
        for model, object_id, _model_path, _content_path in field.extract_references(
            field.value_from_object(page)
        ):
            if issubclass(model, Resource):
                ids.add(object_id)
    documents = Resource.objects.filter(pk__in=ids).select_related("collection")
    return [document for document in documents if is_restricted(document)]


class PublicPageLinksMixin:
    """For page models: a public page may not link to a restricted document (P13).

    Such a link would print the document's title, and its filename in the URL, on
    a page anyone can read. A page that is itself private may link to one.
    """

    def clean(self):
        super().clean()
        if self.pk and self.get_view_restrictions().exists():
            return
        documents = restricted_documents_linked_from(self)
        if documents:
            raise ValidationError(
                "This page is public, so it cannot link to "
                + ", ".join(f"'{document.title}'" for document in documents)
                + ": that material is shared only with a named group. Remove the link, "
                "or make the page private to that group."
            )
