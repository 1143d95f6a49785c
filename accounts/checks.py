"""A system check that fails while any "signed-in users" or "shared password"
restriction exists (P8 in the README).

Either would open material to people no administrator approved: any verified
sign-up from a partner domain, or anyone given the password, which Wagtail stores
in plain text. Settings hide the password option in the admin, but Wagtail has
no setting for the "any signed-in user" option, and old rows or imports can
still carry either. Registered with the "database" tag, so `manage.py check
--database default` (and `migrate`) run it.
"""

from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from wagtail.models import CollectionViewRestriction, PageViewRestriction

WEAK_TYPES = {"login": "any signed-in user", "password": "anyone with a shared password"}


@register(Tags.database)
def check_no_weak_view_restrictions(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    errors = []
    for model, what in (
        (PageViewRestriction, "page"),
        (CollectionViewRestriction, "collection"),
    ):
        for alias in databases:
            try:
                weak = list(
                    model.objects.using(alias)
                    .filter(restriction_type__in=WEAK_TYPES)
                    .values_list("pk", "restriction_type")
                )
            except DatabaseError:
                continue  # Tables not migrated yet.
            for pk, restriction_type in weak:
                errors.append(
                    Error(
                        f"A {what} view restriction (id {pk}) lets in "
                        f"{WEAK_TYPES[restriction_type]}.",
                        hint="Restrict it to a practitioner group in the Wagtail admin instead.",
                        obj=f"{model._meta.label} {pk}",
                        id="accounts.E001",
                    )
                )
    return errors
