import datetime
import io

import pytest
from django.db import transaction

from demo.facts import DATA
from figures.importer import import_release
from figures.models import Dataset

FILES = {
    "referrals": "nrm_referrals_longitudinal.csv",
    "reasonable_grounds": "nrm_reasonable_grounds.csv",
    "conclusive_grounds": "nrm_conclusive_grounds.csv",
    "duty_to_notify": "nrm_duty_to_notify_longitudinal.csv",
    "police": "nrm_referrals_by_police_force_first_responder_2022q2_2023q4.csv",
}


def upload(name, text):
    file = io.BytesIO(text.encode() if isinstance(text, str) else text)
    file.name = name
    return file


@pytest.fixture
def nrm_text():
    """The NRM statistics files the demo imports, as text by table."""
    return {table: (DATA / "nrm" / name).read_text() for table, name in FILES.items()}


@pytest.fixture
def nrm_files(nrm_text):
    """Fresh uploads of the NRM statistics files, by table."""

    def files(**replaced):
        texts = nrm_text | replaced
        return {table: upload(FILES.get(table, table), texts[table]) for table in texts}

    return files


def new_dataset():
    return Dataset.objects.create(
        title="NRM statistics",
        publisher="Home Office",
        licence="Open Government Licence v3.0",
        attribution="Contains public sector information licensed under the OGL v3.0.",
        source_url="https://www.gov.uk/government/collections/national-referral-mechanism-statistics",
        period_covered="2009 Q2 to 2023 Q4",
        release_date=datetime.date(2024, 3, 7),
        next_release_expected=datetime.date(2024, 6, 30),
    )


@pytest.fixture
def dataset(db):
    return new_dataset()


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker):
    """A dataset with the NRM files imported, once for a test module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        dataset = new_dataset()
        files = {
            table: upload(name, (DATA / "nrm" / name).read_bytes()) for table, name in FILES.items()
        }
        import_release(dataset, files, release_date=datetime.date(2024, 3, 7))
        yield dataset.pk
        transaction.set_rollback(True)


@pytest.fixture
def imported(imported_once, db):
    """The dataset with the NRM files imported as its first release (each test in its own
    savepoint, so what it changes is undone)."""
    return Dataset.objects.get(pk=imported_once)
