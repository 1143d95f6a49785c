"""What people and tests need to know of the demo data, read from the data files."""

import tomllib
from pathlib import Path

from accounts import allauth_internals

DATA = Path(__file__).resolve().parent / "data"


def data_file(name):
    """The parsed TOML of `demo/data/<name>`."""
    with (DATA / name).open("rb") as file:
        return tomllib.load(file)


def totp_secret():
    """The demo editor's and administrator's authenticator secret (demo only, published)."""
    return data_file("users.toml")["totp_secret"]


def current_totp_code():
    """The code the demo editor's and administrator's authenticator app shows now."""
    return allauth_internals.current_totp_code(totp_secret())


def unused_totp_code():
    """A current demo code that no earlier call returned (allauth accepts each code once)."""
    return allauth_internals.unused_totp_code(totp_secret())
