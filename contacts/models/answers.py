"""Which number to call for a child in a given area, at a given moment."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects

from contacts import opening_hours
from contacts.models.contacts import Area, Contact


@dataclass(frozen=True)
class AreaAnswer:
    area: Area
    front_door: Contact | None
    front_door_open: bool
    closes_at: object  # datetime.time or None
    next_opening: datetime | None
    out_of_hours: Contact | None
    out_of_hours_open: bool

    @property
    def call_now(self):
        """The contact to call at this moment, if any service is open."""
        if self.front_door_open:
            return self.front_door
        if self.out_of_hours_open:
            return self.out_of_hours
        return None


def answer_for(area, moment=None):
    """The front door for `area`, whether it is open at `moment`, and the fallback."""
    moment = moment or opening_hours.now()
    front_door = (
        Contact.published.filter(
            areas=area, kind=Contact.Kind.FRONT_DOOR, channel=Contact.Channel.PHONE
        )
        .select_related("out_of_hours")
        .first()
    )
    if front_door is None:
        return AreaAnswer(area, None, False, None, None, None, False)
    # Both are shown with their hours: fetch the hours of the two in one query.
    shown = [contact for contact in (front_door, front_door.out_of_hours) if contact is not None]
    prefetch_related_objects(shown, "opening_periods")
    out_of_hours = front_door.out_of_hours if _is_live(front_door.out_of_hours) else None
    front_door_open = front_door.is_open(moment)
    return AreaAnswer(
        area=area,
        front_door=front_door,
        front_door_open=front_door_open,
        closes_at=opening_hours.closes_at(front_door, moment),
        next_opening=None if front_door_open else opening_hours.next_opening(front_door, moment),
        out_of_hours=out_of_hours,
        out_of_hours_open=bool(out_of_hours and out_of_hours.is_open(moment)),
    )


def _is_live(contact):
    return contact is not None and contact.live
