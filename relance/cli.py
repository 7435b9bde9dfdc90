"""The ``relance`` command line: the top floor, which may call every part of the project.

Heavy imports (Scrapy, the database) happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import logging
import sys
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
def demo_data(
    questions: int,
    seed: int,
    out: Path,
    legislatures: str,
    as_of: datetime | None,
    edge_rate: float,
) -> None:
    """Write a synthetic corpus in the Assemblée's official open-data formats."""
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
            )
        except ValueError as exc:  # the generator names the bad argument
            raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {questions} questions to {out} (manifest: {out / 'manifest.json'})")


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
    from tqdm import tqdm

    from spiders.importer import import_path

    engine = _engine(settings)
    with tqdm(unit=" records", desc=f"import {path.name}", disable=None) as bar:
        result = import_path(path, engine, today=today, progress=bar.update)
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
    failed = bool(unreadable) or report.refused_rate > max_refused
    if report.refused_total:
        click.echo(f"details of every refusal: {ctx.obj['log_file']}", err=True)
    if failed:
        click.echo(
            f"FAILED: {report.refused_total} of {report.read} records refused "
            f"({report.refused_rate:.1%}, limit {max_refused:.1%})"
            + (f", {len(unreadable)} unreadable inputs" if unreadable else ""),
            err=True,
        )
        ctx.exit(1)


@main.command()
@click.option(
    "--legislature",
    "-l",
    multiple=True,
    type=int,
    help="Legislature(s) to crawl (default: the current one, 17).",
)
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
    attributaire = question.ministere_attributaire
    interroge = question.ministere_interroge
    lines = [
        f"{question.uid} — question écrite n° {question.number} "
        f"({question.legislature}e législature)",
        f"Titre : {question.titre}",
        f"Rubrique : {question.rubrique or '—'}",
        f"Auteur : {view.deputy_name or question.author.deputy_ref or '—'}"
        + (f" ({question.author.groupe_abrege})" if question.author.groupe_abrege else ""),
        f"Circonscription : {view.circonscription or '—'}",
        f"Ministère interrogé : {interroge.label if interroge else '—'}",
        f"Ministère attributaire : {attributaire.label if attributaire else '—'}"
        + (f" [{attributaire.key}]" if attributaire else ""),
        f"Publiée au JO le : {question.date_publication or '—'}"
        + (f", page {question.page_publication}" if question.page_publication else ""),
        f"Statut : {question.status.value} — {status_phrase_fr(deadline)}",
    ]
    if deadline.due_date:
        lines.append(f"Échéance : {deadline.due_date} ({deadline.rule.label})")
    if question.date_reponse:
        lines.append(
            f"Réponse au JO le : {question.date_reponse}, page {question.page_reponse or '—'}"
        )
    lines += ["", "Texte de la question :", question.texte_question or "—"]
    if question.texte_reponse:
        lines += ["", "Texte de la réponse :", question.texte_reponse]
    click.echo("\n".join(lines))


def _deadline_dict(deadline: Any) -> dict[str, Any]:
    from dataclasses import fields

    out = {}
    for f in fields(deadline):
        value = getattr(deadline, f.name)
        out[f.name] = value.version.value if f.name == "rule" and value else value
    return out


OVERDUE_COLUMNS = (
    "uid",
    "number",
    "legislature",
    "days_overdue",
    "due_date",
    "date_publication",
    "ministere_key",
    "ministere",
    "deputy_ref",
    "deputy_name",
    "groupe",
    "rubrique",
    "titre",
    "date_signalement",
    "signalement_due_date",
    "signalement_overdue",
)


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


STATS_COLUMNS = (
    "key",
    "label",
    "received",
    "answered",
    "answer_rate",
    "answered_on_time",
    "on_time_rate",
    "median_delay_days",
    "p90_delay_days",
    "pending",
    "overdue",
    "withdrawn",
    "lapsed",
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
    from relance.db.queries import ministry_stats
    from relance.export import to_csv

    today = _day(as_of)
    rows = [
        s.as_dict()
        for s in ministry_stats(_engine(_settings(ctx)), today=today, legislature=legislature)
    ]
    if fmt == "json":
        _json({"as_of": today.isoformat(), "ministries": rows})
        return
    if fmt == "csv":
        click.echo(to_csv(rows, STATS_COLUMNS), nl=False)
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


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} j"


@main.command()
@click.option("--questions", "-n", default=20_000, show_default=True)
@click.option("--seed", default=1, show_default=True)
@click.option("--as-of", type=DATE, help="The demo's 'today' (default today, Paris).")
@click.pass_context
def demo(ctx: click.Context, questions: int, seed: int, as_of: datetime | None) -> None:
    """The main job, offline: generate a demo corpus (two legislatures) and import it into
    the embedded database, then print the figures."""
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
        )
    report, unreadable = _run_import(settings, corpus, today)
    for line in report.lines():
        click.echo(line)
    click.echo("")
    ctx.invoke(
        stats, legislature=None, as_of=datetime.combine(today, datetime.min.time()), fmt=None
    )
    click.echo("\nnext: relance overdue | relance show UID | relance stats --json")
    if unreadable:
        ctx.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
