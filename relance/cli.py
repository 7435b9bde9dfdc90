"""The ``relance`` command line: the top floor, which may call every part of the project.

Heavy imports (Scrapy, the database) happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
import orjson

from relance.config import Settings, load_settings
from relance.dates import today_paris

logger = logging.getLogger("relance")

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: datetime | None) -> date:
    """The ``--as-of`` day, else today in Paris (computed once, passed down)."""
    return value.date() if value else today_paris()


def _setup_logging(settings: Settings, verbose: int) -> Path:
    """Everything goes to ``{data_dir}/logs/relance.log``; the terminal shows errors only
    (``-v``: warnings, ``-vv``: info), so a run's report stays readable."""
    log_dir = settings.data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "relance.log"
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_relance", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.FileHandler(log_file, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    terminal = logging.StreamHandler(sys.stderr)
    terminal.setLevel({0: logging.ERROR, 1: logging.WARNING}.get(verbose, logging.INFO))
    terminal.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    for handler in (file_handler, terminal):
        handler._relance = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return log_file


def _engine(settings: Settings) -> Any:
    """An engine on the configured database, migrated to the latest schema; its connections
    are closed when the command ends."""
    from relance.db.engine import make_engine
    from relance.db.migrate import upgrade

    engine = make_engine(settings.database_url)
    click.get_current_context().call_on_close(engine.dispose)
    upgrade(engine)
    return engine


def _json(data: Any) -> None:
    click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Show warnings (-v) or info (-vv) too.")
@click.version_option(package_name="relance")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """Relance: the written questions of the Assemblée nationale and the ministers' answers.

    Configuration comes from the environment: RELANCE_DATA_DIR (default ./var) holds the
    SQLite database, logs and crawl state; RELANCE_DATABASE_URL selects another database
    (e.g. postgresql+psycopg://user@host/relance).
    """
    settings = load_settings()
    ctx.obj = {"settings": settings, "verbose": verbose}
    ctx.obj["log_file"] = _setup_logging(settings, verbose)


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


@main.command()
@click.pass_context
def migrate(ctx: click.Context) -> None:
    """Create or upgrade the database schema (the other commands do it too)."""
    settings = _settings(ctx)
    _engine(settings)
    click.echo(f"database ready: {_safe_url(settings.database_url)}")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.command("demo-data")
@click.option("--questions", "-n", default=20_000, show_default=True, help="How many questions.")
@click.option("--seed", default=1, show_default=True, help="Same seed, same corpus.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option(
    "--legislatures",
    default="16,17",
    show_default=True,
    help="Comma-separated, among 14 to 17 (the open-data era).",
)
@click.option("--as-of", type=DATE, help="The corpus's 'today' (YYYY-MM-DD; default today).")
@click.option("--edge-rate", default=0.01, show_default=True, help="Share of planted edge cases.")
@click.option(
    "--pages/--no-pages",
    default=True,
    show_default=True,
    help="Also write each question's page (site/) and the page records (site/records.jsonl).",
)
def demo_data(
    questions: int,
    seed: int,
    out: Path,
    legislatures: str,
    as_of: datetime | None,
    edge_rate: float,
    pages: bool = True,
) -> None:
    """Write a synthetic corpus in the Assemblée's official open-data formats, and the
    site's question pages (served by ``relance mirror``)."""
    from tqdm import tqdm

    from relance.demo import generate_corpus

    legs = _legislatures(legislatures)
    if questions < 1:
        raise click.BadParameter(f"must be at least 1, not {questions}", param_hint="--questions")
    with tqdm(total=questions, unit=" questions", desc="corpus", disable=None) as bar:
        try:
            generate_corpus(
                out,
                questions=questions,
                seed=seed,
                legislatures=legs,
                as_of=_day(as_of),
                edge_rate=edge_rate,
                progress=bar.update,
                pages=pages,
            )
        except ValueError as exc:  # the generator names the bad argument
            raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {questions} questions to {out} (manifest: {out / 'manifest.json'})")


