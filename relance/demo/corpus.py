"""Write a demo corpus to disk, laid out like the open-data site, and its manifest.

Paths are relative to ``https://data.assemblee-nationale.fr/static/openData/repository``
(an-formats.md §2), so a local web server on ``DIR`` mirrors the site::

    {leg}/questions/questions_ecrites/Questions_ecrites.json.zip            (16, 17)
        json/QANR5L{leg}QE{n}.json   {"question": {...}}; duplicates in json2/
    15/questions/questions_ecrites/Questions_ecrites_XV.json.zip
    14/questions/questions_ecrites/Questions_ecrites_XIV.json.zip
        Questions_ecrites_XIV.json   {"export": {"questionsEcrites": {"question": [...]}}}
    {leg}/amo/acteurs_mandats_organes_divises/AMO50_acteurs_mandats_organes_divises.json.zip
        json/acteur/PA{n}.json       {"acteur": {...}}
        json/organe/PO{n}.json       {"organe": {...}}   (groups, ministries, the Assemblée)
    site/records.jsonl               one page record (Question.to_json()) a line: the source
                                     of the mirror's time replay
    site/{host}/…                    each question's page on the corpus date, at its real URL
                                     (relance.mirror.site); not written with pages=False
    manifest.json                    counts, planted edge cases with example uids, and the
                                     planted near-duplicates (``twins``: relance.demo.twins)

Questions are streamed: one record is in memory at a time (plus bounded counters, and the
uids of the planted near-duplicates, a few percent of them).

``published_until`` cuts the dumps: the world is simulated up to ``as_of`` exactly as
without it, but the records are written as the open data published them on that day
(questions published later left out, later events removed). The AMO dumps stay as of
``as_of``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from relance.demo.amo import acteur, organe_assemblee, organe_group, organe_ministry
from relance.demo.generator import (
    EDGE_CASES,
    EDGE_KINDS,
    GeneratedQuestion,
    LegislatureGenerator,
    legislature_counts,
)
from relance.demo.governments import LEGISLATURES
from relance.demo.twins import PlantedTwins
from relance.demo.world import World
from relance.demo.zipstream import ZipWriter
from relance.files import sha256_file
from relance.mirror import timeline
from relance.mirror.pages import render_page
from relance.mirror.site import RECORDS, SITE_DIR, day_timestamp, page_file
from relance.record import Question, Status

BASE_URL = "https://data.assemblee-nationale.fr/static/openData/repository"
FORMAT_VERSION = 1
EXAMPLES = 50
PROGRESS_STEP = 1000
#: zlib level of the zips: 1 is the fastest and only ~5 % larger than 6 on these texts.
COMPRESSLEVEL = 1


def questions_path(legislature: int) -> str:
    """The dump's path under the open-data base URL (an-formats.md §2)."""
    roman = {14: "_XIV", 15: "_XV"}.get(legislature, "")
    return f"{legislature}/questions/questions_ecrites/Questions_ecrites{roman}.json.zip"


def single_file(legislature: int) -> bool:
    """The 14th and 15th legislature dumps are one big JSON file (an-formats.md §2)."""
    return legislature <= 15


def amo_path(legislature: int) -> str:
    return (
        f"{legislature}/amo/acteurs_mandats_organes_divises/"
        "AMO50_acteurs_mandats_organes_divises.json.zip"
    )


