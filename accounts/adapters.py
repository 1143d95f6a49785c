"""allauth's adapters, with the messages people meet on the account pages in our own words."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The email address or the password is not right. Check both and try again."
        ),
        "enter_current_password": "Your current password is not right. Check it and try again.",
        "incorrect_password": "The password is not right. Check it and try again.",
    }


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": (
            "The code is not right. Enter the code your app shows now: each code works once."
        ),
    }
