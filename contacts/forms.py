from django import forms

from contacts import area_finder
from core.forms import SiteForm, UntracedSearchInput

MAX_PLACE_LENGTH = 100


class AreaFinderForm(SiteForm):
    """The box that finds the child's area from a town, village or postcode.

    Like search, it leaves no trace (`UntracedSearchInput`).
    """

    place = forms.CharField(
        label="Not sure which area? Enter a town, village or postcode",
        help_text="For example Thatcham or RG19. This site does not keep what you type.",
        max_length=MAX_PLACE_LENGTH,
        error_messages={
            "required": "Enter the town, village or postcode where the child lives.",
            "max_length": f"Enter {MAX_PLACE_LENGTH} characters or fewer.",
        },
        widget=UntracedSearchInput(),
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        self.found = []

    def clean_place(self):
        place = self.cleaned_data["place"]
        self.found = area_finder.find_areas(place, self.areas)
        if not self.found:
            raise forms.ValidationError(
                "We could not find that place in our areas. Check the spelling, or try "
                "the postcode. If the child lives outside our areas, choose Somewhere else.",
                code="not_found",
            )
        return place