@main.command("mirror")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="A corpus written by 'relance demo-data'.",
)
@click.option("--port", default=8000, show_default=True, help="Port (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback address only.")
@click.option(
    "--clock",
    type=DATE,
    help="Time replay from this day (YYYY-MM-DD): pages and dumps as published that day.",
)
@click.option(
    "--day-seconds",
    type=click.FloatRange(min=0, min_open=True),
    help="With --clock: advance one simulated day every N real seconds.",
)
@click.option(
    "--dump-every-days", default=1, show_default=True, help="Dumps published every N days."
)
@click.option("--dump-lag-days", default=0, show_default=True, help="Dumps served N days late.")
def mirror(
    corpus: Path,
    port: int,
    host: str,
    clock: datetime | None,
    day_seconds: float | None,
    dump_every_days: int,
    dump_lag_days: int,
) -> None:
    """Serve a corpus like the Assemblée's sites (pages, open data, robots.txt) on loopback,
    until Ctrl-C or SIGTERM."""
    import signal
    import threading

    from relance.mirror import MirrorServer

    if day_seconds and clock is None:
        raise click.UsageError("--day-seconds needs --clock (the day the replay starts)")
    try:
        server = MirrorServer(
            corpus,
            host=host,
            port=port,
            clock=clock.date() if clock else None,
            dump_every_days=dump_every_days,
            dump_lag_days=dump_lag_days,
        )
    except ValueError as exc:  # not loopback, no pages for a replay…
        raise click.UsageError(str(exc)) from None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    # SIGTERM (systemd, a supervisor) stops it like Ctrl-C; so does SIGINT even when the
    # shell that started it in the background made it ignore SIGINT. Set before the URLs
    # are printed: whoever reads them may signal at once.
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(day_seconds):
            click.echo(f"clock: {server.advance(1).isoformat()}")
            sys.stdout.flush()

    try:
        click.echo(f"site (www.assemblee-nationale.fr):        {server.site_base}")
        click.echo(f"questions (questions.assemblee-nationale.fr): {server.questions_base}")
        click.echo(f"open data (data.assemblee-nationale.fr): {server.opendata_base}")
        if server.clock:
            click.echo(f"clock: {server.clock.isoformat()}")
        sys.stdout.flush()
        if day_seconds:
            threading.Thread(target=tick, daemon=True).start()
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        stop.set()
        server.httpd.server_close()


def _legislatures(text: str) -> tuple[int, ...]:
    try:
        legs = tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    except ValueError:
        raise click.BadParameter(f"not a list of numbers: {text!r}") from None
    if not legs or any(not 14 <= leg <= 17 for leg in legs):
        raise click.BadParameter(f"legislatures out of range: {text!r}")
    return legs


@main.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--as-of", type=DATE, help="Treat this day as today (dates after it are refused).")
@click.option(
    "--max-refused",
    default=0.01,
    show_default=True,
    help="Exit non-zero when more than this share of records is refused.",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=None,
    help="Reading processes (default: one per core; 0 reads in this process).",
)
@click.pass_context
def import_(
    ctx: click.Context, path: Path, as_of: datetime | None, max_refused: float, workers: int | None
) -> None:
    """Import open-data dumps from PATH: a zip, a JSON file, or a folder of them.

    Runs the same parser and pipeline stages as the crawler (normalize, validate, store),
    then prints a report: read, inserted, updated, unchanged, refused (reasons, examples).
    """
    settings = _settings(ctx)
    report, unreadable = _run_import(settings, path, _day(as_of), workers)
    _finish_report(ctx, report, unreadable, max_refused)


def _run_import(settings: Settings, path: Path, today: date, workers: int | None = None) -> Any:
    from spiders.readers import start_forkserver, worth_processes

    if workers != 0 and worth_processes(path):
        start_forkserver()  # first: its imports overlap with the ones below
    from tqdm import tqdm

    from relance.db.engine import refresh_statistics
    from spiders.importer import import_path

    engine = _engine(settings)
    with tqdm(unit=" records", desc=f"import {path.name}", disable=None) as bar:
        result = import_path(path, engine, today=today, progress=bar.update, workers=workers)
    refresh_statistics(engine)
    engine.dispose()
    return result


def _finish_report(
    ctx: click.Context, report: Any, unreadable: list[str], max_refused: float
) -> None:
    for line in report.lines():
        click.echo(line)
        logger.info("report: %s", line)
    for item in unreadable:
        click.echo(f"unreadable: {item}", err=True)
    failed = bool(unreadable) or report.invalid_rate > max_refused
    if report.refused_total:
        click.echo(f"details of every refusal: {ctx.obj['log_file']}", err=True)
    if failed:
        click.echo(
            f"FAILED: {report.refused_total - report.stale} of {report.read} records refused "
            f"({report.invalid_rate:.1%}, limit {max_refused:.1%})"
            + (f", {len(unreadable)} unreadable inputs" if unreadable else ""),
            err=True,
        )
        ctx.exit(1)


def _legislature_option(verb: str) -> Any:
    return click.option(
        "--legislature",
        "-l",
        multiple=True,
        type=int,
        help=f"Legislature(s) to {verb} (default: the current one, 17).",
    )