@dataclass(frozen=True)
class Manifest:
    """What was written; ``to_dict()`` is the content of ``manifest.json``."""

    path: Path
    seed: int
    as_of: date
    questions: int  # distinct uids
    records: int  # records written, planted duplicate copies included
    legislatures: dict[str, dict[str, Any]]
    status: dict[str, int]
    edge_cases: dict[str, dict[str, Any]]
    duplicates: dict[str, int]
    events: dict[str, Any]
    deputies: int
    groups: int
    ministries: dict[str, int]
    answer_rates: dict[str, dict[str, int]]
    files: list[dict[str, Any]] = field(default_factory=list)
    edge_rate: float = 0.01
    published_until: date | None = None
    site: dict[str, Any] | None = None  # the pages written: None with pages=False
    #: The planted near-duplicates (``relance.demo.twins``): per kind, counts and the uids of
    #: each cluster.
    twins: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": "relance.demo",
            "format_version": FORMAT_VERSION,
            "base_url": BASE_URL,
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
            "published_until": self.published_until.isoformat() if self.published_until else None,
            "edge_rate": self.edge_rate,
            "edge_case_weights": EDGE_KINDS,
            "questions": self.questions,
            "records": self.records,
            "legislatures": self.legislatures,
            "status": self.status,
            "edge_cases": self.edge_cases,
            "duplicates": self.duplicates,
            "events": self.events,
            "deputies": self.deputies,
            "groups": self.groups,
            "ministries": self.ministries,
            "answer_rates": self.answer_rates,
            "files": self.files,
            "site": self.site,
            "twins": self.twins,
        }


def _check(
    questions: int,
    legislatures: Sequence[int],
    as_of: date,
    edge_rate: float,
    published_until: date | None = None,
) -> list[int]:
    if published_until is not None and published_until > as_of:
        raise ValueError(f"published_until {published_until} is after as_of {as_of}")
    if questions < 0:
        raise ValueError("questions must be >= 0")
    if not 0 <= edge_rate <= 1:
        raise ValueError("edge_rate must be between 0 and 1")
    legs = sorted(set(legislatures))
    if not legs:
        raise ValueError("at least one legislature")
    for n in legs:
        if n not in LEGISLATURES:
            raise ValueError(f"legislature {n} not supported (14 to 17)")
        if (as_of - LEGISLATURES[n].start).days < 21:
            raise ValueError(f"as_of {as_of} is before legislature {n} has questions")
    return legs


def iter_records(
    *,
    questions: int,
    seed: int = 1,
    legislatures: Sequence[int] = (16, 17),
    as_of: date = date(2026, 11, 24),
    edge_rate: float = 0.01,
    published_until: date | None = None,
) -> Iterator[GeneratedQuestion]:
    """The corpus as a stream, legislature by legislature, in number order. A planted
    duplicate is yielded twice in a row (``copy`` 0 then 1, sharing one ``truth``).
    ``published_until``: the records as published that day (see the module docstring)."""
    legs = _check(questions, legislatures, as_of, edge_rate, published_until)
    world = World(seed, legs, as_of)
    for generator in _generators(world, legs, questions, seed, as_of, edge_rate, published_until):
        yield from generator


def _generators(
    world: World,
    legs: list[int],
    questions: int,
    seed: int,
    as_of: date,
    edge_rate: float,
    published_until: date | None,
) -> Iterator[LegislatureGenerator]:
    """One generator per legislature, sharing one world (deputies, governments)."""
    counts = legislature_counts(questions, legs, as_of)
    for number, count in zip(legs, counts, strict=True):
        yield LegislatureGenerator(
            world,
            number,
            count,
            seed=seed,
            as_of=as_of,
            edge_rate=edge_rate,
            published_until=published_until,
        )


