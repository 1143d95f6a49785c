"""Group-only privacy for collections (P8), as `core.pages.SitePage` gives pages.

Wagtail can turn off the shared password for collections but still offers "any
signed-in user", which would admit practitioners who signed up but are not
approved. This view shadows Wagtail's collection privacy dialog at the same URL
(see `safeguarding/urls.py`) and offers only "public" and "specific groups".
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.models import BaseViewRestriction, Collection
from wagtail.permissions import collection_permission_policy

ALLOWED_TYPES = {BaseViewRestriction.NONE, BaseViewRestriction.GROUPS}


class GroupOnlyCollectionViewRestrictionForm(CollectionViewRestrictionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restriction_type"].choices = [
            choice
            for choice in self.fields["restriction_type"].choices
            if choice[0] in ALLOWED_TYPES
        ]


@require_admin_access
def set_collection_privacy(request, collection_id):
    """Wagtail's dialog, step for step, with the group-only form."""
    collection = get_object_or_404(Collection, id=collection_id)
    if not collection_permission_policy.user_has_permission_for_instance(
        request.user, "change", collection
    ):
        raise PermissionDenied

    # Ancestors first: a restriction there governs this collection too.
    restriction = collection.get_view_restrictions().order_by("collection__depth").first()
    if restriction is not None and restriction.collection_id != collection.pk:
        return render_modal_workflow(
            request,
            "wagtailadmin/collection_privacy/ancestor_privacy.html",
            None,
            {"collection_with_restriction": restriction.collection},
        )

    if request.method == "POST":
        form = GroupOnlyCollectionViewRestrictionForm(request.POST, instance=restriction)
        if form.is_valid():
            if form.cleaned_data["restriction_type"] == BaseViewRestriction.NONE:
                if restriction is not None:
                    restriction.delete()
            else:
                form.instance.collection = collection
                form.save()
            return render_modal_workflow(
                request,
                None,
                None,
                None,
                json_data={
                    "step": "set_privacy_done",
                    "is_public": form.cleaned_data["restriction_type"] == BaseViewRestriction.NONE,
                },
            )
    elif restriction is not None:
        form = GroupOnlyCollectionViewRestrictionForm(instance=restriction)
    else:
        form = GroupOnlyCollectionViewRestrictionForm(
            initial={"restriction_type": BaseViewRestriction.NONE}
        )
    return render_modal_workflow(
        request,
        "wagtailadmin/shared/set_privacy.html",
        None,
        {
            "action_url": reverse("wagtailadmin_collections:set_privacy", args=(collection.pk,)),
            "object": collection,
            "form": form,
        },
        json_data={"step": "set_privacy"},
    )
