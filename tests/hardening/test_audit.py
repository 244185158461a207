"""`make audit` fails on a known vulnerability, and accepts one listed with its reason.

PyPI's advisory data cannot be made to report a vulnerability on demand, so pip-audit asks a
local advisory service speaking OSV's query API (its --osv-url option) that knows one for the
installed Django.
"""

from __future__ import annotations

import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import django
import pytest

ROOT = Path(__file__).resolve().parents[2]
ADVISORY = "GHSA-bilan-test-0001"


class Advisories(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        answer: dict = {}
        if query["package"]["name"] == "django" and query["version"] == django.__version__:
            answer = {
                "vulns": [
                    {
                        "id": ADVISORY,
                        "summary": "A test advisory against the installed Django.",
                        "affected": [
                            {
                                "package": {"name": "django", "ecosystem": "PyPI"},
                                "ranges": [
                                    {
                                        "type": "ECOSYSTEM",
                                        "events": [{"introduced": "0"}, {"fixed": "99.0"}],
                                    }
                                ],
                            }
                        ],
                    }
                ]
            }
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def osv_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Advisories)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1/query"
    server.shutdown()


def audit(osv_url: str, ignore: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    flags = f"--vulnerability-service osv --osv-url {osv_url} --cache-dir {cache}"
    return subprocess.run(
        ["make", "-s", "audit", f"AUDIT_FLAGS={flags}", f"AUDIT_IGNORE={ignore}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_known_vulnerability_fails_the_audit_until_accepted_with_a_reason(osv_url, tmp_path):
    ignore = tmp_path / "audit-ignore.txt"
    ignore.write_text((ROOT / ".ci" / "audit-ignore.txt").read_text())
    failed = audit(osv_url, ignore, tmp_path / "cache")
    assert failed.returncode != 0
    assert ADVISORY in failed.stdout and "django" in failed.stdout.lower()

    ignore.write_text(ignore.read_text() + f"{ADVISORY}  # not reachable in Bilan: a test\n")
    accepted = audit(osv_url, ignore, tmp_path / "cache2")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "No known vulnerabilities found, 1 ignored" in accepted.stdout + accepted.stderr
