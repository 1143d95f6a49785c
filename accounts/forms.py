"""The sign-up form: a work address from the allow-list, and who the person is."""

from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.contrib.auth.hashers import make_password
from wagtail.models import Site

from accounts.models import AccountSettings


def account_settings(request):
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return AccountSettings.for_site(site)


class PractitionerSignupForm(SignupForm):
    """allauth's sign-up form plus name, organisation and role.

    The domain check lives here rather than in the adapter's `clean_email`, which
    allauth also calls for password resets: an account whose domain later leaves
    the list must still be able to reset its password (and so be told nothing
    about whether it exists). What the refusal reveals is the allow-list only.
    """

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    organisation = forms.CharField(
        label="Organisation",
        max_length=150,
        help_text="The school, service or agency you work for.",
    )
    job_role = forms.CharField(
        label="Role", max_length=150, help_text="For example: designated safeguarding lead."
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
