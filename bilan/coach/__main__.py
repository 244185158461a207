"""Allow ``python -m bilan.coach FILE``."""

from __future__ import annotations

from bilan.coach.cli import main

raise SystemExit(main())
