from wagtail.documents.models import AbstractDocument, Document


class Resource(AbstractDocument):
    """A document in the partnership's resource library.

    Wagtail's document model is swapped for this one from the first migration,
    because changing it later needs a data migration. Audiences and protective
    marking fields belong here as the library grows.
    """

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "resource"
        verbose_name_plural = "resources"
