"""The ``marsad`` command line. Commands are registered here, in one place."""

from __future__ import annotations

import click

from marsad import __version__
from marsad.cli import actors as actors_cmd
from marsad.cli import db as db_cmd
from marsad.cli import demo as demo_cmd
from marsad.cli import eval_sentences as eval_sentences_cmd
from marsad.cli import evaluate as evaluate_cmd
from marsad.cli import events as events_cmd
from marsad.cli import extract as extract_cmd
from marsad.cli import gazetteer as gazetteer_cmd
from marsad.cli import ingest as ingest_cmd
from marsad.cli import normalize as normalize_cmd
from marsad.cli import recognize as recognize_cmd
from marsad.cli import run as run_cmd
from marsad.cli import stats as stats_cmd
from marsad.cli import train_reportedness as train_reportedness_cmd
from marsad.cli.common import fail
from marsad.errors import MarsadError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Settings file overlaying the package defaults.",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """marsad: Arabic conflict reports to ACLED-coded event data."""
    ctx.obj = {"config_path": config_path}


# Registration happens here and only here.
cli.add_command(actors_cmd.command)
cli.add_command(db_cmd.command)
cli.add_command(demo_cmd.command)
cli.add_command(events_cmd.command)
cli.add_command(ingest_cmd.command)
cli.add_command(eval_sentences_cmd.command)
cli.add_command(evaluate_cmd.command)
cli.add_command(extract_cmd.command)
cli.add_command(gazetteer_cmd.command)
cli.add_command(normalize_cmd.command)
cli.add_command(run_cmd.command)
cli.add_command(stats_cmd.command)
cli.add_command(train_reportedness_cmd.command)
cli.add_command(recognize_cmd.dates_command)
cli.add_command(recognize_cmd.numbers_command)


def main() -> None:
    """Console-script entry: one line per problem, non-zero exit on failure."""
    try:
        cli.main(standalone_mode=False)
    except MarsadError as error:
        fail(error)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        raise SystemExit(130) from None
    except click.ClickException as error:
        error.show()
        raise SystemExit(error.exit_code) from None