class _Stats:
    def __init__(self) -> None:
        self.status = {s.value: 0 for s in Status}
        self.edges: dict[str, dict[str, Any]] = {}
        self.duplicates = {"planted": 0, "identical": 0, "different": 0}
        self.events: dict[str, int] = {
            "signalements": 0,
            "signalees_answered_within_14_days": 0,
            "renewed_questions": 0,
            "renouvellements": 0,
            "reattributed_by_reshuffle": 0,
            "reattributed_to_other_ministry": 0,
            "joint_answer_questions": 0,
            "campaign_questions": 0,
            "errata": 0,
            "withdrawn": 0,
            "lapsed": 0,
            "answered_within_two_months": 0,
        }
        self.joint_ids: set[str] = set()
        self.signalements_by_leg: dict[int, int] = {}
        self.rates: dict[str, dict[str, int]] = {}
        self.twins = PlantedTwins()

    def add(self, item: GeneratedQuestion) -> None:
        t = item.truth
        self.twins.add(t)
        self.status[t.status.value] += 1
        for tag in t.edge_cases:
            entry = self.edges.setdefault(tag, {"count": 0, "examples": []})
            entry["count"] += 1
            if len(entry["examples"]) < EXAMPLES:
                entry["examples"].append(t.uid)
        if t.duplicate:
            self.duplicates["planted"] += 1
            self.duplicates[t.duplicate] += 1
        e = self.events
        if t.signalement:
            e["signalements"] += 1
            self.signalements_by_leg[t.legislature] = (
                self.signalements_by_leg.get(t.legislature, 0) + 1
            )
            if t.date_reponse and (t.date_reponse - t.signalement).days <= 14:
                e["signalees_answered_within_14_days"] += 1
        if t.renouvellements:
            e["renewed_questions"] += 1
            e["renouvellements"] += len(t.renouvellements)
        if t.attributions > 1 + t.reattributed:
            e["reattributed_by_reshuffle"] += 1
        e["reattributed_to_other_ministry"] += t.reattributed
        if t.joint_answer:
            e["joint_answer_questions"] += 1
            self.joint_ids.add(t.joint_answer)
        e["campaign_questions"] += t.campaign is not None
        e["errata"] += len(t.errata)
        e["withdrawn"] += t.status is Status.WITHDRAWN
        e["lapsed"] += t.status is Status.LAPSED
        if t.date_reponse and (t.date_reponse - t.date_publication).days <= 61:
            e["answered_within_two_months"] += 1
        rate = self.rates.setdefault(t.ministere_attributaire, {"questions": 0, "answered": 0})
        rate["questions"] += 1
        rate["answered"] += t.status is Status.ANSWERED


class _Tally:
    """The manifest's counts, fed each generated item once, whatever the dump's layout."""

    def __init__(self, stats: _Stats, progress: Callable[[int], None] | None) -> None:
        self.stats = stats
        self.progress = progress
        self.distinct = 0  # questions, over all legislatures (second copies not counted)
        self._pending = 0  # questions not yet reported to ``progress``
        self.start_legislature()

    def start_legislature(self) -> None:
        self.records = 0
        self.status = {s.value: 0 for s in Status}
        self.first: str | None = None
        self.last: str | None = None

    def see(self, item: GeneratedQuestion) -> None:
        self.records += 1
        if item.copy == 0:
            self.distinct += 1
            self._pending += 1
            self.stats.add(item)
            self.status[item.truth.status.value] += 1
            self.first = self.first or item.truth.uid
            self.last = item.truth.uid
        if self._pending >= PROGRESS_STEP:
            self.report_progress()

    def report_progress(self) -> None:
        if self.progress and self._pending:
            self.progress(self._pending)
        self._pending = 0


