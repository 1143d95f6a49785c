"""Fixtures for the account tests: the allow-list, groups, users in each state."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts import approval
from accounts.models import AccountSettings
from safeguarding.testing.fixtures import PASSWORD


def signup_data(email, **extra):
    """What a practitioner types into the sign-up form."""
    return {
        "email": email,
        "first_name": "Sam",
        "last_name": "Signer",
        "organisation": "Northbridge Primary",
        "job_role": "Designated safeguarding lead",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


@pytest.fixture
def account_settings(partnership, site, practitioners):
    settings = AccountSettings.for_site(site)
    settings.allowed_domains = "school.example\nnhs.net\n"
    settings.access_contact = "the business unit at access@test-valley.example"
    settings.practitioner_group = practitioners
    settings.save()
    return settings


@pytest.fixture
def pending_user(make_user, account_settings):
    return make_user(
        "pat@school.example",
        first_name="Pat",
        last_name="Pending",
        organisation="Northbridge Primary",
        job_role="Designated safeguarding lead",
    )


@pytest.fixture
def approved_user(make_user, account_settings, practitioners):
    user = make_user("priya@school.example", first_name="Priya", organisation="Clinic")
    return approval.approve(user, practitioners, datetime.timedelta(days=360), notify=False)


@pytest.fixture
def administrator(make_user):
    """A partnership administrator: admin access, approvals and the allow-list; nothing else."""
    user = make_user("ada@test-valley.example", first_name="Ada")
    group = Group.objects.create(name="Partnership administrators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(codename="approve_practitioner"),
        Permission.objects.get(codename="change_accountsettings"),
    )
    user.groups.add(group)
    return user


def expire_now(user):
    user.approval_expires_at = timezone.now() - datetime.timedelta(minutes=1)
    user.save(update_fields=["approval_expires_at"])
