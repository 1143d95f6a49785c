"""The account pages in the site's style, following GOV.UK's patterns: sentence case, one
h1 and one primary button, an error summary linked to the fields, an "Error: " title,
the right input attributes, and a pending practitioner told whom to ask."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders

from accounts.allauth_internals import current_totp_code, enrol_totp
from accounts.testing import TOTP_SECRET, login_with_mfa

from .conftest import PASSWORD, signup_data

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """What these tests read of a page: headings, buttons, title, inputs, links, ids."""

    def __init__(self, html):
        super().__init__()
        self.title = ""
        self.headings, self.buttons, self.inputs, self.links = [], [], {}, []
        self.ids = set()
        self._open = None
        self._text = ""
        self._attrs = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "input" and attrs.get("type") != "hidden":
            self.inputs[attrs.get("name")] = attrs
        if tag in ("title", "h1", "h2", "button", "a", "main"):
            if tag == "main":
                self.in_main = True
                return
            self._open, self._text, self._attrs = tag, "", attrs

    def handle_data(self, data):
        if self._open:
            self._text += data

    def handle_endtag(self, tag):
        if tag != self._open:
            return
        text = " ".join(self._text.split())
        if tag == "title":
            self.title = text
        elif tag in ("h1", "h2"):
            self.headings.append((tag, text))
        elif tag == "button" and getattr(self, "in_main", False):
            self.buttons.append((text, self._attrs.get("class", "")))
        elif tag == "a":
            self.links.append((text, self._attrs.get("href", "")))
        self._open = None

    @property
    def h1s(self):
        return [text for tag, text in self.headings if tag == "h1"]

    def primary_buttons(self):
        return [text for text, classes in self.buttons if "button--" not in classes]


def page(response):
    assert response.status_code == 200, response.status_code
    return Page(response.content.decode())


def assert_gov_uk_page(response, heading):
    """One h1 (the one expected), sentence case, at most one primary button."""
    html = page(response)
    assert html.h1s == [heading]
    assert html.title.startswith(heading)
    for _tag, text in html.headings:
        assert_sentence_case(text)
    for text, _classes in html.buttons:
        assert_sentence_case(text)
    assert len(html.primary_buttons()) <= 1, html.buttons
    return html


def assert_sentence_case(text):
    """No capital after the first word, except "I" and proper nouns we use."""
    for word in text.split()[1:]:
        if word[0].isupper():
            assert word in {"I", "Microsoft", "Google", "Authenticator"}, text


@pytest.fixture
def mfa_user(make_user, account_settings):
    user = make_user("eve@school.example")
    enrol_totp(user, TOTP_SECRET)
    return user


SIGNED_OUT_PAGES = [
    ("/accounts/login/", "Sign in"),
    ("/accounts/signup/", "Create an account"),
    ("/accounts/password/reset/", "Reset your password"),
    ("/accounts/password/reset/done/", "Check your email"),
    ("/accounts/password/reset/key/done/", "Your password has been changed"),
    ("/accounts/confirm-email/", "Check your email"),
    ("/accounts/confirm-email/not-a-key/", "Confirm your email address"),
    ("/accounts/password/reset/key/1-not-a-key/", "This link no longer works"),
    ("/accounts/inactive/", "This account is closed"),
]


@pytest.mark.parametrize(("path", "heading"), SIGNED_OUT_PAGES)
def test_signed_out_pages(client, account_settings, path, heading):
    assert_gov_uk_page(client.get(path), heading)


SIGNED_IN_PAGES = [
    ("/accounts/logout/", "Sign out"),
    ("/accounts/email/", "Your email address"),
    ("/accounts/password/change/", "Change your password"),
    ("/accounts/2fa/", "Two-factor authentication"),
    ("/accounts/2fa/recovery-codes/", "Your recovery codes"),
    ("/accounts/2fa/recovery-codes/generate/", "Make new recovery codes"),
    ("/accounts/2fa/totp/deactivate/", "Turn off two-factor authentication"),
    ("/accounts/profile/", "Your account"),
    ("/accounts/delete/", "Delete your account"),
]


@pytest.mark.parametrize(("path", "heading"), SIGNED_IN_PAGES)
def test_signed_in_pages(client, mfa_user, path, heading):
    login_with_mfa(client, mfa_user)
    # Recovery codes and turning off MFA ask for the password again first.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert_gov_uk_page(client.get(path), heading)


def test_reauthentication_pages(client, pending_user):
    client.force_login(pending_user)
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert_gov_uk_page(response, "Confirm it is you")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    html = assert_gov_uk_page(
        client.get("/accounts/2fa/totp/activate/"), "Set up an authenticator app"
    )
    assert_code_input(html.inputs["code"])


def test_the_code_page_has_one_primary_button_and_a_numeric_code_input(client, mfa_user):
    response = client.post("/accounts/login/", {"login": mfa_user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    html = assert_gov_uk_page(
        client.get("/accounts/2fa/authenticate/"), "Enter the code from your authenticator app"
    )
    assert html.buttons == [("Sign in", "button"), ("Cancel signing in", "button button--link")]
    assert_code_input(html.inputs["code"])
    assert "placeholder" not in html.inputs["code"]


def assert_code_input(attrs):
    assert attrs["inputmode"] == "numeric"
    assert attrs["autocomplete"] == "one-time-code"
    assert attrs["pattern"] == "[0-9]*"
    assert attrs["spellcheck"] == "false"


def test_wrong_code_is_summarised_and_linked_to_the_field(client, mfa_user):
    client.post("/accounts/login/", {"login": mfa_user.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    html = page(response)
    assert html.title.startswith("Error: ")
    assert_error_summary_links(html, {"id_code"})
    assert "The code is not right" in response.content.decode()
    # The right code still signs in.
    code = current_totp_code(TOTP_SECRET)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302


def assert_error_summary_links(html, field_ids, by_the_field=True):
    """The summary links to each field; each field's own message is tied to its input."""
    assert ("h2", "There is a problem") in html.headings
    summary_targets = {href[1:] for _text, href in html.links if href.startswith("#id_")}
    assert summary_targets == field_ids
    if not by_the_field:
        return
    assert {f"{field_id}_error" for field_id in field_ids} <= html.ids
    for name, attrs in html.inputs.items():
        if attrs.get("id") in field_ids:
            assert f"{attrs['id']}_error" in attrs["aria-describedby"].split(), name
            assert attrs["aria-invalid"] == "true"


