"""The import contracts hold, and they catch an upward import (`make lint` runs them)."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def root_packages():
    config = configparser.ConfigParser()
    config.read(CONFIG)
    return config["importlinter"]["root_packages"].split()


def lint_imports(tree):
    """Run import-linter on a copy of the code, as `make lint` runs it on the real one."""
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(tree / ".importlinter"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    copy = tmp_path_factory.mktemp("layers")
    shutil.copy(CONFIG, copy / ".importlinter")
    for package in root_packages():
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return copy


def test_the_contracts_hold(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("capability", ["resources", "contacts", "accounts", "quickexit", "search"])
def test_an_import_from_core_to_a_capability_breaks_them(tree, capability):
    upward = tree / "core" / "upward.py"
    upward.write_text(f"import {capability}.apps  # noqa: F401\n")
    try:
        result = lint_imports(tree)
    finally:
        upward.unlink()
    assert result.returncode != 0
    assert f"core is not allowed to import {capability}" in result.stdout
