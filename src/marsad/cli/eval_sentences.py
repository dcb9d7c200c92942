"""``marsad eval-sentences``: sentence-level detection scores on event-gsr CSVs."""

from __future__ import annotations

import click

from marsad.cli.common import get_settings
from marsad.evaluate.sentences import CLASS_TYPES, format_scores, read_labelled, score
from marsad.extraction.classifier import (
    EventMentionDetector,
    SentenceRefiner,
    sentence_event_types,
)


@click.command("eval-sentences")
@click.argument("csv_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--errors", "show_errors", is_flag=True, help="Also list misclassified sentences.")
@click.option("--rules-only", is_flag=True, help="Score the rules without the reportedness model.")
@click.option(
    "--cv",
    "folds",
    type=click.IntRange(2, 20),
    default=None,
    help="Cross-validate the reportedness scorer in K folds split by source document "
    "(trained on K-1, scored on the held-out one): the honest figure on its own training data.",
)
@click.option(
    "--cv-seed",
    type=int,
    default=0,
    show_default=True,
    help="With --cv: another assignment of documents to folds (0: the default split), "
    "to check that a difference between two scorers holds on more than one split.",
)
@click.pass_context
def command(
    ctx: click.Context,
    csv_files: tuple[str, ...],
    show_errors: bool,
    rules_only: bool,
    folds: int | None,
    cv_seed: int,
) -> None:
    """Score sentence-level event detection on labelled CSV files (event-gsr format)."""
    rows = [row for path in csv_files for row in read_labelled(path)]
    detector = EventMentionDetector()
    if folds is not None:
        from marsad.extraction.reportedness import cross_validate, prepare

        for line in cross_validate(prepare(rows, detector), folds, fold_seed=cv_seed).lines():
            click.echo(line)
        return
    refiner: SentenceRefiner | None = None
    if not rules_only:
        from marsad.extraction.reportedness import Reportedness, file_digest

        scorer = Reportedness.for_settings(get_settings(ctx))
        trained_on = scorer.model.training_files & {file_digest(p) for p in csv_files}
        if trained_on:
            click.echo(
                f"warning: {len(trained_on)} of these files trained the reportedness model: "
                "the figures below are on its training data; "
                "eval-sentences --cv 5 gives the honest cross-validated figure"
            )
        refiner = scorer

    def detect(text: str) -> set[str]:
        return sentence_event_types(detector, text, refiner)

    scores = score(rows, detect)
    for line in format_scores(scores):
        click.echo(line)
    if show_errors:
        for row in rows:
            found = bool(detect(row.text) & CLASS_TYPES[row.event_class])
            if found != row.positive:
                kind = "FN" if row.positive else "FP"
                click.echo(f"{kind}\t{row.event_class}\t{row.source}:{row.row}\t{row.text}")
