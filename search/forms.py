import re

from django import forms

from core.forms import SiteForm, UntracedSearchInput

MAX_QUERY_LENGTH = 100
MAX_MESSAGE_LENGTH = 500
KINDS = [("", "Everything"), ("page", "Pages"), ("document", "Documents")]


class SearchForm(SiteForm):
    """The search box, what to show and which page of results: all of it posted, so
    that nothing of a search is ever in the address. The box leaves no trace
    (`UntracedSearchInput`)."""

    query = forms.CharField(
        label="Search this site",
        help_text="Pages and documents on this site. This site does not keep what you type.",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": "Enter a word or phrase to search for.",
            "max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer.",
        },
        widget=UntracedSearchInput(),
    )
    kind = forms.ChoiceField(label="Show", choices=KINDS, required=False, widget=forms.RadioSelect)
    page = forms.IntegerField(min_value=1, required=False)

    def clean_query(self):
        """Only the words: quotes and brackets would be read as search syntax by the
        database, and an unmatched quote is an error there."""
        words = re.findall(r"\w+", self.cleaned_data["query"])
        if not words:
            raise forms.ValidationError(self.fields["query"].error_messages["required"])
        return " ".join(words)

    def clean_page(self):
        return self.cleaned_data["page"] or 1


class HeaderSearchForm(SearchForm):
    """The same box in the site header, with ids of its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "header-search-%s")
        super().__init__(*args, **kwargs)
        self.fields["query"].help_text = ""


class MissingForm(SiteForm):
    """What someone could not find, for the editors: the message and nothing else."""

    message = forms.CharField(
        label="What were you looking for?",
        help_text="Do not include your name or anything that could identify you or a child. "
        "We cannot reply.",
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        error_messages={
            "required": "Say what you were looking for.",
            "max_length": f"Write {MAX_MESSAGE_LENGTH} characters or fewer.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
