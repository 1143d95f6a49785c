"""Practitioner accounts: who a person says they are, and whether they are approved.

Being signed in grants nothing (P8 in the README): access to restricted
material comes only from membership of a partnership's practitioner group, which an
administrator grants here and which lapses when the approval expires.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Approval expired"
    REMOVED = "removed", "Removed (left or no longer needs access)"


class User(AbstractUser):
    """The platform's user, with what a practitioner tells us and the approval state.

    Custom from the first migration because swapping the user model on a live
    database is a painful migration. Organisation and role are as the person gave
    them at sign-up: an administrator checks them before approving.
    """

    organisation = models.CharField(max_length=150, blank=True)
    job_role = models.CharField("role", max_length=150, blank=True)
    approval_status = models.CharField(
        max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    approval_decided_at = models.DateTimeField(null=True, blank=True)
    approval_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approval_expires_at = models.DateTimeField(null=True, blank=True)
    approved_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [
            ("approve_practitioner", "Can approve, decline, renew and remove practitioners"),
        ]

    @property
    def is_approved(self):
        return self.approval_status == ApprovalStatus.APPROVED

    @property
    def awaits_approval(self):
        """A practitioner's account the partnership has not decided on yet.

        Editors and administrators keep the default status too, but they sign in for the
        editing area and wait for nothing: they are not told that they do.
        """
        return self.approval_status == ApprovalStatus.PENDING and not self.has_perm(
            "wagtailadmin.access_admin"
        )


@register_setting(icon="user")
class AccountSettings(BaseSiteSetting):
    """Who may sign up on this site, who approves them into which group, and for how long.

    A site setting, so that each partnership on a shared installation keeps its own
    allow-list and practitioner group. A domain on the list only lets a person ask:
    national domains such as nhs.net are fine here because approval is always manual.
    """

    allowed_domains = models.TextField(
        blank=True,
        help_text=(
            "Work email domains that may sign up, one per line (for example "
            "northbridge.gov.uk). Only the exact domain matches, not its subdomains. "
            "Everyone who signs up still waits for approval."
        ),
    )
    access_contact = models.CharField(
        "who to contact about access",
        max_length=200,
        blank=True,
        help_text=(
            "Shown when a domain is not on the list, for example "
            "'the partnership business unit at access@example.gov.uk'."
        ),
    )
    practitioner_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Approved practitioners join this group; restricted pages name it.",
    )
    approval_months = models.PositiveSmallIntegerField(
        "approval lasts (months)",
        default=12,
        help_text="After this, an approval lapses unless an administrator renews it.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("allowed_domains"), FieldPanel("access_contact")], heading="Sign-up"
        ),
        MultiFieldPanel(
            [FieldPanel("practitioner_group"), FieldPanel("approval_months")], heading="Approval"
        ),
    ]

    class Meta:
        verbose_name = "practitioner accounts"

    def domain_list(self):
        return {
            line.strip().lower().lstrip("@")
            for line in self.allowed_domains.splitlines()
            if line.strip()
        }

    def allows(self, email):
        domain = email.rpartition("@")[2].strip().lower()
        return bool(domain) and domain in self.domain_list()

    def approval_period(self):
        # A month is taken as 30 days: close enough for a review cycle, and exact to test.
        return datetime.timedelta(days=30 * self.approval_months)
