"""The `coach` command line, a package of thin command groups: each parses options and calls a pipeline
stage (ingest, ask, tools, serve, evals); `common` holds what they share."""

from __future__ import annotations

import importlib
import os
import sys

from coach.cli.common import app, err, printable
from coach.errors import CoachError

# each group registers its commands on import; `coach --help` lists them in this order
for _group in ("ingest", "corpus", "ask", "tools", "serve", "evals"):
    importlib.import_module(f"coach.cli.{_group}")

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: CoachErrors become one red line and exit code 1 (COACH_DEBUG=1 shows tracebacks)."""
    try:
        app()
    except CoachError as exc:
        err.print(f"[red]error:[/] {printable(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("COACH_DEBUG"):
            raise
        err.print(
            f"[red]unexpected error:[/] {printable(type(exc).__name__)}: {printable(str(exc))} (set COACH_DEBUG=1 for the traceback)"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