def generate_corpus(
    out_dir: Path,
    *,
    questions: int,
    seed: int = 1,
    legislatures: Sequence[int] = (16, 17),
    as_of: date = date(2026, 11, 24),
    edge_rate: float = 0.01,
    progress: Callable[[int], None] | None = None,
    published_until: date | None = None,
    pages: bool = True,
) -> Manifest:
    """Write the corpus under ``out_dir`` (see the module docstring) and ``manifest.json``.

    Same arguments, same bytes. ``progress(n)`` receives increments that add up to the
    questions written (``questions``, unless ``published_until`` leaves some out).
    ``pages=False`` writes the open-data dumps only.
    """
    legs = _check(questions, legislatures, as_of, edge_rate, published_until)
    out_dir = Path(out_dir)
    day = published_until or as_of  # the corpus date: what the dumps and pages show
    site = _SiteWriter(out_dir, day) if pages else None
    world = World(seed, legs, as_of)
    stats = _Stats()
    per_leg: dict[str, dict[str, Any]] = {}
    files: list[dict[str, Any]] = []
    records = 0
    tally = _Tally(stats, progress)
    dumps = orjson.dumps

    for gen in _generators(world, legs, questions, seed, as_of, edge_rate, published_until):
        number = gen.leg.number
        items = site.tee(gen) if site else iter(gen)
        rel = questions_path(number)
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tally.start_legislature()
        with ZipWriter(path, when=day, level=COMPRESSLEVEL) as zw:
            if single_file(number):
                member = f"Questions_ecrites_{LEGISLATURES[number].roman}.json"
                with zw.stream(member) as stream:
                    stream.write(b'{"export":{"questionsEcrites":{"question":[')
                    buffer: list[bytes] = []
                    size = 0
                    for item in items:
                        chunk = dumps(item.record["question"])
                        buffer.append(b"," + chunk if tally.records else chunk)
                        size += len(chunk)
                        tally.see(item)
                        if size > 1 << 20:
                            stream.write(b"".join(buffer))
                            buffer, size = [], 0
                    stream.write(b"".join(buffer) + b"]}}}")
            else:
                for item in items:
                    zw.write(item.member, dumps(item.record))
                    tally.see(item)
        members = zw.count  # after close: the last batch is written then
        records += tally.records
        leg_status = tally.status
        files.append({"path": rel, "members": members, "kind": "questions"})
        n_weeks = len(gen.weeks())
        authors = gen.author_counts
        mandates = world.mandates[number]
        per_mandate = sorted((authors.get(m.uid, 0) for m in mandates), reverse=True)
        top = per_mandate[: max(1, len(per_mandate) // 10)]
        leg = LEGISLATURES[number]
        per_leg[str(number)] = {
            "questions": sum(leg_status.values()),
            "records": tally.records,
            "first_uid": tally.first,
            "last_uid": tally.last,
            "weeks": n_weeks,
            "closed": leg.closed(as_of),
            "status": leg_status,
            "date_format": "DD/MM/YYYY" if number <= 15 else "YYYY-MM-DD",
            "single_file": single_file(number),
            "deputies": len(mandates),
            "deputies_without_questions": sum(1 for c in per_mandate if c == 0),
            "max_questions_per_deputy": per_mandate[0] if per_mandate else 0,
            "top_decile_share": round(sum(top) / max(1, sum(per_mandate)), 3),
            "groups": len(world.groups[number]),
            "signalements_per_week_at_full_scale": round(
                stats.signalements_by_leg.get(number, 0)
                * leg.weekly_full
                / max(1, sum(leg_status.values())),
                1,
            ),
        }

    # AMO: deputies, their groups, the ministries and the Assemblée
    organes_total: set[str] = set()
    acteurs_total: set[str] = set()
    ministries_written: set[str] = set()
    for number in legs:
        rel = amo_path(number)
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        leg = LEGISLATURES[number]
        window_end = leg.window_end(as_of)
        persons = {m.person.uid: m.person for m in world.mandates[number]}
        organes: dict[str, dict[str, Any]] = {}
        for person in persons.values():
            for m in person.mandates:
                if m.legislature <= number:
                    organes.setdefault(
                        world.assemblee[m.legislature],
                        organe_assemblee(m.legislature, world.assemblee[m.legislature], as_of),
                    )
                    for ms in m.memberships:
                        organes.setdefault(ms.group.uid, organe_group(ms.group))
        for p in world.portfolios.values():
            start, end = p.government.start, p.end or as_of
            if start <= window_end and end >= leg.start:
                organes.setdefault(p.organe, organe_ministry(p))
                ministries_written.add(p.organe)
        with ZipWriter(path, when=day, level=COMPRESSLEVEL) as zw:
            for uid in sorted(persons, key=_numeric):
                zw.write(
                    f"json/acteur/{uid}.json", dumps(acteur(persons[uid], number, world.assemblee))
                )
            for uid in sorted(organes, key=_numeric):
                zw.write(f"json/organe/{uid}.json", dumps(organes[uid]))
        members = zw.count
        files.append({"path": rel, "members": members, "kind": "amo"})
        organes_total.update(organes)
        acteurs_total.update(persons)
        per_leg[str(number)]["acteurs"] = len(persons)
        per_leg[str(number)]["organes"] = len(organes)

    tally.report_progress()
    if site:
        files.append({"path": RECORDS, "members": site.close(), "kind": "records"})
    for entry in files:
        path = out_dir / entry["path"]
        entry["bytes"] = path.stat().st_size
        entry["sha256"] = sha256_file(path)
    events: dict[str, Any] = dict(stats.events)
    events["joint_answers"] = len(stats.joint_ids)
    keys_used = {p.key for p in world.portfolios.values() if p.organe in ministries_written}
    manifest = Manifest(
        path=out_dir / "manifest.json",
        seed=seed,
        as_of=as_of,
        questions=tally.distinct,
        records=records,
        legislatures=per_leg,
        status=stats.status,
        edge_cases={tag: stats.edges[tag] for tag in sorted(stats.edges)},
        duplicates=stats.duplicates,
        events=events,
        deputies=len(acteurs_total),
        groups=sum(len(world.groups[n]) for n in legs),
        ministries={
            "keys": len(keys_used),
            "organes": len(ministries_written),
            "labels": len(
                {
                    (p.abrege, p.developpe)
                    for p in world.portfolios.values()
                    if p.organe in ministries_written
                }
            ),
        },
        answer_rates={k: stats.rates[k] for k in sorted(stats.rates)},
        files=files,
        edge_rate=edge_rate,
        published_until=published_until,
        site=site.summary() if site else None,
        twins=stats.twins.to_dict(),
    )
    data = manifest.to_dict()
    data["edge_case_meanings"] = EDGE_CASES
    manifest.path.write_bytes(
        orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    )
    return manifest


def _numeric(uid: str) -> int:
    return int(uid[2:])


class _SiteWriter:
    """Writes ``site/``: each question's page record to ``records.jsonl`` and its page on the
    corpus date to its real URL path, dated (mtime) by the latest event it shows."""

    def __init__(self, out_dir: Path, day: date) -> None:
        self.out_dir = out_dir
        self.day = day
        (out_dir / SITE_DIR).mkdir(parents=True, exist_ok=True)
        self.records = (out_dir / RECORDS).open("wb")
        self.count = 0
        self.pages: dict[str, int] = {}  # host → pages written
        self._dirs: set[Path] = set()

    def tee(self, items: Iterator[GeneratedQuestion]) -> Iterator[GeneratedQuestion]:
        """Pass the items through, writing each question once (its first copy)."""
        for item in items:
            if item.copy == 0:
                self.write(item.question)
            yield item

    def write(self, question: Question) -> None:
        shown = timeline.as_of(question, self.day)
        assert shown is not None, "the generator leaves out what is not published yet"
        self.records.write(shown.to_json() + b"\n")
        self.count += 1
        rel = page_file(shown.uid)
        path = self.out_dir / rel
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(render_page(shown).encode("utf-8"))
        stamp = day_timestamp(timeline.last_event(shown) or self.day)
        os.utime(path, (stamp, stamp))
        host = rel.split("/", 2)[1]
        self.pages[host] = self.pages.get(host, 0) + 1

    def close(self) -> int:
        self.records.close()
        return self.count

    def summary(self) -> dict[str, Any]:
        return {
            "as_of": self.day.isoformat(),
            "records": RECORDS,
            "pages": sum(self.pages.values()),
            "hosts": {host: self.pages[host] for host in sorted(self.pages)},
        }