@main.command()
@_legislature_option("crawl")
@click.option(
    "--spider", type=click.Choice(["an_opendata"]), default="an_opendata", show_default=True
)
@click.option("--as-of", type=DATE, help="Treat this day as today.")
@click.option("--max-refused", default=0.01, show_default=True)
@click.pass_context
def crawl(
    ctx: click.Context,
    legislature: tuple[int, ...],
    spider: str,
    as_of: datetime | None,
    max_refused: float,
) -> None:
    """Crawl the Assemblée's open data (RELANCE_OPENDATA_BASE) into the database."""
    from spiders.run import run_spider

    settings = _settings(ctx)
    _engine(settings).dispose()
    report, unreadable = run_spider(
        spider,
        settings=settings,
        legislatures=legislature or (17,),
        today=_day(as_of),
    )
    _finish_report(ctx, report, unreadable, max_refused)


@main.command()
@_legislature_option("follow")
@click.option("--full", is_flag=True, help="Refresh every known page, final questions too.")
@click.option(
    "--probe-ahead",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Stop discovering after K consecutive question numbers not found.",
)
@click.option(
    "--max-refresh",
    type=click.IntRange(0),
    default=2000,
    show_default=True,
    help="Pending questions' pages refreshed at most.",
)
@click.option("--no-dump", is_flag=True, help="Skip the open-data dump; follow the pages only.")
@click.option("--as-of", type=DATE, help="Treat this day as today.")
@click.option("--max-refused", default=0.01, show_default=True)
@click.option(
    "--set",
    "-s",
    "scrapy_settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="A Scrapy setting (e.g. DOWNLOAD_DELAY=0 against a local mirror).",
)
@click.pass_context
def update(
    ctx: click.Context,
    legislature: tuple[int, ...],
    full: bool,
    probe_ahead: int,
    max_refresh: int,
    no_dump: bool,
    as_of: datetime | None,
    max_refused: float,
    scrapy_settings: tuple[str, ...],
) -> None:
    """What a timer runs: import the open-data dump if it changed (ETag, content hash),
    then crawl the question pages incrementally (new numbers, pending questions by
    priority). A crawl killed midway resumes at the next run. Exits 1 when an input could
    not be read or too many records were refused, 3 on a layout drift of the pages."""
    from spiders.run import Crawl, run_crawls

    settings = _settings(ctx)
    _engine(settings).dispose()
    legislatures = ",".join(str(leg) for leg in legislature or (17,))
    crawls = (
        [] if no_dump else [Crawl("an_opendata", {"legislature": legislatures, "if_changed": 1})]
    )
    crawls.append(
        Crawl(
            "an_questions",
            {
                "legislature": legislatures,
                "full": int(full),
                "probe_ahead": probe_ahead,
                "max_refresh": max_refresh,
            },
            resumable=True,
        )
    )
    overrides = {}
    for item in scrapy_settings:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, not {item!r}", param_hint="--set")
        overrides[name.strip()] = value
    results = run_crawls(crawls, settings=settings, today=_day(as_of), overrides=overrides)
    failed = len(results) < len(crawls)
    for result in results:
        click.echo(f"{result.spider} ({result.reason}):")
        for line in result.report.lines():
            click.echo(f"  {line}")
            logger.info("%s report: %s", result.spider, line)
        for item in result.unreadable:
            click.echo(f"unreadable: {item}", err=True)
        requests = result.stats.get("downloader/request_count", 0)
        not_modified = result.stats.get("relance/not_modified", 0)
        click.echo(f"  {requests} requests, {not_modified} pages not modified (304)")
        if result.drift:
            click.echo(f"STOPPED: {result.drift}", err=True)
            ctx.exit(3)
        report = result.report
        if result.unreadable or report.invalid_rate > max_refused or result.reason != "finished":
            failed = True
    failed = not _index_step(settings) or failed
    _twins_step(settings)  # reported, not fatal
    _calendar_step(settings)  # reported, not fatal
    if failed:
        click.echo("FAILED: see the reports above and " + str(ctx.obj["log_file"]), err=True)
        ctx.exit(1)


def _index_step(settings: Settings, *, rebuild: bool = False) -> bool:
    """Bring the search index up to date after a crawl or on demand; prints its report.
    False when it could not run (another writer) or some records were not indexed."""
    from index import IndexBusy, update_index
    from relance.db.engine import refresh_statistics

    engine = _engine(settings)
    try:
        refresh_statistics(engine)  # after the crawl's writes, for the web app's queries
        report = update_index(engine, settings.index_dir, rebuild=rebuild)
    except IndexBusy as exc:
        click.echo(f"index: {exc}", err=True)
        return False
    finally:
        engine.dispose()
    for line in report.lines():
        click.echo(line)
    return not report.failed


def _reported_step(settings: Settings, name: str, run: Callable[[Any], Any]) -> bool:
    """A step after the crawl and the index (``run(engine)`` returns a report with
    ``lines()``): its report printed; a failure reported, never fatal (False then)."""
    engine = _engine(settings)
    try:
        report = run(engine)
    except Exception as exc:  # the crawl's results stand whatever happens here
        logger.exception("%s step failed", name)
        click.echo(f"{name}: failed ({exc.__class__.__name__}: {exc}); see the log", err=True)
        return False
    finally:
        engine.dispose()
    for line in report.lines():
        click.echo(line)
    return True


