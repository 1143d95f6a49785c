"""Weekly reminders of what is due a re-check, mailed to the people who can act on them.

Each app's tasks.py schedules its own reminder (pages here, contacts in contacts/);
this module sends one: a plain-text mail from `<template>_subject.txt` and
`<template>_message.txt`, one to each person, through the task queue like all mail.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import GroupPagePermission

# Shown as due this many days before the re-check date, as the editors' reports do.
DUE_WITHIN_DAYS = 30


def due_by(today=None):
    return (today or timezone.localdate()) + timezone.timedelta(days=DUE_WITHIN_DAYS)


def publishers():
    """Active users who may publish pages somewhere: the people who keep pages right."""
    groups = GroupPagePermission.objects.filter(permission__codename="publish_page").values("group")
    return (
        get_user_model()
        .objects.filter(Q(groups__in=groups) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


def send_reminder(users, template, items):
    """Mail each of `users` the list `items` with `template`; return how many were sent."""
    if not items:
        return 0
    sent = 0
    for user in users:
        context = {
            "user": user,
            "items": items,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        }
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_message.txt", context)
        sent += send_mail(" ".join(subject.split()), body.strip(), None, [user.email])
    return sent
