"""``marsad demo``: run marsad on the bundled example report."""

from __future__ import annotations

from importlib import resources

import click

from marsad.normalize import default_normalizer

DEMO_FILE = "examples/demo_report.txt"


def demo_text() -> str:
    """The bundled example report (written for marsad, in the style of real ones)."""
    return resources.files("marsad.data").joinpath(DEMO_FILE).read_text("utf-8")


@click.command("demo")
def command() -> None:
    """Normalise the bundled example report and list every restoration."""
    raw = demo_text()
    nt = default_normalizer().normalize(raw)
    click.echo(nt.text)
    restored = [c for c in nt.changes() if c.technique not in {"diacritics", "alef", "punctuation"}]
    click.echo(f"\n{len(restored)} evasion or spelling changes:")
    for change in restored:
        click.echo(
            f"  {change.start:>5}-{change.end:<5} {change.technique:<16} {change.original!r}"
        )
