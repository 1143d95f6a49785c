"""allauth's forms with our labels and input attributes, and the sign-up form.

allauth picks each form from ACCOUNT_FORMS and MFA_FORMS in the settings; the classes
here change only what a person sees and what their browser is told about each input.
"""

from allauth.account import forms as account_forms
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import password_validators_help_texts
from wagtail.models import Site

from accounts.models import AccountSettings

# What a browser needs to fill in, check and key each kind of input (GOV.UK's patterns).
EMAIL_ATTRS = {"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}
CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "pattern": "[0-9]*",
    "spellcheck": "false",
    "autocapitalize": "none",
    "class": "input--code",
}
CODE_LABEL = "Code from your authenticator app"
CODE_HINT = (
    "The 6-digit code your app shows now. If you do not have your phone, "
    "use one of your 8-digit recovery codes instead."
)


def new_password_hint():
    """The password rules in the settings, as one plain paragraph."""
    return " ".join(password_validators_help_texts())


class OurFields:
    """Our labels, hints and messages, no placeholders, and attributes by kind of input.

    `labels` and `hints` map field names to our own words; a hint of "" removes
    allauth's (the sign-in form's "Forgot your password?" link is on the page instead).
    An empty field is answered "Enter your <label>", or by its entry in `required`.
    """

    labels = {}
    hints = {}
    required = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.hints:
                field.help_text = self.hints[name]
            field.error_messages["required"] = self.required.get(
                name, f"Enter your {str(field.label)[:1].lower()}{str(field.label)[1:]}"
            )
            if isinstance(field, forms.EmailField):
                field.widget.attrs.update(EMAIL_ATTRS)
            if name == "code":
                field.widget.attrs.update(CODE_ATTRS)


class LoginForm(OurFields, account_forms.LoginForm):
    labels = {"login": "Email address", "password": "Password"}
    hints = {"password": ""}


class ResetPasswordForm(OurFields, account_forms.ResetPasswordForm):
    labels = {"email": "Email address"}


class NewPasswordFields(OurFields):
    labels = {"password1": "New password", "password2": "Type the new password again"}
    required = {"password2": "Type the new password again"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = new_password_hint()


class ResetPasswordKeyForm(NewPasswordFields, account_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(NewPasswordFields, account_forms.ChangePasswordForm):
    labels = {**NewPasswordFields.labels, "oldpassword": "Current password"}


class ReauthenticateForm(OurFields, account_forms.ReauthenticateForm):
    labels = {"password": "Password"}
    hints = {"password": ""}


class AddEmailForm(OurFields, account_forms.AddEmailForm):
    labels = {"email": "Email address"}


class AuthenticatorCode(OurFields):
    labels = {"code": CODE_LABEL}
    hints = {"code": CODE_HINT}
    required = {"code": "Enter the code from your authenticator app"}


class AuthenticateForm(AuthenticatorCode, mfa_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(AuthenticatorCode, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(AuthenticatorCode, totp_forms.ActivateTOTPForm):
    hints = {"code": "The 6-digit code the app shows after you add this account to it."}


def account_settings(request):
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return AccountSettings.for_site(site)


def text_input(autocomplete):
    return forms.TextInput(attrs={"autocomplete": autocomplete})


class PractitionerSignupForm(NewPasswordFields, account_forms.SignupForm):
    """allauth's sign-up form plus name, organisation and role, in our words.

    The domain check lives here rather than in the adapter's `clean_email`, which
    allauth also calls for password resets: an account whose domain later leaves
    the list must still be able to reset its password (and so be told nothing
    about whether it exists). What the refusal reveals is the allow-list only.
    """

    labels = {
        "email": "Work email address",
        "password1": "Create a password",
        "password2": "Type the password again",
    }
    hints = {"email": "We will send a link to this address to check that it is yours."}
    required = {"password1": "Create a password", "password2": "Type the password again"}

    first_name = forms.CharField(
        label="First name", max_length=150, widget=text_input("given-name")
    )
    last_name = forms.CharField(label="Last name", max_length=150, widget=text_input("family-name"))
    organisation = forms.CharField(
        label="Organisation",
        max_length=150,
        help_text="The school, service or agency you work for.",
        widget=text_input("organization"),
    )
    job_role = forms.CharField(
        label="Role",
        max_length=150,
        help_text="For example: designated safeguarding lead.",
        widget=text_input("organization-title"),
    )

    field_order = [
        "email",
        "first_name",
        "last_name",
        "organisation",
        "job_role",
        "password1",
        "password2",
    ]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        settings = account_settings(context.request)
        if not settings.allows(email):
            domain = email.rpartition("@")[2]
            contact = settings.access_contact or "the partnership's business unit"
            raise forms.ValidationError(
                f"Accounts are for people who work for the partnership's partner agencies, "
                f"and {domain} is not on the list of their work email domains. Use your work "
                f"email address. If you use it and see this message, contact {contact}.",
                code="domain_not_allowed",
            )
        return super().clean_email()

    def try_save(self, request):
        """Hash the password even for an address that already has an account.

        allauth then only mails the owner, while a new sign-up hashes the password,
        the slowest step of either; without the same work, the time of the answer
        would say whether the address has an account. The hash is thrown away.
        """
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)

    def custom_signup(self, request, user):
        user.organisation = self.cleaned_data["organisation"]
        user.job_role = self.cleaned_data["job_role"]
        user.save(update_fields=["organisation", "job_role"])
        super().custom_signup(request, user)
