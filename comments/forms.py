"""The comment form and its defences against spam and abuse, with no third-party service.

- a honeypot field, hidden from people and left empty by them;
- a signed token made when the form is shown (`django.core.signing`): a form sent within
  TOO_FAST_SECONDS of being shown, or more than FORM_LIFETIME_SECONDS after, is refused. Its
  random part is the comment's submission key, so a form sent twice makes one comment;
- a limit on links, a maximum length, and the editors' list of blocked words
  (`CommentSettings`);
- a rate limit per address, in the view (allauth's, in the shared cache).

Every refusal says what to change, and the form comes back with what was typed.
"""

import re
import secrets
import time

from django import forms
from django.core import signing

from comments.models import FORM_LIFETIME_SECONDS, MAX_LENGTH, TOO_FAST_SECONDS

TOKEN_SALT = "comments.form"
LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|uk|info|biz|io|co|ru|xyz)\b",
    re.IGNORECASE,
)


def issue_token(now=None):
    """A signed token holding when the form was shown and a random submission key."""
    now = time.time() if now is None else now
    return signing.dumps({"t": int(now), "k": secrets.token_hex(16)}, salt=TOKEN_SALT)


def count_links(text):
    return len(LINK.findall(text))


def find_blocked_word(text, words):
    """The first of `words` found in `text`, as the text spells it; None for none."""
    for word in words:
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        if match:
            return match.group()
    return None


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Up to {MAX_LENGTH:,} characters. Do not include anyone's name, address "
        "or other details that could identify a child or family.",
        error_messages={"required": "Write your comment before you send it."},
    )
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=100,
        help_text="Shown with your comment. Leave it empty to be shown as 'Anonymous'.",
        error_messages={"max_length": "Keep your name to 100 characters or fewer."},
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text="Only to tell you when your comment is published. It is never shown.",
        error_messages={
            "invalid": "Enter an email address like name@example.com, or leave it empty."
        },
    )
    # The honeypot: hidden from people by the stylesheet, labelled for those who still meet it.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, comment_settings=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment_settings = comment_settings
        self.now = now
        self.submission_key = None

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Write your comment before you send it.")
        if len(body) > MAX_LENGTH:
            raise forms.ValidationError(
                f"Your comment is {len(body):,} characters long. Shorten it to "
                f"{MAX_LENGTH:,} characters or fewer."
            )
        max_links = self.comment_settings.max_links if self.comment_settings else 2
        links = count_links(body)
        if links > max_links:
            raise forms.ValidationError(
                f"Your comment has {links} web addresses. Remove some: at most {max_links} "
                "may be included."
                if max_links
                else "Remove the web addresses from your comment: none may be included."
            )
        words = self.comment_settings.blocked_word_list() if self.comment_settings else []
        word = find_blocked_word(body, words)
        if word:
            raise forms.ValidationError(
                f"Your comment contains '{word}', which we do not publish. Remove it and "
                "send your comment again."
            )
        return body

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                "Leave the field 'Leave this field empty' empty, then send your comment again."
            )
        return ""

    def clean_token(self):
        now = time.time() if self.now is None else self.now
        try:
            data = signing.loads(
                self.cleaned_data["token"], salt=TOKEN_SALT, max_age=FORM_LIFETIME_SECONDS
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "This form was open for more than 2 hours, so we could not accept it. Check "
                "your comment below and send it again."
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "We could not check this form. Check your comment below and send it again."
            ) from None
        if now - data["t"] > FORM_LIFETIME_SECONDS:
            raise forms.ValidationError(
                "This form was open for more than 2 hours, so we could not accept it. Check "
                "your comment below and send it again."
            )
        if now - data["t"] < TOO_FAST_SECONDS:
            raise forms.ValidationError(
                "Your comment was sent very quickly after the form opened, as automated "
                "spam is. Check your comment below and send it again."
            )
        self.submission_key = data["k"]
        return self.cleaned_data["token"]
