"""The demo's 'Worried about a child?' page, and a clock the page's answer can be set to."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from contacts import opening_hours
from contacts.models import ConcernPage

UK = ZoneInfo("Europe/London")


@pytest.fixture
def concern(demo_data, db):
    """The demo's 'Worried about a child?' page and the demo's objects (loaded once per module)."""
    return ConcernPage.objects.get(), demo_data


@pytest.fixture
def clock(monkeypatch):
    """Set the moment (UK time) the page works its answer out for."""

    def set_time(year, month, day, hour, minute=0, second=0):
        moment = datetime.datetime(year, month, day, hour, minute, second, tzinfo=UK)
        monkeypatch.setattr(opening_hours, "now", lambda: moment)

    return set_time
