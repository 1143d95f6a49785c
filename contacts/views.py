"""The contact registry as open data, so that schools and GP practices can link
to one verified source instead of copying numbers that then go stale; and the way in
for the area finder's form on the "Worried about a child?" page."""

import csv

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core import views as core_views
from core.models import PartnershipSettings
from core.site_settings import load_site_settings
from core.spreadsheets import safe_row

from .models import Contact
from .opening_hours import DAY_NAMES, Schedule, now, uk_time


def published_contacts():
    return (
        Contact.published.prefetch_related("areas", "opening_periods")
        .select_related("out_of_hours")
        .order_by("organisation", "service", "channel")
    )


def clock_times(times):
    return {"opens": times.opens.strftime("%H:%M"), "closes": times.closes.strftime("%H:%M")}


def contact_record(contact, today):
    """One contact as plain data: its opening times for each weekday, and its dates
    with other hours from `today` on (no times: closed). Editors' verification notes
    are never included."""
    schedule = Schedule(contact)
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
            {"day": DAY_NAMES[weekday], **clock_times(times)}
            for weekday, day_times in sorted(schedule.weekly.items())
            for times in day_times
        ],
        "bank_holidays": contact.bank_holidays,
        "other_hours": [
            {"date": day.isoformat(), "times": [clock_times(times) for times in day_times]}
            for day, day_times in sorted(schedule.dated.items())
            if day >= today
        ],
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
    today = uk_time(now()).date()
    records = [contact_record(contact, today) for contact in published_contacts()]
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
    "other_hours",
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
    today = uk_time(now()).date()
    for contact in published_contacts():
        record = contact_record(contact, today)
        record["areas"] = "; ".join(record["areas"])
        record["opening_times"] = (
            "24 hours"
            if record["open_24_hours"]
            else "; ".join(
                f"{t['day']} {t['opens']}-{t['closes']}" for t in record["opening_times"]
            )
        )
        record["other_hours"] = "; ".join(
            f"{other['date']} "
            + (", ".join(f"{t['opens']}-{t['closes']}" for t in other["times"]) or "closed")
            for other in record["other_hours"]
        )
        writer.writerow(safe_row(record))
    return response


# Exempt from the CSRF check because a token would set a cookie on an anonymous visitor,
# and safe because finding an area changes nothing (as search).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def find_area(request):
    """Serve the area finder's POST with the "Worried about a child?" page itself
    (`ConcernPage.serve`): Wagtail's page addresses all ask for a CSRF token. A GET, a
    reload in the address bar say, goes to the page."""
    load_site_settings(request)
    page = PartnershipSettings.for_request(request).worried_page
    parts = page.get_url_parts(request) if page is not None else None
    if parts is None:
        raise Http404("No 'Worried about a child?' page on this site")
    page_path = parts[2]
    if request.method == "GET":
        return HttpResponseRedirect(page_path)
    return core_views.serve(request, page_path.lstrip("/"))
