"""``marsad eval-sentences``: sentence-level detection scores on event-gsr CSVs."""

from __future__ import annotations

import click

from marsad.evaluate.sentences import format_scores, read_labelled, score
from marsad.extraction.classifier import EventMentionDetector, sentence_event_types


@click.command("eval-sentences")
@click.argument("csv_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--errors", "show_errors", is_flag=True, help="Also list misclassified sentences.")
def command(csv_files: tuple[str, ...], show_errors: bool) -> None:
    """Score sentence-level event detection on labelled CSV files (event-gsr format)."""
    rows = [row for path in csv_files for row in read_labelled(path)]
    detector = EventMentionDetector()

    def detect(text: str) -> set[str]:
        return sentence_event_types(detector, text)

    scores = score(rows, detect)
    for line in format_scores(scores):
        click.echo(line)
    if show_errors:
        from marsad.evaluate.sentences import CLASS_TYPES

        for row in rows:
            found = bool(detect(row.text) & CLASS_TYPES[row.event_class])
            if found != row.positive:
                kind = "FN" if row.positive else "FP"
                click.echo(f"{kind}\t{row.event_class}\t{row.source}:{row.row}\t{row.text}")
