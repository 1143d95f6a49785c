"""Development settings make their own secret key instead of publishing one."""

import os
import stat
import subprocess
import sys

from django.conf import settings

from safeguarding.settings.base import secret_key_from


def test_a_random_key_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "var" / "secret_key"
    key = secret_key_from(path)
    assert len(key) >= 50
    assert secret_key_from(path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key_from(tmp_path / "elsewhere" / "secret_key") != key
    assert [entry.name for entry in path.parent.iterdir()] == ["secret_key"]


def test_the_development_settings_use_the_key_kept_in_var():
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment["DJANGO_SETTINGS_MODULE"] = "safeguarding.settings.dev"
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    kept = (settings.BASE_DIR / "var" / "secret_key").read_text().strip()
    assert result.stdout.strip() == kept
    assert "insecure" not in kept
