"""The pure packages run without Django: importing every one of their modules loads none of it."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_PACKAGES = ["bilan.coach", "bilan.documents", "bilan.evidence.extraction"]

CODE = """
import importlib, pkgutil, sys
package = importlib.import_module(sys.argv[1])
names = [package.__name__]
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name.rsplit(".", 1)[-1] != "__main__":
        importlib.import_module(info.name)
        names.append(info.name)
django = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not django, django[:5]
print(len(names))
"""


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_package_imports_no_django(package: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE, package],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    # Every module was imported, not just the package's __init__.
    assert int(result.stdout.strip()) > 3


def test_the_check_fails_when_django_is_imported() -> None:
    """The same subprocess check catches a module that pulls Django in."""
    result = subprocess.run(
        [sys.executable, "-c", "import django.db\n" + CODE, "bilan.documents"],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert result.returncode != 0
    assert "django" in result.stderr
