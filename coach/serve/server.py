"""Running the web app: `serve()` starts uvicorn with one process, or several sharing a Chroma server and the
conversation store (`--workers N`, each built by `app_factory()` from the settings the parent resolved), after
warming what a first question reads."""

from __future__ import annotations

import json
import logging
import os
import sys

from fastapi import FastAPI

from coach.backends import get_conversations
from coach.errors import ConfigError
from coach.serve.edges import uvicorn_options
from coach.serve.live import LiveCoach
from coach.serve.web import create_app
from coach.settings import Settings

__all__ = ["app_factory", "serve"]

log = logging.getLogger("coach.web")

_SETTINGS_ENV = "COACH_SERVE_SETTINGS_JSON"  # how `serve` hands its settings to worker processes


def _one_blas_thread() -> None:
    # hand the GIL over every 1 ms, not 5: a request thread in numpy (query embedding) releases it
    # around each small matrix product and must not wait 5 ms behind a thread in Python to get it back
    sys.setswitchinterval(0.001)
    try:  # one BLAS thread per request thread: small matrices, many requests
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass


def app_factory() -> FastAPI:
    """The app of one `coach serve --workers N` process, with the settings the parent process resolved."""
    from coach.settings import get_settings

    raw = os.environ.get(_SETTINGS_ENV)
    settings = Settings(**json.loads(raw)) if raw else get_settings()
    _one_blas_thread()
    live = LiveCoach(settings)
    app = create_app(live, settings)
    _warm(live)  # each worker, before it takes its first request
    return app


def _warm(live: LiveCoach) -> None:
    """Load what a first question reads before the server accepts traffic, so no visitor waits for it and a burst
    of first requests does not load it once per request: the query encoder (the first process on a machine
    exports the ONNX model: ~10 s, coach/index/onnx_minilm.py), the jobs' vectors and the place rules (one
    question), and the cities' table a question naming a city reads (~1.5 s in all)."""
    from coach.ingest.cities import city_country

    try:
        live.coach.retriever.embed_query("what does this job pay?")
        live.coach.ask("What does this job pay in Paris?")
        city_country("Paris")
    except Exception as exc:  # noqa: BLE001 - a failure shows again, with its fix, on the first question
        log.warning("the query encoder did not load ahead of the first question: %s", exc)


def serve(settings: Settings, host: str, port: int, workers: int | None = None) -> None:
    """Run the app with uvicorn (in `workers` processes) and print where it is."""
    import uvicorn
    from rich.console import Console

    from coach.backends import get_store
    from coach.errors import IndexMissingError
    from coach.index.generation import IndexDir

    workers = workers or settings.serve_workers
    if workers > 1 and (settings.store != "chroma" or not settings.chroma_url):
        raise ConfigError(
            f"--workers {workers} needs a Chroma server all workers share (the embedded store is single-process): "
            "start `chroma run --path DIR --port 8000`, set COACH_CHROMA_URL=http://127.0.0.1:8000 and "
            "run `coach ingest`; or serve with --workers 1"
        )
    console = Console(stderr=True, soft_wrap=True)
    where = f"[green]careercoach[/] serving on [bold]http://{host}:{port}/[/]"
    where += "  (API docs /docs · widget /widget.js · demo /demo)"
    if workers > 1:
        if not IndexDir(settings).active():  # fail here once, not in every worker
            raise IndexMissingError(str(settings.home))
        get_store(settings)  # names the URL if the Chroma server is down
        get_conversations(settings)  # names COACH_DATABASE_URL if its server is down
        # the workers count the rate limit together, in the conversation store (create_app)
        os.environ[_SETTINGS_ENV] = settings.model_copy(update={"serve_workers": workers}).model_dump_json()
        limit = settings.rate_limit_per_minute
        console.print(f"{where}  [dim]{workers} workers, {limit} requests a minute per client in all[/]")
        uvicorn.run(
            "coach.serve.server:app_factory",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            **uvicorn_options(settings),
        )
        return
    _one_blas_thread()
    live = LiveCoach(settings)
    app = create_app(live, settings)
    with console.status(
        "warming up: the query encoder, the jobs' vectors and the place tables (a few seconds)"
    ):
        _warm(live)
    console.print(where)
    try:
        uvicorn.run(app, host=host, port=port, **uvicorn_options(settings))
    finally:
        live.close()
