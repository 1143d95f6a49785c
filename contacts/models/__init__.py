"""The contact registry's models, and the "Worried about a child?" page built on it."""

from contacts.models.concern_page import ConcernPage
from contacts.models.contacts import Area, Contact, OpeningPeriod
from contacts.models.young_people import YoungPeopleSettings

__all__ = [
    "Area",
    "ConcernPage",
    "Contact",
    "OpeningPeriod",
    "YoungPeopleSettings",
]
