"""Command-line options shared by every command that reads reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from marsad.errors import ConfigError
from marsad.ingest.options import DEFAULT_FIELDS, FORMATS, IngestOptions
from marsad.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Click callback: an ISO date, or a usage error naming the value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-11-15") from None


def _parse_fields(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in values:
        name, sep, key = item.partition("=")
        if not sep or not key or name not in DEFAULT_FIELDS:
            known = ", ".join(DEFAULT_FIELDS)
            raise click.BadParameter(f"{item!r}: expected NAME=KEY with NAME one of {known}")
        fields[name] = key
    return fields


def _reading_options(format_flag: str) -> tuple[Callable[[F], F], ...]:
    return (
        click.option(
            "--published",
            callback=parse_date_option,
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) for inputs that carry none of their own.",
        ),
        click.option(
            format_flag,
            "input_format",
            type=click.Choice(FORMATS),
            default="auto",
            show_default=True,
            help="Input format; auto goes by file name, then by content.",
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            callback=_parse_fields,
            metavar="NAME=KEY",
            help="JSON record key holding NAME (text, id, title, url, published, source). "
            "Repeatable.",
        ),
        click.option(
            "--all-languages", is_flag=True, help="Keep documents that are not in Arabic."
        ),
        click.option(
            "--follow", is_flag=True, help="For feed entries, fetch and read the linked page."
        ),
        click.option("--strict", is_flag=True, help="Exit non-zero if any input had a problem."),
    )


def reading_options(format_flag: str = "--format") -> Callable[[F], F]:
    """Decorator adding the shared reading options; commands whose ``--format``
    names an output format take the input format as ``format_flag`` instead."""

    def decorate(command: F) -> F:
        for option in reversed(_reading_options(format_flag)):
            command = option(command)
        return command

    return decorate


def ingest_options(command: F) -> F:
    """Decorator adding the shared reading options to a click command."""
    return reading_options()(command)


def options_from_click(ctx: click.Context | Settings, **kwargs: Any) -> IngestOptions:
    """:class:`IngestOptions` from the keyword arguments :func:`ingest_options` added.

    ``ctx`` is the click context (settings come from the root command) or a
    :class:`Settings` object; unrelated keyword arguments are ignored.
    """
    if isinstance(ctx, Settings):
        settings = ctx
    else:
        from marsad.cli.common import get_settings

        settings = get_settings(ctx)
    try:
        return IngestOptions.from_settings(
            settings,
            published=kwargs.get("published"),
            format=kwargs.get("input_format") or "auto",
            fields=kwargs.get("fields") or {},
            all_languages=bool(kwargs.get("all_languages")),
            follow=bool(kwargs.get("follow")),
            strict=bool(kwargs.get("strict")),
        )
    except ConfigError as error:
        raise click.UsageError(error.message) from None