def _twins_step(settings: Settings) -> bool:
    """Bring the clusters of near-identical questions and answers up to date."""
    from relance.twins import update_twins

    return _reported_step(settings, "twins", update_twins)


def _calendar_step(settings: Settings, base_url: str | None = None) -> bool:
    """Pre-render the calendars' events of the pending questions (``relance.calendar``);
    the web app renders what is missing, so nothing is lost when it fails."""
    from relance.calendar import prerender_events

    base = base_url or settings.calendar_base_url
    return _reported_step(settings, "calendars", lambda engine: prerender_events(engine, base))


@main.command("calendars")
@click.option(
    "--base-url",
    help="Base URL of the web app for the events' links [default: RELANCE_PUBLIC_URL, else "
    "relance serve's http://127.0.0.1:8000].",
)
@click.pass_context
def calendars(ctx: click.Context, base_url: str | None) -> None:
    """Pre-render the deadline calendars' events (one per pending question's due date and
    signalement due date) into the database, for the web app's .ics feeds: only the new
    and changed ones are rendered, those of answered or closed questions dropped.
    `relance update` and `relance demo` run it after the index and twins steps."""
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("an http:// or https:// URL", param_hint="--base-url")
    if not _calendar_step(_settings(ctx), base_url.rstrip("/") if base_url else None):
        ctx.exit(1)


TWIN_KINDS = ("question", "answer")


