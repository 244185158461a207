"""Shared fixtures for the coach tests: spaCy is loaded once for the whole session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bilan.coach import Analysis, analyse
from bilan.coach.pipeline import get_pipeline

SYNTHESIS_FR = """Introduction
J'ai effectué mon stage de trois mois au service comptable du cabinet Martin, à Nantes, du 3 juin \
au 30 août. Ma mission consistait à préparer les déclarations de TVA et à participer aux clôtures.

Déroulement
J'ai saisi les factures fournisseurs de quatre sociétés dans Sage. J'ai effectué les \
rapprochements bancaires mensuels. J'ai préparé les déclarations de TVA du deuxième trimestre \
pour douze clients. J'ai participé à la clôture des comptes d'une boulangerie et d'un garage. \
J'ai classé les pièces justificatives de l'année précédente. J'ai assisté aux rendez-vous \
clients de ma tutrice chaque jeudi.

Compétences acquises
J'ai beaucoup appris. J'ai acquis de la rigueur. Tout s'est très bien passé avec l'équipe.

Bilan personnel
Ce stage a été une expérience très enrichissante. L'ambiance au sein du cabinet était excellente \
et les collaborateurs étaient très disponibles. J'ai découvert le monde de l'entreprise et le \
métier de comptable, ce qui me conforte dans mon choix d'orientation. J'ai apprécié la confiance \
que m'a accordée ma tutrice tout au long de ces trois mois de stage au cabinet.
"""

SYNTHESIS_EN = """Introduction
I spent three months in the accounting department of Martin LLP in Leeds, from June 3 to \
August 30. My mission was to prepare VAT returns and to take part in the year-end closing.

What I did
I entered supplier invoices for four companies in Sage. I carried out the monthly bank \
reconciliations. I prepared the second-quarter VAT returns for twelve clients. I took part in \
closing the accounts of a bakery and a garage. I filed the supporting documents of the previous \
year. I attended my mentor's client meetings every Thursday.

Skills gained
I learned a lot. I gained a lot of skills. Everything went really well with the team.

Personal review
This internship was a very rewarding experience. The atmosphere in the firm was excellent and \
my colleagues were very helpful. I discovered the business world and the accountant's job, \
which confirmed my choice of studies. I appreciated the trust my mentor showed me throughout \
these three months in the firm.
"""


@pytest.fixture(scope="session")
def coach_pipelines() -> dict[str, object]:
    """Both pipelines, built once; every test that calls analyse() reuses them."""
    return {"fr": get_pipeline("fr"), "en": get_pipeline("en")}


@pytest.fixture(scope="session")
def run(coach_pipelines: dict[str, object]) -> Callable[..., Analysis]:
    def _run(text: str, language: str | None = None) -> Analysis:
        return analyse(text, language=language)

    return _run
