"""Admin forms for resources and images, with the marking rules built in.

Wagtail builds its document and image forms on these bases
(WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE), for single and
multiple uploads alike.
"""

from django import forms
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from resources.marking import marking_errors
from resources.models import Audience, Classification, Topic

# The multiple uploader posts only the title, file and collection; these fields
# then take the model's default instead of failing as "required".
FIELDS_WITH_DEFAULTS = {"language": "en", "classification": Classification.OFFICIAL}


class ResourceForm(BaseDocumentForm):
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who it is written for. 'The public' needs material cleared for public release.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "publication_date": forms.DateInput(attrs={"type": "date"}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "embargoed_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELDS_WITH_DEFAULTS:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        for name, default in FIELDS_WITH_DEFAULTS.items():
            if name in self.fields and not cleaned_data.get(name):
                cleaned_data[name] = default
        return cleaned_data

    def _post_clean(self):
        # The rules read the updated instance, which ModelForm builds here.
        super()._post_clean()
        for field, message in marking_errors(self.instance).items():
            self.add_error(field if field in self.fields else None, message)


class ImageForm(BaseImageForm):
    """Images are never private (P1): keep them out of private collections."""

    def clean_collection(self):
        collection = self.cleaned_data["collection"]
        if collection is not None and collection.get_view_restrictions().exists():
            raise forms.ValidationError(
                "Images in a private collection are still public on this website. Upload "
                "restricted material as a document instead, or choose a public collection."
            )
        return collection