@main.command("twins")
@click.option(
    "--kind",
    type=click.Choice(TWIN_KINDS),
    help="List the clusters of this kind only (both by default).",
)
@click.option("--min-size", type=click.IntRange(2), default=2, show_default=True)
@click.option("--limit", type=click.IntRange(0), default=10, show_default=True)
@click.option("--rebuild", is_flag=True, help="Recompute every signature and cluster.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    help="Jaccard similarity of shingles for two texts to be twins (default 0.55; a new "
    "value rebuilds, and is kept for the next runs).",
)
@click.option(
    "--shingle", type=click.IntRange(1, 12), help="Words per shingle (default 5; rebuilds)."
)
@click.option("--of", "uid", help="Show the clusters of this question (members and diffs).")
@click.option("--no-update", is_flag=True, help="Only read the clusters as they are.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_context
def twins(
    ctx: click.Context,
    kind: str | None,
    min_size: int,
    limit: int,
    rebuild: bool,
    threshold: float | None,
    shingle: int | None,
    uid: str | None,
    no_update: bool,
    as_json: bool,
) -> None:
    """Near-identical questions (copy-paste questions filed by several deputies) and
    boilerplate answers: updates the clusters from the database (the texts new or changed
    since the last run are placed among the others), then prints the largest clusters.

    Texts are compared on word shingles after normalization (HTML, case, accents, numbers,
    the author's name, place names); two texts are twins when the Jaccard similarity of
    their shingles reaches --threshold; clusters join twins transitively and are named
    after their first occurrence."""
    from dataclasses import replace

    from relance.db.lock import Busy
    from relance.twins import update_twins
    from relance.twins.queries import get_cluster, list_clusters, twins_of
    from relance.twins.store import current_params

    settings = _settings(ctx)
    engine = _engine(settings)
    out: dict[str, Any] = {}
    if not no_update:
        params = None
        if threshold is not None or shingle is not None:
            params = current_params(engine)
            if threshold is not None:
                params = replace(params, threshold=threshold)
            if shingle is not None:
                params = replace(params, shingle=shingle)
        try:
            report = update_twins(engine, rebuild=rebuild, params=params)
        except Busy as exc:
            raise click.ClickException(f"{exc}; try again when it is done") from None
        out["report"] = report.as_dict()
        if not as_json:
            for line in report.lines():
                click.echo(line)
    kinds = (kind,) if kind else TWIN_KINDS
    if uid:
        found = twins_of(engine, uid)
        details = {
            k: get_cluster(engine, k, summary.id)
            for k, summary in (("question", found.question), ("answer", found.answer))
            if summary is not None and k in kinds
        }
        if as_json:
            out["of"] = uid
            out.update({k: d.as_dict() for k, d in details.items() if d})
            _json(out)
            return
        if not details:
            click.echo(f"{uid}: in no cluster")
        for k, detail in details.items():
            if detail is None:
                continue
            click.echo(f"\n{uid}: its {k} is in cluster {detail.summary.id} ({k}s)")
            _echo_cluster(detail.summary)
            for member in detail.members:
                mark = "*" if member.first else " "
                click.echo(
                    f"  {mark} {member.uid:<18} {member.day or '':<10}  "
                    f"{member.similarity:.2f}  {member.deputy_name or member.deputy_ref or '—'}"
                    f" ({member.groupe or '—'})"
                )
            click.echo("  changes against the first occurrence (-removed +added):")
            for member in detail.members:
                if member.first or not member.diff:
                    continue
                changes = [
                    ("-" if seg["op"] == "removed" else "+") + "[" + seg["text"] + "]"
                    for seg in member.diff
                    if seg["op"] != "same"
                ]
                click.echo(f"    {member.uid}: " + (" ".join(changes) or "(identical)"))
        return
    for k in kinds:
        page = list_clusters(engine, k, min_size=min_size, limit=limit)
        out[k] = page.as_dict()
        if as_json:
            continue
        click.echo(f"\n{k} clusters: {page.total} (of {min_size} or more), largest first")
        for summary in page.clusters:
            _echo_cluster(summary)
    if as_json:
        _json(out)


def _echo_cluster(summary: Any) -> None:
    groups = ", ".join(summary.groups[:5]) + (", …" if len(summary.groups) > 5 else "")
    ministries = ", ".join(summary.ministries[:3]) + ("…" if len(summary.ministries) > 3 else "")
    click.echo(
        f"  {summary.size:>4} × {summary.id:<18} {summary.first_date} → {summary.last_date}  "
        f"{summary.rubrique or '—'}; {ministries or '—'}; {summary.deputies} deputies"
        f" ({groups or '—'}); similarity ≥ {summary.min_similarity:.2f}"
    )


@main.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch (swapped in atomically).")
@click.option("--check", is_flag=True, help="Only compare the index with the database.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
@click.pass_context
def index_(ctx: click.Context, rebuild: bool, check: bool, as_json: bool) -> None:
    """Update the search index (RELANCE_DATA_DIR/index) from the database: incremental
    from the last run, or --rebuild; --check reports questions missing from the index,
    extra or stale (exit status 1 when there are any)."""
    from index import IndexBusy, check_index, update_index

    settings = _settings(ctx)
    engine = _engine(settings)
    if check:
        report = check_index(engine, settings.index_dir)
        failed = not report.ok
    else:
        try:
            report = update_index(engine, settings.index_dir, rebuild=rebuild)
        except IndexBusy as exc:
            raise click.ClickException(str(exc)) from None
        failed = bool(report.failed)
    if as_json:
        _json(report.as_dict())
    else:
        for line in report.lines():
            click.echo(line)
    if failed:
        ctx.exit(1)


@main.command()
@click.argument("text", metavar="QUERY", default="")
@click.option("--rubrique", help="Rubrique (e.g. agriculture).")
@click.option("--ministere", help="Ministry key or label (e.g. interieur).")
@click.option("--depute", help="Deputy: PA ref or name.")
@click.option("--groupe", help="Group abbreviation (e.g. RN).")
@click.option("--statut", help="pending|answered|withdrawn|lapsed (or en_attente, repondue…).")
@click.option("--legislature", type=int)
@click.option("--from", "date_from", type=DATE, help="Published on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Published on or before (YYYY-MM-DD).")
@click.option(
    "--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True
)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--size", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_context
def search(
    ctx: click.Context,
    text: str,
    rubrique: str | None,
    ministere: str | None,
    depute: str | None,
    groupe: str | None,
    statut: str | None,
    legislature: int | None,
    date_from: datetime | None,
    date_to: datetime | None,
    sort: str,
    page: int,
    size: int,
    as_json: bool,
) -> None:
    """Full-text search of questions and answers. QUERY: words (accents optional),
    "exact phrases", OR, NOT word or -word, prefixes (agricult*), filters such as
    ministere:interieur rubrique:sante depute:PA1234 groupe:RN statut:en_attente
    legislature:17, or a question number (6778, "QE 6778") or uid."""
    from index import SearchQuery
    from index import search as run_search

    filters = {
        "rubrique": rubrique,
        "ministere": ministere,
        "depute": depute,
        "groupe": groupe,
        "statut": statut,
        "legislature": legislature,
    }
    result = run_search(
        _settings(ctx).index_dir,
        SearchQuery(
            text=text,
            filters={k: v for k, v in filters.items() if v is not None},
            date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None,
            sort=sort,
            page=page,
            size=size,
        ),
    )
    if as_json:
        _json(result.as_dict())
        return
    for warning in result.warnings:
        click.echo(f"attention : {warning}", err=True)
    first = (result.page - 1) * result.size + 1 if result.uids else 0
    last = first + len(result.uids) - 1 if result.uids else 0
    click.echo(f"{result.total} résultat(s), {first}–{last} ({result.elapsed_ms:.0f} ms)")
    for uid in result.uids:
        doc = result.documents[uid]
        click.echo(
            f"\n{uid:<18} {doc['date_publication'] or '—':<10} {doc['statut'] or '—':<9} "
            f"{doc['titre'][:60]}"
        )
        for label, key in (("question", "question"), ("réponse", "answer")):
            snippet = result.highlights[uid].get(key)
            if snippet:
                click.echo(f"  {label} : {_plain_snippet(snippet)[:300]}")
    if result.total:
        click.echo("")
        for name, values in result.facets.items():
            shown = ", ".join(f"{value} ({count})" for value, count in values[:5])
            click.echo(f"{name} : {shown or '—'}")


def _plain_snippet(snippet: str) -> str:
    """A highlight for the terminal: marked words in [brackets], entities decoded."""
    import html
    import re

    marked = re.sub(r"<mark[^>]*>(.*?)</mark>", r"[\1]", snippet)
    return html.unescape(re.sub(r"<[^>]+>", "", marked))


@main.command()
@click.argument("uid")
@click.option("--json", "as_json", is_flag=True, help="The record as JSON.")
@click.option("--as-of", type=DATE, help="Compute the deadline as of this day.")
@click.pass_context
def show(ctx: click.Context, uid: str, as_json: bool, as_of: datetime | None) -> None:
    """Show one question: texts, ministries, dates and deadline status."""
    from relance.db.queries import get_question
    from relance.rules import status_phrase_fr
    from relance.uid import is_uid

    uid = uid.strip().upper()
    if not is_uid(uid):
        raise click.BadParameter(f"not a question uid: {uid!r} (e.g. QANR5L17QE6778)")
    view = get_question(_engine(_settings(ctx)), uid)
    if view is None:
        click.echo(f"{uid}: not in the database", err=True)
        ctx.exit(1)
    today = _day(as_of)
    question, deadline = view.question, view.deadline(today)
    if as_json:
        data = question.to_dict()
        data.update(
            status=question.status.value,
            texte_question=question.texte_question,
            texte_reponse=question.texte_reponse,
            ministere_attributaire=question.ministere_attributaire.label
            if question.ministere_attributaire
            else None,
            ministere_attributaire_key=question.ministere_attributaire.key
            if question.ministere_attributaire
            else None,
            deputy_name=view.deputy_name,
            circonscription=view.circonscription,
            content_hash=question.content_hash,
            deadline={
                k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in _deadline_dict(deadline).items()
            },
            deadline_phrase=status_phrase_fr(deadline),
        )
        _json(data)
        return
    click.echo(
        "\n".join(
            _summary(
                question,
                deadline,
                author_name=view.deputy_name,
                circonscription=view.circonscription,
            )
        )
    )


@main.command("parse")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The full record as JSON.")
@click.pass_context
def parse(ctx: click.Context, path: Path, as_json: bool) -> None:
    """Read one saved file and print the question it holds: a question's web page (HTML), an
    open-data record (JSON, {"question": …}) or a legacy XML view; the kind is told from
    the content. A file that is not a written question is refused with the reason on
    stderr and exit status 2. Nothing is stored."""
    from relance.ingest import normalize
    from spiders.parsers.common import ParseError

    try:
        question = normalize(_parse_file(path))
    except ParseError as exc:
        click.echo(f"{path}: refused ({type(exc).__name__}): {exc}", err=True)
        ctx.exit(2)
    if as_json:
        _json(question.to_dict())
        return
    click.echo("\n".join(_summary(question)))


def _parse_file(path: Path) -> Any:
    """JSON, legacy XML or HTML, by the first bytes of the file."""
    from spiders.parsers.common import ParseError
    from spiders.parsers.legacy_xml import parse_legacy_xml
    from spiders.parsers.opendata import parse_question
    from spiders.parsers.pages import parse_page

    content = path.read_bytes()
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        try:
            data = orjson.loads(content)
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"malformed JSON: {exc}", source=str(path)) from None
        return parse_question(data, source_url=str(path))
    if b"<QUESTION" in head:
        return parse_legacy_xml(content, source_url=str(path))
    return parse_page(content, str(path))


def _summary(
    question: Any,
    deadline: Any = None,
    *,
    author_name: str | None = None,
    circonscription: str | None = None,
) -> list[str]:
    """A question in French, for ``relance show`` (with the deadline and what the database
    adds: the deputy's name, the circonscription) and ``relance parse`` (the record alone)."""
    attributaire = question.ministere_attributaire
    interroge = question.ministere_interroge
    author = question.author
    group = author.groupe_abrege or author.groupe_libelle
    status = question.status.value
    if deadline is not None:
        from relance.rules import status_phrase_fr

        status += f" — {status_phrase_fr(deadline)}"
    lines = [
        f"{question.uid} — question écrite n° {question.number} "
        f"({question.legislature}e législature)",
        f"Titre : {question.titre}",
        f"Rubrique : {question.rubrique or '—'}",
        f"Auteur : {author_name or author.name or author.deputy_ref or '—'}"
        + (f" ({group})" if group else ""),
        f"Circonscription : {circonscription or author.circonscription or '—'}",
        f"Ministère interrogé : {interroge.label if interroge else '—'}",
        f"Ministère attributaire : {attributaire.label if attributaire else '—'}"
        + (f" [{attributaire.key}]" if attributaire else ""),
        f"Publiée au JO le : {question.date_publication or '—'}"
        + (f", page {question.page_publication}" if question.page_publication else ""),
        f"Statut : {status}",
    ]
    if deadline is not None and deadline.due_date:
        lines.append(f"Échéance : {deadline.due_date} ({deadline.rule.label})")
    if question.date_reponse:
        lines.append(
            f"Réponse au JO le : {question.date_reponse}, page {question.page_reponse or '—'}"
        )
    lines += ["", "Texte de la question :", question.texte_question or "—"]
    if question.texte_reponse:
        lines += ["", "Texte de la réponse :", question.texte_reponse]
    return lines


def _deadline_dict(deadline: Any) -> dict[str, Any]:
    from dataclasses import fields

    out = {}
    for f in fields(deadline):
        value = getattr(deadline, f.name)
        out[f.name] = value.version.value if f.name == "rule" and value else value
    return out


@main.command()
@click.option("--ministry", help="Normalized ministry key (e.g. interieur).")
@click.option("--rubrique", help="Rubrique (e.g. agriculture).")
@click.option("--deputy", help="Deputy ref (PA…).")
@click.option("--group", "groupe", help="Group abbreviation (e.g. RN).")
@click.option("--legislature", type=int)
@click.option("--signalee", is_flag=True, help="Only questions signalées.")
@click.option("--as-of", type=DATE, help="Compute as of this day (default today, Paris).")
@click.option("--limit", type=click.IntRange(1, 10_000), default=1000, show_default=True)
@click.option("--json", "fmt", flag_value="json", help="JSON output.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV output.")
@click.pass_context
def overdue(
    ctx: click.Context,
    ministry: str | None,
    rubrique: str | None,
    deputy: str | None,
    groupe: str | None,
    legislature: int | None,
    signalee: bool,
    as_of: datetime | None,
    limit: int,
    fmt: str | None,
) -> None:
    """Pending questions past their due date, most overdue first."""
    from relance.db.queries import overdue as overdue_query
    from relance.export import to_csv

    today = _day(as_of)
    items = overdue_query(
        _engine(_settings(ctx)),
        today=today,
        ministry=ministry,
        rubrique=rubrique,
        deputy=deputy,
        groupe=groupe,
        legislature=legislature,
        signalee_only=signalee,
        limit=limit,
    )
    rows = [item.as_dict() for item in items]
    if fmt == "json":
        _json({"as_of": today.isoformat(), "count": len(rows), "questions": rows})
    elif fmt == "csv":
        from relance.db.queries import OVERDUE_COLUMNS

        click.echo(to_csv(rows, OVERDUE_COLUMNS), nl=False)
    else:
        if not rows:
            click.echo("no overdue question")
        for item in items:
            flag = " [signalée, délai de 10 jours dépassé]" if item.signalement_overdue else ""
            click.echo(
                f"{item.uid:<18} {item.days_overdue:>5} j  {item.ministere_key or '?':<22} "
                f"{(item.deputy_name or item.deputy_ref or '?')[:28]:<28} {item.titre[:40]}{flag}"
            )


@main.command()
@click.option("--legislature", type=int)
@click.option("--as-of", type=DATE, help="Compute as of this day (default today, Paris).")
@click.option("--json", "fmt", flag_value="json", help="JSON output.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV output.")
@click.pass_context
def stats(
    ctx: click.Context, legislature: int | None, as_of: datetime | None, fmt: str | None
) -> None:
    """Per ministry: received, answered, answer rate, on-time rate, median delay, pending,
    overdue. The on-time rate counts answers within the deadline among the questions whose
    deadline has passed or that were answered."""
    from relance.db.browse import Dimension, Filters
    from relance.db.browse import stats as scoreboard
    from relance.export import to_csv

    today = _day(as_of)
    rows = [
        s.as_dict()
        for s in scoreboard(
            _engine(_settings(ctx)),
            today=today,
            by=Dimension.MINISTERE,
            filters=Filters(legislature=legislature),
        )
    ]
    if fmt == "json":
        _json({"as_of": today.isoformat(), "ministries": rows})
        return
    if fmt == "csv":
        from relance.db.browse import STAT_COLUMNS

        click.echo(to_csv(rows, STAT_COLUMNS), nl=False)
        return
    click.echo(
        f"{'ministère':<26}{'reçues':>8}{'répondues':>10}{'taux':>7}{'à temps':>9}"
        f"{'médiane':>9}{'en attente':>11}{'en retard':>10}"
    )
    for r in rows:
        click.echo(
            f"{r['key'][:25]:<26}{r['received']:>8}{r['answered']:>10}{_pct(r['answer_rate']):>7}"
            f"{_pct(r['on_time_rate']):>9}{_num(r['median_delay_days']):>9}"
            f"{r['pending']:>11}{r['overdue']:>10}"
        )


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 for every interface, behind a reverse proxy).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=2, show_default=True, help="Processes."
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Threads per process (requests served at once by each).",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the web app with gunicorn, until Ctrl-C or SIGTERM. It only reads the
    database and the search index (RELANCE_DATA_DIR); RELANCE_TODAY=YYYY-MM-DD freezes
    "today". Each process fills its cache of figures before taking requests."""
    import re

    from gunicorn.app.base import BaseApplication

    host = host.strip()
    if not re.fullmatch(r"[A-Za-z0-9.:\-]+", host):
        raise click.BadParameter(f"not a host name or address: {host!r}", param_hint="--host")
    _engine(_settings(ctx)).dispose()  # creates or upgrades the schema, like every command
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def warm(worker: Any) -> None:
        from webapp import warm_up

        warm_up(worker.wsgi)

    options = {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "post_worker_init": warm,
        "accesslog": "-",
        "timeout": 60,
        "graceful_timeout": 10,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from webapp import create_app

            return create_app()

    click.echo(f"Relance on http://{bind}/ ({workers} processes × {threads} threads)")
    Server().run()


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} j"


#: Scrapy settings for crawling the project's own loopback mirror: politeness protects the
#: Assemblée's servers, not ours, so the demo and the benchmarks crawl at full speed.
LOOPBACK_CRAWL = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_AFTER_MAX": 5,
}


@main.command()
@click.option("--questions", "-n", default=20_000, show_default=True)
@click.option("--seed", default=1, show_default=True)
@click.option("--as-of", type=DATE, help="The demo's 'today' (default today, Paris).")
@click.option(
    "--max-refresh",
    type=click.IntRange(0),
    default=500,
    show_default=True,
    help="Pending questions' pages the demo's pages crawl refreshes.",
)
@click.pass_context
def demo(
    ctx: click.Context, questions: int, seed: int, as_of: datetime | None, max_refresh: int
) -> None:
    """The main job, offline: generate a demo corpus (two legislatures, once), serve it on
    127.0.0.1 with the local mirror of the site, crawl it with the real spiders (the
    open-data dumps, then the question pages incrementally) into the embedded database,
    and print the figures."""
    from dataclasses import replace

    from relance.mirror import MirrorServer
    from spiders.run import Crawl, run_crawls

    settings = _settings(ctx)
    today = _day(as_of)
    corpus = settings.data_dir / "demo" / f"corpus-{seed}-{questions}"
    if not (corpus / "manifest.json").exists():
        ctx.invoke(
            demo_data,
            questions=questions,
            seed=seed,
            out=corpus,
            legislatures="16,17",
            as_of=datetime.combine(today, datetime.min.time()),
            edge_rate=0.01,
            pages=True,
        )
    _engine(settings).dispose()  # creates or upgrades the schema
    with MirrorServer(corpus) as mirror:
        click.echo(f"mirror of the site on {mirror.url} (loopback only)")
        local = replace(
            settings,
            opendata_base=mirror.opendata_base,
            site_base=mirror.url,
            questions_site_base=mirror.url,
        )
        crawls = [
            Crawl("an_opendata", {"legislature": "16,17", "if_changed": 1}),
            Crawl("an_questions", {"legislature": "17", "max_refresh": max_refresh}),
        ]
        results = run_crawls(
            crawls,
            settings=local,
            today=today,
            overrides={**LOOPBACK_CRAWL, "RELANCE_PROGRESS": True, "LOG_LEVEL": "WARNING"},
        )
    failed = len(results) < len(crawls)
    for result in results:
        click.echo(f"{result.spider}: " + "; ".join(result.report.lines()))
        failed = failed or not result.ok
    failed = not _index_step(settings) or failed
    _twins_step(settings)  # reported, not fatal
    _calendar_step(settings)  # reported, not fatal
    click.echo("")
    ctx.invoke(
        stats, legislature=None, as_of=datetime.combine(today, datetime.min.time()), fmt=None
    )
    click.echo(
        "\nnext: relance serve (the web app on http://127.0.0.1:8000/) | relance search WORDS"
        " | relance overdue | relance show UID | relance twins | relance update"
    )
    if failed:
        ctx.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
