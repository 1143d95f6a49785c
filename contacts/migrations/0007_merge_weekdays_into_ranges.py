"""Rows of opening times for consecutive weekdays with the same times become one day range
("Monday to Friday, 09:00 to 17:00"); going back splits every range into a row per day."""

from django.db import migrations


def consecutive_runs(weekdays):
    """[[0, 1, 2], [4]] from [0, 1, 2, 4]."""
    runs = []
    for weekday in sorted(weekdays):
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    return runs


def merge_into_ranges(apps, schema_editor):
    OpeningPeriod = apps.get_model("help", "OpeningPeriod")
    by_times = {}
    for period in OpeningPeriod.objects.filter(last_weekday__isnull=True).order_by("weekday"):
        key = (period.contact_id, period.opens, period.closes)
        by_times.setdefault(key, {}).setdefault(period.weekday, period)
    merged_away = []
    for periods in by_times.values():
        for run in consecutive_runs(periods):
            if len(run) == 1:
                continue
            first = periods[run[0]]
            first.last_weekday = run[-1]
            first.save(update_fields=["last_weekday"])
            merged_away.extend(periods[weekday].pk for weekday in run[1:])
    OpeningPeriod.objects.filter(pk__in=merged_away).delete()


def split_into_days(apps, schema_editor):
    OpeningPeriod = apps.get_model("help", "OpeningPeriod")
    for period in OpeningPeriod.objects.filter(last_weekday__isnull=False):
        for weekday in range(period.weekday + 1, period.last_weekday + 1):
            OpeningPeriod.objects.create(
                contact_id=period.contact_id,
                sort_order=period.sort_order,
                weekday=weekday,
                opens=period.opens,
                closes=period.closes,
            )
        period.last_weekday = None
        period.save(update_fields=["last_weekday"])


class Migration(migrations.Migration):
    dependencies = [("help", "0006_opening_day_ranges_and_dates")]

    operations = [migrations.RunPython(merge_into_ranges, split_into_days)]
