"""Every refusal of the API is JSON ``{"code": ..., "message": ...}``.

``code`` is stable (clients branch on it); ``message`` is for a person, in the caller's language
(Accept-Language, French or English). Some errors add ``errors``, one entry per faulty field.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    "token_missing": _(
        "Jeton d'API manquant : envoyez l'en-tête « Authorization: Bearer <jeton> »."
    ),
    "token_invalid": _("Jeton d'API inconnu ou mal formé."),
    "token_revoked": _("Ce jeton d'API a été révoqué."),
    "scope_insufficient": _(
        "Ce jeton ne permet que la lecture ; cette opération demande un jeton d'écriture."
    ),
    "not_found": _("Introuvable."),
    "rate_limited": _("Trop de requêtes pour ce jeton ; réessayez dans %(seconds)s s."),
    "invalid_request": _("Requête invalide : vérifiez les champs signalés."),
    "invalid_cursor": _("Curseur de pagination invalide ; recommencez sans curseur."),
    "invalid_rows": _("Des lignes sont invalides : rien n'a été importé."),
    "too_many_rows": _("Au plus %(max)s lignes par envoi."),
    "no_rows": _("Aucune ligne à importer."),
    "rows_conflict": _("Rien n'a été importé : %(details)s"),
    "not_joined": _("Le stagiaire n'a pas encore rejoint Bilan : pas encore de dossier."),
    "synthesis_not_submitted": _("Le stagiaire n'a pas encore remis sa synthèse."),
    "document_too_large": _(
        "Document trop long pour être produit (%(size)s pour une limite de %(limit)s)."
    ),
    "method_not_allowed": _("Méthode non permise pour cette adresse."),
}


class ApiError(Exception):
    """A refusal with its status; raised anywhere in an endpoint, answered by `error_body`."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        params: dict[str, Any] | None = None,
        message: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params or {}
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """Rendered now, in the request's active language."""
        message = self.message
        if message is None:
            message = str(MESSAGES[self.code])
            if self.params:
                message = message % self.params
        body: dict[str, Any] = {"code": self.code, "message": message}
        if self.errors is not None:
            body["errors"] = self.errors
        return body
