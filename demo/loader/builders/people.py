"""Groups (with their permissions) and users (approved through `accounts.approval`)."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from accounts.allauth_internals import enrol_totp
from accounts.approval import approve

from ..data import DemoDataError, namespace
from .base import Builder, clean


class GroupBuilder(Builder):
    """A group, found by name. Its `permissions` ("app_label.codename") are added when
    missing, also to a group that already exists (Wagtail's own Editors and Moderators);
    a permission is never taken away."""

    special = ("permissions",)

    def build(self, node, ref):
        plain, _, _ = self.values(node, ref)
        group = Group.objects.filter(name=plain["name"]).first()
        if group is None:
            group = Group(**plain)
            clean(node, group)
            group.save()
        for name in node.fields.get("permissions", []):
            app_label, _, codename = name.partition(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise DemoDataError(f"{node}: no permission {name!r}")
            group.permissions.add(permission)
        return group


class UserBuilder(Builder):
    """A demo user, found by email address (also their username).

    A new user gets the password in settings.DEMO_PASSWORD and their `groups`; one with
    `approved_into` is approved into that group for `approved_for_days`, as an
    administrator's approval would, without the email. Every demo user has a verified
    address, and one with `mfa = true` an authenticator holding the file's `totp_secret`.
    An existing user keeps everything else.
    """

    special = ("approved_into", "approved_for_days", "mfa")

    def special_references(self, node):
        if node.fields.get("approved_into"):
            yield namespace(Group), node.fields["approved_into"]

    def build(self, node, ref):
        plain, many, _ = self.values(node, ref)
        email = plain["email"]
        user = node.model.objects.filter(username=email).first()
        if user is None:
            user = node.model(username=email, **plain)
            user.set_password(settings.DEMO_PASSWORD)
            clean(node, user)
            user.save()
            for name, related in many.items():
                getattr(user, name).add(*related)
            if node.fields.get("approved_into"):
                group = ref(namespace(Group), node.fields["approved_into"])
                days = datetime.timedelta(days=node.fields["approved_for_days"])
                approve(user, group, days, notify=False)
        if not EmailAddress.objects.filter(user=user).exists():
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        if node.fields.get("mfa") and not totp.exists():
            enrol_totp(user, node.file_data["totp_secret"])
        return user
