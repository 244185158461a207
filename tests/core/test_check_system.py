from __future__ import annotations

import builtins
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_system_ok_here():
    out = StringIO()
    call_command("check_system", stdout=out)
    assert "System OK." in out.getvalue()


def test_missing_pango_is_explained(monkeypatch):
    # A machine without Pango cannot be had here; its symptom is an OSError on import.
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(CommandError, match="apt-get install libpango-1.0-0"):
        call_command("check_system", stdout=StringIO())


def test_health_endpoint(client, db):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
