"""Helpers every command shares: settings, reading inputs, one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from marsad.errors import InputError, MarsadError
from marsad.settings import Settings, load_settings


def get_settings(ctx: click.Context) -> Settings:
    """The settings object built by the main group (loaded once per run)."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = {}
    if "settings" not in root.obj:
        root.obj["settings"] = load_settings(root.obj.get("config_path"))
    settings: Settings = root.obj["settings"]
    return settings


def read_text_input(name: str) -> tuple[str, str]:
    """Read a UTF-8 text file (or ``-`` for stdin); return (label, text)."""
    if name == "-":
        data = sys.stdin.buffer.read()
        label = "<stdin>"
    else:
        path = Path(name)
        label = str(path)
        if path.is_dir():
            raise InputError("is a directory, not a text file", source=label)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file", source=label) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", source=label) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary data, not text", source=label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", source=label) from None
    return label, text


def fail(error: MarsadError) -> None:
    """Print one line for ``error`` and exit non-zero."""
    click.echo(error.one_line(), err=True)
    raise SystemExit(1)