def test_sign_in_errors_keep_the_email_address_but_not_the_password(client, pending_user):
    response = client.post(
        "/accounts/login/", {"login": pending_user.email, "password": "not-the-password"}
    )
    html = page(response)
    assert html.title.startswith("Error: Sign in")
    # A wrong password is about the form as a whole: the summary links to its first field.
    assert_error_summary_links(html, {"id_login"}, by_the_field=False)
    assert "The email address or the password is not right" in response.content.decode()
    assert html.inputs["login"]["value"] == pending_user.email
    assert "value" not in html.inputs["password"]


def test_an_empty_field_is_asked_for_by_name(client, account_settings):
    response = client.post("/accounts/login/", {"login": "", "password": ""})
    assert "Enter your email address" in response.content.decode()
    assert "Enter your password" in response.content.decode()
    response = client.post("/accounts/signup/", signup_data("", password1="", password2=""))
    for message in ("Enter your work email address", "Create a password"):
        assert message in response.content.decode()
    assert "This field is required" not in response.content.decode()


def test_sign_in_inputs(client):
    html = page(client.get("/accounts/login/"))
    assert html.inputs["login"]["type"] == "email"
    assert html.inputs["login"]["autocomplete"] == "email"
    assert html.inputs["login"]["spellcheck"] == "false"
    assert html.inputs["password"]["autocomplete"] == "current-password"
    assert ("I have forgotten my password", "/accounts/password/reset/") in html.links


def test_sign_up_errors_are_summarised_and_typed_words_kept(client, account_settings):
    data = signup_data("sam@school.example", first_name="", password2="something-else")
    html = page(client.post("/accounts/signup/", data))
    assert html.title.startswith("Error: Create an account")
    assert_error_summary_links(html, {"id_first_name", "id_password2"})
    assert html.inputs["email"]["value"] == "sam@school.example"
    assert html.inputs["organisation"]["value"] == "Northbridge Primary"
    assert "value" not in html.inputs["password1"]
    assert html.inputs["password1"]["autocomplete"] == "new-password"
    assert html.inputs["first_name"]["autocomplete"] == "given-name"


def test_change_password_errors(client, pending_user):
    client.force_login(pending_user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "short", "password2": "short"},
    )
    html = page(response)
    assert html.title.startswith("Error: Change your password")
    assert_error_summary_links(html, {"id_oldpassword", "id_password1"})
    assert "Your current password is not right" in response.content.decode()


def test_reset_from_key_page(client, pending_user):
    key = default_token_generator.make_token(pending_user)
    path = f"/accounts/password/reset/key/{user_pk_to_url_str(pending_user)}-{key}/"
    response = client.get(path, follow=True)
    html = assert_gov_uk_page(response, "Choose a new password")
    assert html.inputs["password1"]["autocomplete"] == "new-password"


def test_email_confirmation_page(client, make_user, account_settings):
    user = make_user("new@school.example", verified=False)
    address = EmailAddress.objects.get(user=user)
    key = EmailConfirmationHMAC(address).key
    html = assert_gov_uk_page(
        client.get(f"/accounts/confirm-email/{key}/"), "Confirm your email address"
    )
    assert html.buttons == [("Confirm my email address", "button")]


def test_pending_practitioner_is_told_whom_to_ask_on_the_account_page_and_every_page(
    client, pending_user, account_settings, home_page
):
    client.force_login(pending_user)
    for path in ("/accounts/profile/", "/"):
        html = client.get(path).content.decode()
        assert "Your account is awaiting approval by the partnership" in html
        assert account_settings.access_contact in html


def test_editors_are_not_told_they_await_approval(client, make_user, partnership):
    editor = make_user("eddie@test-valley.example")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "awaiting approval" not in client.get("/accounts/profile/").content.decode()


def test_approved_practitioner_is_not_told_to_wait(client, approved_user):
    client.force_login(approved_user)
    assert "awaiting approval" not in client.get("/accounts/profile/").content.decode()


def test_no_allauth_title_case_is_left(client, mfa_user):
    """allauth's own words ("Sign In", "Forgot your password?") are all replaced."""
    login_with_mfa(client, mfa_user)
    pages = [path for path, _heading in SIGNED_IN_PAGES]
    client.logout()
    pages_out = [path for path, _heading in SIGNED_OUT_PAGES]
    for path in pages_out:
        html = client.get(path).content.decode()
        assert not re.search(r"Sign In|Sign Up|Forgot your password", html), path
    login_with_mfa(client, mfa_user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    for path in pages:
        html = client.get(path).content.decode()
        assert not re.search(r"Sign In|Sign Out|Two-Factor", html), path


def test_sign_in_with_errors_stays_within_the_page_weight_budget(client):
    """HTML, CSS and JS under 40 KiB gzipped, as for every public page."""
    html = client.post("/accounts/login/", {"login": "", "password": ""}).content
    files = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert b"accounts/error-summary.js" in files
    parts = [html] + [Path(finders.find(name.decode())).read_bytes() for name in files]
    assert sum(len(gzip.compress(part, compresslevel=6)) for part in parts) < 40 * 1024
