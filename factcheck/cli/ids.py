"""Claim ids on the command line, completed by the shell from the claims folder.

Apart from the other parameter types (``params``) so that ``show`` loads only this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


class ClaimId(click.ParamType):
    """A claim id, completed by the shell from the claims folder (``aside``: from the set-aside claims)."""

    name = "id"

    def __init__(self, aside: bool = False) -> None:
        self.aside = aside

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        # Completion runs no command: it alone needs these.
        from click.shell_completion import CompletionItem

        from factcheck.cli.options import claims_path_of
        from factcheck.store.folder import Folder

        try:
            catalog = Folder(claims_path_of(ctx)).load()
        except Exception:  # noqa: BLE001 - completion must never print a traceback into the shell
            return []
        if self.aside:
            found = [(i, entry.claim.text) for i, (_, entry) in catalog.aside.items()]
        else:
            found = [(i, claim.text) for i, (_, claim) in catalog.index.items()]
        return [CompletionItem(i, help=" ".join(text.split())[:60]) for i, text in found if i.startswith(incomplete)]
