"""Demo users and account settings, for trying the access rules by hand. Development only.

The contracts in `shared/design/architecture.md` fix these addresses:
- practitioner@demo.example: approved into the Demo Valley practitioners group;
- pending@demo.example: signed up and verified, not approved, so sees only public content;
- other@demo.example: approved for another partnership's group only;
- editor@demo.example: a partnership editor, who may also publish.
One more, so that the approval queue can be tried (and tested) without a superuser:
- admin@demo.example: a partnership administrator, who approves practitioners, and
  also an auditor (the Auditors group: admin access and the Sensitive downloads
  report, which lists and exports every download of OFFICIAL-SENSITIVE material;
  nothing else).

Everyone with admin access must pass MFA (accounts.middleware). The demo editor and
administrator are enrolled with DEMO_TOTP_SECRET, a published, demo-only secret:
tests compute codes from it (`current_totp_code()`), and a person can add it to an
authenticator app by hand. Never enrol a real account with it.
"""

import datetime
import time

from allauth.account.models import EmailAddress
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Site

from accounts.models import AccountSettings, ApprovalStatus

PRACTITIONER_GROUP = "Demo Valley practitioners"
OTHER_PARTNERSHIP_GROUP = "Other Partnership practitioners"
ADMINISTRATORS_GROUP = "Partnership administrators"
AUDITORS_GROUP = "Auditors"
# Both created by Wagtail's own migrations: Editors draft, Moderators publish.
EDITORS_GROUPS = ["Editors", "Moderators"]
# Demo only, published in the README: base32, for the editor's and administrator's TOTP.
DEMO_TOTP_SECRET = "DEMOVALLEYEDITORTOTPDEMOONLY2345"
ALLOWED_DOMAINS = ["demo.example", "school.demo.example"]
ACCESS_CONTACT = "the Demo Valley partnership business unit (access@demo.example)"

# email, first name, last name, organisation, role, approved into, groups, MFA
DEMO_USERS = [
    (
        "practitioner@demo.example",
        "Priya",
        "Practitioner",
        "Northbridge Primary School",
        "Designated safeguarding lead",
        PRACTITIONER_GROUP,
        [],
        False,
    ),
    (
        "pending@demo.example",
        "Pat",
        "Pending",
        "Eastwood Health Centre",
        "Practice nurse",
        None,
        [],
        False,
    ),
    (
        "other@demo.example",
        "Olu",
        "Other",
        "Other Partnership youth service",
        "Youth worker",
        OTHER_PARTNERSHIP_GROUP,
        [],
        False,
    ),
    ("editor@demo.example", "Eddie", "Editor", "", "", None, EDITORS_GROUPS, True),
    (
        "admin@demo.example",
        "Ada",
        "Administrator",
        "",
        "",
        None,
        [ADMINISTRATORS_GROUP, AUDITORS_GROUP],
        True,
    ),
]


def current_totp_code(secret=DEMO_TOTP_SECRET, margin=5):
    """The code an authenticator app holding `secret` shows now.

    With fewer than `margin` seconds of the period left it waits for the next code,
    so that a test never sends one that turns stale on its way to the server.
    """
    now = time.time()
    if TOTP_PERIOD - now % TOTP_PERIOD < margin:
        time.sleep(TOTP_PERIOD - now % TOTP_PERIOD + 0.1)
        now = time.time()
    return format_hotp_value(hotp_value(secret, int(now) // TOTP_PERIOD))


# The time step whose code was last handed out, per secret (see unused_totp_code).
_last_step = {}


def unused_totp_code(secret=DEMO_TOTP_SECRET):
    """A current code that no earlier call returned.

    allauth accepts each code only once, so two sign-ins to one long-running server
    (the browser tests' demo site) within the same 30 seconds need different codes:
    the second waits for the next one.
    """
    if _last_step.get(secret) == int(time.time()) // TOTP_PERIOD:
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.1)
    code = current_totp_code(secret)
    _last_step[secret] = int(time.time()) // TOTP_PERIOD
    return code


def ensure_group(name, *permissions):
    """The group called `name`; a new one gets exactly `permissions` ("app_label.codename")."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for permission in permissions:
            app_label, codename = permission.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


def administrators_group():
    """Admin access, approving practitioners and editing the allow-list; nothing else."""
    return ensure_group(
        ADMINISTRATORS_GROUP,
        "wagtailadmin.access_admin",
        "accounts.approve_practitioner",
        "accounts.change_accountsettings",
    )


def auditors_group():
    """Admin access and the log of sensitive downloads (read and export); nothing else."""
    return ensure_group(
        AUDITORS_GROUP, "wagtailadmin.access_admin", "resources.view_sensitivedownload"
    )


def load_account_settings(site=None):
    """The demo allow-list, contact and practitioner group, unless an editor set them."""
    site = site or Site.objects.get(is_default_site=True)
    account_settings = AccountSettings.for_site(site)
    if not account_settings.allowed_domains:
        account_settings.allowed_domains = "\n".join(ALLOWED_DOMAINS)
        account_settings.access_contact = ACCESS_CONTACT
        account_settings.practitioner_group, _ = Group.objects.get_or_create(
            name=PRACTITIONER_GROUP
        )
        account_settings.save()
    return account_settings


def _ensure_verified_email(user):
    if not EmailAddress.objects.filter(user=user).exists():
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def _ensure_totp(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


def load_users():
    """Create any missing demo user, with what they need; return them by email.

    Safe to run again: an existing user keeps their groups and approval, and only
    gains a missing verified email address or authenticator.
    """
    user_model = get_user_model()
    load_account_settings()
    administrators_group()
    auditors_group()
    users = {}
    for email, first, last, organisation, role, approved_into, groups, mfa in DEMO_USERS:
        user = user_model.objects.filter(username=email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=email,
                email=email,
                password=settings.DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                organisation=organisation,
                job_role=role,
            )
            for name in groups:
                user.groups.add(Group.objects.get_or_create(name=name)[0])
            if approved_into:
                group, _ = Group.objects.get_or_create(name=approved_into)
                user.groups.add(group)
                user.approval_status = ApprovalStatus.APPROVED
                user.approved_group = group
                user.approval_decided_at = timezone.now()
                user.approval_expires_at = timezone.now() + datetime.timedelta(days=365)
                user.save()
        _ensure_verified_email(user)
        if mfa:
            _ensure_totp(user)
        users[email] = user
    return users
