"""Admin forms for resources and images, with the marking rules built in.

Wagtail builds its document and image forms on these bases
(WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE), for single and
multiple uploads alike.
"""

from django import forms
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from resources.marking import marking_errors
from resources.models import Audience, Topic

# The multiple uploader posts only the title, file and collection; these fields
# then take the model's default instead of failing as "required".
FIELDS_WITH_DEFAULTS = ("language", "classification")

# A browser's date picker reads and sends ISO dates only: in the site's own format
# (01/05/2019) a stored date would show as empty, and be lost on the next save.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PRIVATE_IMAGE = (
    "Images in a private collection are still public on this website. Upload restricted "
    "material as a document instead, or choose a public collection."
)


class CollectionKnownBeforeCleaning:
    """Put the collection on the instance before validation, even when its field is hidden.

    Wagtail removes the collection field for a user who may add to one collection
    only, and sets that collection in `save()`, after validation: the rules would
    otherwise judge the model's default (the root collection) instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "collection" not in self.fields:
            self.instance.collection = self.collections[0]


class ResourceForm(CollectionKnownBeforeCleaning, BaseDocumentForm):
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who it is written for. 'The public' needs material cleared for public release.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The subjects it covers. Visitors can filter the library by topic.",
    )

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "publication_date": DATE_INPUT,
            "review_date": DATE_INPUT,
            "embargoed_until": DATE_INPUT,
        }
        # Written for editors, who meet these words only here; the model's own help
        # texts serve as they are for the other fields.
        help_texts = {
            "collection": (
                "Who can open it follows the collection's privacy. OFFICIAL-SENSITIVE "
                "material goes in the collection that is private to its sharing group."
            ),
            "publication_date": "When its author first published it, if you know.",
            "language": "The language it is written in.",
            "classification": (
                "Everything on this website is OFFICIAL. Never upload SECRET or TOP SECRET "
                "material."
            ),
            "handling_instruction": (
                "Copy it from the document's own marking. FOR PUBLIC RELEASE is for our own "
                "material cleared for everyone; choose None for another organisation's "
                "published material, such as an NSPCC leaflet."
            ),
            "embargoed_until": (
                "The date the embargo ends. Only with the EMBARGOED handling instruction."
            ),
            "descriptor": (
                "Optional. Copy it from the document's own marking, if it has one "
                "(for example PERSONAL DATA)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELDS_WITH_DEFAULTS:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        for name in FIELDS_WITH_DEFAULTS:
            if name in self.fields and not cleaned_data.get(name):
                cleaned_data[name] = self.instance._meta.get_field(name).get_default()
        return cleaned_data

    def _post_clean(self):
        # The rules read the updated instance, which ModelForm builds here.
        super()._post_clean()
        for field, message in marking_errors(self.instance).items():
            self.add_error(field if field in self.fields else None, message)


class ImageForm(CollectionKnownBeforeCleaning, BaseImageForm):
    """Images are never private (P1): keep them out of private collections.

    A new upload is refused on its file, so that the multiple uploader, which
    reports only file errors at once, shows the reason beside the file.
    """

    def clean(self):
        cleaned_data = super().clean()
        if "collection" in self.fields:
            collection = cleaned_data.get("collection")
        else:
            collection = self.instance.collection
        if collection is not None and collection.get_view_restrictions().exists():
            if self.instance.pk is None and "file" in self.fields:
                field = "file"
            else:
                field = "collection" if "collection" in self.fields else None
            self.add_error(field, PRIVATE_IMAGE)
        return cleaned_data
