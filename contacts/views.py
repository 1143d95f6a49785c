"""The contact registry as open data, so that schools and GP practices can link
to one verified source instead of copying numbers that then go stale."""

import csv

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from core.spreadsheets import safe_row

from .models import DAY_NAMES, Contact


def published_contacts():
    return (
        Contact.published.prefetch_related("areas", "opening_periods")
        .select_related("out_of_hours")
        .order_by("organisation", "service", "channel")
    )


def contact_record(contact):
    """One contact as plain data. Editors' verification notes are never included."""
    return {
        "id": contact.pk,
        "organisation": contact.organisation,
        "service": contact.service,
        "kind": contact.kind,
        "channel": contact.channel,
        "value": contact.value,
        "link": contact.href,
        "audience": contact.audience,
        "areas": [area.name for area in contact.areas.all()],
        "when_to_use": contact.when_to_use,
        "open_24_hours": contact.open_24_hours,
        "opening_times": [
            {
                "day": DAY_NAMES[period.weekday],
                "opens": period.opens.strftime("%H:%M"),
                "closes": period.closes.strftime("%H:%M"),
            }
            for period in contact.opening_periods.all()
        ],
        "bank_holidays": contact.bank_holidays,
        "hours_note": contact.hours_note,
        "out_of_hours_id": contact.out_of_hours_id
        if contact.out_of_hours and contact.out_of_hours.live
        else None,
        "source": contact.source_url,
        "last_checked": contact.last_verified.isoformat(),
        "checked_by": contact.verified_by,
        "check_again_by": contact.verification_due.isoformat(),
        "may_have_changed": contact.stale,
    }


@require_GET
def contacts_json(request):
    records = [contact_record(contact) for contact in published_contacts()]
    return JsonResponse(
        {"timezone": "Europe/London", "contacts": records}, json_dumps_params={"indent": 1}
    )


CSV_COLUMNS = [
    "id",
    "organisation",
    "service",
    "kind",
    "channel",
    "value",
    "link",
    "audience",
    "areas",
    "when_to_use",
    "opening_times",
    "bank_holidays",
    "hours_note",
    "out_of_hours_id",
    "source",
    "last_checked",
    "checked_by",
    "check_again_by",
    "may_have_changed",
]


@require_GET
def contacts_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="contacts.csv"'
    writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for contact in published_contacts():
        record = contact_record(contact)
        record["areas"] = "; ".join(record["areas"])
        record["opening_times"] = (
            "24 hours"
            if record["open_24_hours"]
            else "; ".join(
                f"{t['day']} {t['opens']}-{t['closes']}" for t in record["opening_times"]
            )
        )
        writer.writerow(safe_row(record))
    return response
