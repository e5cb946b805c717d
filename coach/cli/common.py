"""What every command group shares: the Typer apps, the consoles, settings, warnings and history files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from coach.errors import ConfigError
from coach.settings import Settings, get_settings

app = typer.Typer(
    name="coach",
    help="careercoach: a grounded career coach. Answers questions from career guides and cites the passages it used.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"careercoach {version('careercoach')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            print("careercoach (not installed: pip install -e .)")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit.", metavar=""
    ),
) -> None:
    """careercoach: a grounded career coach. Answers questions from career guides and cites the passages it used."""


def _flags_without_type() -> None:
    """Flags show no "<bool>" placeholder in --help: they take no value (typer prints one for every option)."""
    from typer.core import TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None:  # another typer: leave its help as it is
        return

    def display_type_rich(self: TyperOption, ctx: typer.Context) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign,assignment]


_flags_without_type()

corpus_app = typer.Typer(
    help="Inspect how guides are parsed (titles, section trees, chunks).", no_args_is_help=True
)
app.add_typer(corpus_app, name="corpus")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def load_settings() -> Settings:
    """The settings, or one ConfigError naming the bad COACH_* value or config entry."""
    from pydantic import ValidationError

    try:
        return get_settings()
    except ValidationError as exc:  # a bad COACH_* value or config-file entry
        problems = "; ".join(
            f"COACH_{'_'.join(str(x) for x in e['loc']).upper()}={e.get('input')!r}: {e['msg']}"
            for e in exc.errors()
        )
        raise ConfigError(
            f"invalid settings: {problems} (fix the environment variable or coach.toml)"
        ) from exc
    except Exception as exc:  # pydantic-settings could not parse a value at all
        raise ConfigError(f"invalid settings: {exc} (fix the environment variable or coach.toml)") from exc


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_IN_LINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, lines: bool = False) -> str:
    """Text from files and guides as the terminal should show it: control characters (a newline or an ANSI
    escape in a file name) written as escapes, not acted on; Rich markup escaped. With `lines`, a text of
    several lines (an answer, a guide's text) keeps its line breaks."""
    pattern = _UNPRINTABLE_IN_LINES if lines else _UNPRINTABLE
    return escape(pattern.sub(lambda m: repr(m.group(0))[1:-1], text))


def warn(messages: list[str]) -> None:
    for message in messages:
        err.print(f"[yellow]warning:[/] {printable(message)}")


# --- ingest ---------------------------------------------------------------------------------


def read_history(path: Path | None) -> list[dict[str, str]]:
    """A `--history` file: a JSON list of user and assistant turns (ConfigError naming what is wrong)."""
    if path is None:
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"history file {path} does not exist") from None
    except ValueError as exc:
        raise ConfigError(f"history file {path} is not valid JSON ({exc})") from None
    if not isinstance(data, list) or not all(
        isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str)
        for m in data
    ):
        raise ConfigError(
            f'history file {path} must be a JSON list of {{"role": "user"|"assistant", "content": "..."}}'
        )
    return data


def progress_bar(disable: bool = False) -> Progress:
    """The progress bar long commands draw on stderr (gone when done; off with --json or no terminal)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=disable,
    )
