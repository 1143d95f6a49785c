"""What the site's own forms share: labels without a colon, and boxes that leave no trace."""

from django import forms


class SiteForm(forms.Form):
    """A form whose labels end without Django's colon, as every label on the site does."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class UntracedSearchInput(forms.TextInput):
    """A box for what someone is looking for, which may say more about them than they
    would want kept: the browser does not remember what was typed
    (`autocomplete="off"`), and Chrome's enhanced spell check, which sends text to
    Google, stays off. Phones show a search key."""

    def __init__(self, attrs=None):
        untraced = {"autocomplete": "off", "spellcheck": "false", "enterkeyhint": "search"}
        super().__init__(untraced | (attrs or {}))
