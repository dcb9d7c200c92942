"""``marsad normalize``: print a normalised text, its changes or their counts."""

from __future__ import annotations

import json
from collections import Counter

import click

from marsad.cli.common import read_text_input
from marsad.normalize import default_normalizer


@click.command("normalize")
@click.argument("source", default="-")
@click.option("--json", "as_json", is_flag=True, help="Print text and changes as JSON.")
@click.option("--stats", is_flag=True, help="Print counts of changes by technique.")
def command(source: str, as_json: bool, stats: bool) -> None:
    """Normalise Arabic text from FILE (or - for stdin), undoing evasion spellings."""
    _, raw = read_text_input(source)
    nt = default_normalizer().normalize(raw)
    changes = nt.changes()
    if as_json:
        payload = {
            "text": nt.text,
            "changes": [c.to_dict() for c in changes],
            "ambiguities": [a.to_dict() for a in nt.ambiguities],
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    elif stats:
        counts = Counter(c.technique for c in changes)
        counts.update(a.technique + "_ambiguous" for a in nt.ambiguities)
        for technique, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            click.echo(f"{technique}\t{count}")
    else:
        click.echo(nt.text, nl=not nt.text.endswith("\n"))
