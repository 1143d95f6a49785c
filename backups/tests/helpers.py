"""What a restore must bring back, read the same way from the original and the copy.

`snapshot()` runs in the test process and, through `manage.py shell`, against a restored
database (SNAPSHOT_COMMAND), so both sides are made by the same code.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from wagtail.models import Page, Revision

from accounts.models import User
from backups.databases import cache_tables
from contacts.models import Contact
from resources.models import Resource

SNAPSHOT_COMMAND = (
    "import json; from backups.tests.helpers import snapshot; print(json.dumps(snapshot()))"
)


def plain(value):
    """Dates, decimals and UUIDs as JSON gives them, so both sides compare alike."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def file_sha256(document):
    with document.file.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def row_counts():
    """Rows in every table the database has (the cache's excepted), whatever app made it."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in cache_tables():
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


def snapshot():
    pages = {
        str(page.pk): page.specific.serializable_data() for page in Page.objects.order_by("path")
    }
    users = {
        user.email: {
            **{field: value for field, value in vars(user).items() if not field.startswith("_")},
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
        for user in User.objects.order_by("pk")
    }
    return plain(
        {
            "pages": pages,
            "revisions": list(Revision.objects.order_by("pk").values()),
            "contacts": [contact.serializable_data() for contact in Contact.objects.order_by("pk")],
            "documents": {
                document.title: {
                    "row": Resource.objects.filter(pk=document.pk).values().get(),
                    "file_sha256": file_sha256(document),
                }
                for document in Resource.objects.order_by("pk")
            },
            "users": users,
            "row_counts": row_counts(),
        }
    )
