from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bilan.jobs.services import jobs_run_pending


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def run_jobs():
    """The worker's loop, run inline: the same handlers, claimed the same way."""
    return jobs_run_pending
