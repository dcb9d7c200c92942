"""``marsad eval``: score extraction against gold annotations."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from marsad.cli.common import get_settings
from marsad.cli.extract import input_options, read_inputs
from marsad.evaluate.gold import evaluate, load_gold
from marsad.events import Event
from marsad.ingest import options_from_click


def gold_key(document_id: str, input_name: str | None, known: set[str]) -> str | None:
    """The gold doc_id of a document: its own id, else its file's stem."""
    if document_id in known:
        return document_id
    if input_name:
        stem = Path(input_name).name.split(".")[0]
        if stem in known:
            return stem
    return None


@click.command("eval")
@click.argument("gold_path", metavar="GOLD.jsonl", type=click.Path(dir_okay=False))
@click.option("--input", "inputs", multiple=True, required=True, help="Documents to code.")
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--details", is_flag=True, help="List missed and spurious events.")
@click.pass_context
def command(
    ctx: click.Context,
    /,
    gold_path: str,
    inputs: tuple[str, ...],
    as_json: bool,
    details: bool,
    **kwargs: Any,
) -> None:
    """Score marsad's events on the documents in --input against GOLD.jsonl."""
    from marsad.extraction import Extractor

    settings = get_settings(ctx)
    gold = load_gold(gold_path)
    known = set(gold)
    extractor = Extractor(settings)
    system: dict[str, list[Event]] = {}
    documents = read_inputs(inputs, options_from_click(settings, **kwargs))
    for document in documents:
        name = document.metadata.get("input")
        key = gold_key(document.id, str(name) if name else None, known)
        if key is None:
            continue
        if document.published is None and gold[key].published is not None:
            # The gold fixes the anchor date for texts that carry none.
            document = replace(document, published=gold[key].published)
        system.setdefault(key, []).extend(extractor.extract(replace(document, id=key)))
    report = evaluate(gold, system)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    for line in report.lines():
        click.echo(line)
    if details:
        for score in report.documents:
            for event in score.missed_gold:
                click.echo(f"missed   {score.doc_id}: {_brief(event)}")
            for event in score.unmatched_system:
                click.echo(f"spurious {score.doc_id}: {_brief(event)}")


def _brief(event: object) -> str:
    record = event if isinstance(event, dict) else {}
    keys = ("event_type", "event_date", "actor1", "actor2", "location", "admin1", "fatalities")
    return "  ".join(f"{k}={record.get(k)}" for k in keys)
