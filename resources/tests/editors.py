"""People who use the admin in the resource tests, signed in with MFA passed.

The admin opens only after MFA (accounts.middleware), so every admin client here
goes through `login_with_mfa`. Test modules import the fixtures by their function
names (`admin_fixture`, `editor_fixture`) and use them as `admin` and `editor`.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupCollectionPermission

from accounts.testing import login_with_mfa


@pytest.fixture(name="editor")
def editor_fixture(make_user):
    """A partnership editor: a member of Wagtail's own Editors group."""
    user = make_user("eddie@test-valley.example")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture(name="admin")
def admin_fixture(client, editor):
    """A test client signed in to the admin as `editor`."""
    return login_with_mfa(client, editor)


def admin_limited_to(client, make_user, collection, app_label, model):
    """An admin client for someone who may add, change and choose `model` in one collection."""
    group = Group.objects.create(name=f"{collection.name} {model} editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for action in ("add", "change", "choose"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            ),
        )
    user = make_user(f"{model}-uploader@test-valley.example")
    user.groups.add(group)
    return login_with_mfa(client, user)
