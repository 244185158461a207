"""`bilan api-token create EMAIL [--scope read|write] [--name NAME] [--organisation ID]` and
`bilan api-token revoke ID`: the organisation admin's token page, from the command line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilan.accounts.models import User
from bilan.schools.access import admin_organisations

from ...models import ApiToken
from ...services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create or revoke an organisation's API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="Create a token and print it (once).")
        create.add_argument("email", help="An admin of the organisation.")
        create.add_argument("--scope", choices=ApiToken.Scope.values, default="read")
        create.add_argument("--name", default="", help="What will use it, e.g. 'Apogée'.")
        create.add_argument(
            "--organisation",
            type=int,
            help="The organisation's id, when the admin runs several.",
        )
        revoke = commands.add_parser("revoke", help="Revoke a token for good.")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        else:
            self._revoke(options["id"])

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {options['email']!r}.")
        organisations = admin_organisations(user)
        if options["organisation"] is not None:
            organisations = organisations.filter(pk=options["organisation"])
        found = list(organisations[:2])
        if not found:
            raise CommandError(f"{user.email} is not an admin of that organisation.")
        if len(found) > 1:
            listed = ", ".join(f"{o.pk} ({o.name})" for o in admin_organisations(user))
            raise CommandError(
                f"{user.email} runs several organisations; choose one with --organisation: "
                f"{listed}."
            )
        organisation = found[0]
        name = options["name"].strip() or f"{options['scope']} token"
        token, secret = api_token_create(
            organisation=organisation, name=name, scope=options["scope"], created_by=user
        )
        self.stderr.write(
            f"Token {token.pk} ({token.scope}) for {organisation.name}. "
            "It is shown once; store it now:"
        )
        self.stdout.write(secret)

    def _revoke(self, token_id: int) -> None:
        token = ApiToken.objects.select_related("organisation").filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"No API token {token_id}.")
        if api_token_revoke(token=token):
            label = f"{token.name}, {token.organisation.name}"
            self.stdout.write(f"Token {token.pk} ({label}) revoked.")
        else:
            self.stdout.write(f"Token {token.pk} was already revoked.")
