"""`coach serve`: the web app (REST API, widget, Gradio UI)."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.common import app, load_settings


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Processes serving (default 1, or COACH_SERVE_WORKERS); more than 1 needs a `chroma run` "
            "server in COACH_CHROMA_URL.",
        ),
    ] = None,
) -> None:
    """Serve the chat UI at /, the REST API at /api (docs at /docs) and the careers-page widget at /widget.js.

    A new index from `coach ingest` is picked up without a restart."""
    from coach.serve.server import serve as run_server

    settings = load_settings()
    run_server(settings, host or settings.host, port or settings.port, workers)
