"""Demo users, for trying the access rules by hand. Development only.

The contracts in `shared/design/architecture.md` fix these addresses:
- practitioner@demo.example: approved into the Demo Valley practitioners group;
- pending@demo.example: signed up, not approved, so sees only public content;
- other@demo.example: approved for another partnership's group only;
- editor@demo.example: a partnership editor, who may also publish.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PRACTITIONER_GROUP = "Demo Valley practitioners"
OTHER_PARTNERSHIP_GROUP = "Other Partnership practitioners"
# Both created by Wagtail's own migrations: Editors draft, Moderators publish.
EDITORS_GROUPS = ["Editors", "Moderators"]

DEMO_USERS = [
    ("practitioner@demo.example", "Priya", "Practitioner", [PRACTITIONER_GROUP]),
    ("pending@demo.example", "Pat", "Pending", []),
    ("other@demo.example", "Olu", "Other", [OTHER_PARTNERSHIP_GROUP]),
    ("editor@demo.example", "Eddie", "Editor", EDITORS_GROUPS),
]


def load_users():
    """Create any missing demo user with the demo password; return them by email."""
    user_model = get_user_model()
    users = {}
    for email, first_name, last_name, group_names in DEMO_USERS:
        user = user_model.objects.filter(username=email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=email,
                email=email,
                password=settings.DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            for name in group_names:
                group, _ = Group.objects.get_or_create(name=name)
                user.groups.add(group)
        users[email] = user
    return users
