from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The platform's user.

    It adds nothing yet. It exists from the first migration because swapping
    the user model on a live database is a painful migration, and practitioner
    accounts will need fields of their own (organisation, role, approval).
    """
