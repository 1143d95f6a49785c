import re

from django import forms

MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    """The search box.

    The browser must not remember what was typed (`autocomplete="off"`), and
    Chrome's enhanced spell check, which sends text to Google, stays off.
    """

    query = forms.CharField(
        label="Search this site",
        help_text="Pages and documents on this site. This site does not keep what you type.",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": "Enter a word or phrase to search for.",
            "max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "enterkeyhint": "search"}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_query(self):
        """Only the words: quotes and brackets would be read as search syntax by the
        database, and an unmatched quote is an error there."""
        words = re.findall(r"\w+", self.cleaned_data["query"])
        if not words:
            raise forms.ValidationError(self.fields["query"].error_messages["required"])
        return " ".join(words)
