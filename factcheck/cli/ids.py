"""Claim ids on the command line, completed by the shell from the claims folder; ``[ID]... | --all``.

Apart from the other parameter types (``params``) so that ``show`` loads only this one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
import msgspec

from factcheck.cli.options import bundled, stacked
from factcheck.model.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])

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


def ids_argument(metavar: str = "ID...", aside: bool = False) -> Callable[[F], F]:
    """Claim ids, as ``claim_ids``; ``aside``: ids of the set-aside claims."""
    return click.argument("claim_ids", nargs=-1, metavar=metavar, type=ClaimId(aside=aside))


def id_options(all_help: str) -> Callable[[F], F]:
    """``[ID]...`` and ``--all``, as ``claim_ids`` and ``all_claims``."""
    return stacked(
        ids_argument("[ID]..."),
        click.option("--all", "all_claims", is_flag=True, help=all_help),
    )


class Chosen(msgspec.Struct, frozen=True):
    """The claims a command line names, or ``--all``: one or the other."""

    claim_ids: tuple[str, ...]
    all_claims: bool

    def __post_init__(self) -> None:
        # Made as the command starts: a command line that names both, or neither, is refused before any work.
        if self.all_claims == bool(self.claim_ids):
            raise UsageError("give claim ids or --all, not both" if self.all_claims else "give claim ids or --all")

    @property
    def ids(self) -> tuple[str, ...] | None:
        """The ids named; None for every claim."""
        return None if self.all_claims else self.claim_ids


def chosen_options(all_help: str) -> Callable[[F], F]:
    """``[ID]... | --all``, handed to the command as one ``chosen: Chosen``."""
    return bundled(Chosen, "chosen", id_options(all_help))
