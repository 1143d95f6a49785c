"""Group-only privacy for collections (P8), as `Page.private_page_options` gives pages.

Wagtail can turn off the shared password for collections but still offers "any
signed-in user", which would admit practitioners who signed up but are not
approved. Its collection privacy view builds this form by name, so the form is
swapped for one that offers only "public" and "specific groups".
"""

from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.models import BaseViewRestriction

ALLOWED_TYPES = {BaseViewRestriction.NONE, BaseViewRestriction.GROUPS}


class GroupOnlyCollectionViewRestrictionForm(CollectionViewRestrictionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restriction_type"].choices = [
            choice
            for choice in self.fields["restriction_type"].choices
            if choice[0] in ALLOWED_TYPES
        ]


def offer_groups_only():
    from wagtail.admin.views import collection_privacy

    collection_privacy.CollectionViewRestrictionForm = GroupOnlyCollectionViewRestrictionForm
