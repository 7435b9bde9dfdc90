"""Keep the clusters of near-identical texts up to date in the database (the I/O around
``relance.twins.cluster``).

A run (``update_twins``):

1. **Sign** the texts of the questions changed since the last run (``updated_at`` at or
   after the watermark, the time the last run started reading, minus ``OVERLAP`` for the
   transactions that committed late): normalized words, their shingles and MinHash
   signature, stored in ``text_signatures`` (kind ``question`` and ``answer``) with a digest
   of what they depend on. A text whose digest did not change is skipped before any work; a
   text emptied or too short is removed.
2. **Place** the new and changed texts, kind by kind: every stored signature is loaded (a
   numpy matrix, not the texts), the existing clusters give the union-find its sets, the
   clusters of changed or removed texts are taken apart (their members are placed again),
   then ``cluster.link`` checks the candidate pairs that involve a text to place.
3. **Write** the clusters that changed: a cluster that only grew keeps its rows and gets its
   new members; one whose first occurrence changed, that merged with another or lost a
   member is written anew. Members' similarity to the first occurrence is exact.
4. The state (``state`` table, key ``twins``) keeps the watermark and the parameters. A run
   with other parameters (``Params``), ``rebuild=True``, or after a run that did not finish
   rebuilds everything from the texts.

One writer at a time, across processes (``relance.db.lock.exclusive``: a second run gets
``Busy`` at once); readers use ``relance.twins.queries``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from multiprocessing import get_context
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, delete, func, select, tuple_, update

from relance.dates import utcnow
from relance.db.lock import exclusive
from relance.db.models import (
    DeputyRow,
    MandateRow,
    QuestionRow,
    TextSignatureRow,
    TwinClusterRow,
    TwinKind,
    TwinMemberRow,
)
from relance.db.state import get_state, set_state
from relance.db.upsert import upsert
from relance.twins.cluster import (
    LinkStats,
    Params,
    Signer,
    UnionFind,
    from_bytes,
    link,
    to_bytes,
)
from relance.twins.text import NORMALIZE_VERSION, jaccard, shingles, words
from relance.uid import UID_RE

logger = logging.getLogger(__name__)

Q = QuestionRow.__table__
D = DeputyRow.__table__
M = MandateRow.__table__
S = TextSignatureRow.__table__
C = TwinClusterRow.__table__
TM = TwinMemberRow.__table__

STATE_KEY = "twins"
#: Rows stamped this long before the watermark are read again: a transaction that stamped
#: its rows before the last run read the table, but committed after, is not missed.
OVERLAP = timedelta(minutes=10)
READ_CHUNK = 2000
#: A rebuild of at least this many questions signs in one process per core (starting the
#: workers costs a few seconds).
PARALLEL_MIN_ROWS = 20_000
IN_CHUNK = 500
KINDS = (TwinKind.QUESTION.value, TwinKind.ANSWER.value)


# -- reading texts -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """What one text is normalized from."""

    uid: str
    kind: str
    html: str | None
    day: date | None
    author: str | None
    places: tuple[str, ...]


def text_query() -> Any:
    return select(
        Q.c.uid,
        Q.c.texte_question_html,
        Q.c.texte_reponse_html,
        Q.c.date_publication,
        Q.c.date_reponse,
        Q.c.author_name,
        Q.c.circonscription,
        D.c.name.label("deputy_name"),
        M.c.departement,
        M.c.region,
    ).select_from(
        Q.outerjoin(D, D.c.uid == Q.c.deputy_ref).outerjoin(M, M.c.uid == Q.c.mandate_ref)
    )


def sources(row: Any) -> tuple[Source, Source]:
    """The question's text and its answer's, from a row of ``text_query``."""
    places = {row.departement, row.region}
    if row.circonscription:
        places.add(row.circonscription.split(" (", 1)[0])
    found = tuple(sorted(p for p in places if p))
    author = row.author_name or row.deputy_name
    return (
        Source(row.uid, "question", row.texte_question_html, row.date_publication, author, found),
        Source(
            row.uid,
            "answer",
            row.texte_reponse_html,
            row.date_reponse or row.date_publication,
            None,
            found,
        ),
    )


def normalized(source: Source) -> list[str]:
    return words(source.html, author=source.author, places=source.places)


def digest(source: Source, params: Params) -> str:
    """What a text's signature depends on (its HTML, author, places, day, the normalization
    and the shingle size), hashed: a text read again with the same digest is skipped before
    any normalization."""
    key = "\x1f".join(
        (
            str(NORMALIZE_VERSION),
            str(params.shingle),
            source.html or "",
            source.author or "",
            "|".join(source.places),
            source.day.isoformat() if source.day else "",
        )
    )
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


class Texts:
    """Shingle sets of one kind's texts, read from the database on demand (by row of the
    signature matrix), cached: the exact checks and the similarities to first occurrences."""

    def __init__(self, engine: Engine, kind: str, uids: list[str], params: Params) -> None:
        self.engine = engine
        self.kind = kind
        self.uids = uids
        self.params = params
        self.cache: dict[int, np.ndarray] = {}
        self.loaded = 0

    def load(self, rows: Iterable[int]) -> None:
        missing = sorted({row for row in rows if row not in self.cache})
        if not missing:
            return
        index = {self.uids[row]: row for row in missing}
        uids = list(index)
        which = 0 if self.kind == "question" else 1
        with self.engine.connect() as connection:
            for start in range(0, len(uids), IN_CHUNK):
                chunk = uids[start : start + IN_CHUNK]
                for db_row in connection.execute(text_query().where(Q.c.uid.in_(chunk))):
                    source = sources(db_row)[which]
                    self.cache[index[db_row.uid]] = shingles(
                        normalized(source), self.params.shingle
                    )
        for row in missing:  # a text gone meanwhile compares as empty
            self.cache.setdefault(row, np.empty(0, dtype=np.uint32))
        self.loaded += len(missing)

    def check(self, pairs: list[tuple[int, int]]) -> list[float]:
        self.load(row for pair in pairs for row in pair)
        return [jaccard(self.cache[a], self.cache[b]) for a, b in pairs]


# -- the report --------------------------------------------------------------------------------


@dataclass
class KindReport:
    signed: int = 0  # new or changed texts signed this run
    removed: int = 0  # texts gone (emptied, or now too short)
    texts: int = 0  # texts with a signature after the run
    placed: int = 0  # texts placed this run (signed, or members of clusters taken apart)
    link: LinkStats = field(default_factory=LinkStats)
    clusters: int = 0  # clusters after the run
    members: int = 0  # texts in a cluster after the run
    written: int = 0  # clusters created, grown or rewritten this run
    deleted: int = 0  # clusters that no longer exist (merged, split, emptied)

    def as_dict(self) -> dict[str, Any]:
        return {
            "signed": self.signed,
            "removed": self.removed,
            "texts": self.texts,
            "placed": self.placed,
            "candidates": self.link.candidates,
            "checked": self.link.checked,
            "linked": self.link.linked,
            "clusters": self.clusters,
            "members": self.members,
            "written": self.written,
            "deleted": self.deleted,
        }


@dataclass
class TwinsReport:
    mode: str = "incremental"  # or "rebuild"
    read: int = 0  # question rows read
    kinds: dict[str, KindReport] = field(default_factory=lambda: {k: KindReport() for k in KINDS})
    seconds: float = 0.0
    watermark: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "read": self.read,
            "seconds": round(self.seconds, 2),
            "watermark": self.watermark,
            "params": self.params,
            "kinds": {kind: report.as_dict() for kind, report in self.kinds.items()},
        }

    def lines(self) -> list[str]:
        out = [f"twins ({self.mode}): {self.read} questions read in {self.seconds:.1f} s"]
        for kind, r in self.kinds.items():
            out.append(
                f"  {kind}s: {r.signed} signed, {r.removed} removed, {r.placed} placed "
                f"({r.link.candidates} candidates, {r.link.checked} checked); "
                f"{r.clusters} clusters of {r.members} texts ({r.written} written, "
                f"{r.deleted} gone)"
            )
        return out


# -- the run ----------------------------------------------------------------------------------


def update_twins(
    engine: Engine,
    *,
    rebuild: bool = False,
    params: Params | None = None,
    now: Callable[[], datetime] = utcnow,
    progress: Callable[[str, int], None] | None = None,
    workers: int | None = None,
) -> TwinsReport:
    """Bring the clusters up to date (see the module docstring); returns the report.
    ``params``: None keeps those of the last run (the defaults the first time); others
    rebuild the clusters with them.
    ``workers``: processes that sign texts (default: one per core for a rebuild of
    ``PARALLEL_MIN_ROWS`` questions or more, else none; 0: sign here)."""
    with exclusive(engine, "twins"):
        return _update_twins(engine, rebuild, params, now, progress, workers)


def _update_twins(
    engine: Engine,
    rebuild: bool,
    params: Params | None,
    now: Callable[[], datetime],
    progress: Callable[[str, int], None] | None,
    workers: int | None,
) -> TwinsReport:
    started = time.perf_counter()
    state = get_state(engine, STATE_KEY).get(STATE_KEY) or {}
    params = params or stored_params(state)
    report = TwinsReport(params=params.as_dict())
    wanted = {**params.as_dict(), "normalize": NORMALIZE_VERSION}
    full = (
        rebuild
        or not state
        or state.get("params") != wanted
        or state.get("running", False)
        or not state.get("watermark")
    )
    report.mode = "rebuild" if full else "incremental"
    if full:
        with engine.begin() as connection:
            connection.execute(delete(TM))
            connection.execute(delete(C))
            connection.execute(delete(S))
        since = None
    else:
        since = datetime.fromisoformat(state["watermark"]) - OVERLAP
    set_state(engine, {STATE_KEY: {**state, "running": True}})

    if workers is None:
        workers = 0
        if full and (os.cpu_count() or 1) > 1:
            with engine.connect() as connection:
                rows = connection.execute(select(func.count()).select_from(Q)).scalar_one()
            workers = (os.cpu_count() or 1) if rows >= PARALLEL_MIN_ROWS else 0
    watermark = now()  # before reading: what commits later is read next time
    changed = _sign(engine, since, params, report, now, progress, workers)
    for kind in KINDS:
        _place(engine, kind, changed[kind], params, report.kinds[kind], now, full, progress)
    report.watermark = watermark.isoformat()
    set_state(
        engine,
        {STATE_KEY: {"watermark": report.watermark, "params": wanted, "running": False}},
    )
    report.seconds = time.perf_counter() - started
    for line in report.lines():
        logger.info("%s", line)
    return report


@dataclass(frozen=True, slots=True)
class Signed:
    """A text signed (``signature`` None: too short to count)."""

    kind: str
    uid: str
    day: date | None
    digest: str
    shingles: int
    signature: bytes | None


_SIGNERS: dict[Params, Signer] = {}


def sign_sources(
    batch: list[Source], params: Params, known: dict[tuple[str, str], str] | None = None
) -> list[Signed]:
    """Normalize, shingle and sign the texts whose digest is not the one ``known`` (pure;
    runs in worker processes too). Texts without a known digest and too short to count
    are left out; a known one now too short comes back without a signature."""
    signer = _SIGNERS.get(params)
    if signer is None:
        signer = _SIGNERS[params] = Signer(params)
    known = known or {}
    out = []
    for source in batch:
        key = digest(source, params)
        before = known.get((source.kind, source.uid))
        if before == key:
            continue
        sets = shingles(normalized(source), params.shingle)
        signature = None
        if len(sets) >= params.min_shingles:
            signature = to_bytes(signer.sign(sets))
        elif before is None:
            continue
        out.append(Signed(source.kind, source.uid, source.day, key, len(sets), signature))
    return out


def stored_params(state: dict[str, Any]) -> Params:
    """The parameters of the last run (those given to ``relance twins`` last), else the
    defaults."""
    stored = dict(state.get("params") or {})
    stored.pop("normalize", None)
    try:
        return Params(**stored)
    except TypeError:  # parameters of another version
        return Params()


def current_params(engine: Engine) -> Params:
    return stored_params(get_state(engine, STATE_KEY).get(STATE_KEY) or {})


def _sign(
    engine: Engine,
    since: datetime | None,
    params: Params,
    report: TwinsReport,
    now: Callable[[], datetime],
    progress: Callable[[str, int], None] | None,
    workers: int,
) -> dict[str, set[str]]:
    """Step 1: sign what changed (in ``workers`` processes, or here with 0). Returns the
    uids to place (signed or removed) per kind."""
    changed: dict[str, set[str]] = {kind: set() for kind in KINDS}
    query = text_query()
    if since is not None:
        query = query.where(Q.c.updated_at >= since)

    def batches() -> Iterator[tuple[list[Source], dict[tuple[str, str], str]]]:
        with engine.connect() as reader:
            result = reader.execution_options(stream_results=True, yield_per=READ_CHUNK).execute(
                query
            )
            for chunk in _chunks(result, READ_CHUNK):
                report.read += len(chunk)
                known = {} if since is None else _stored(engine, [row.uid for row in chunk])
                yield [source for row in chunk for source in sources(row)], known

    for signed in _signed_batches(batches(), params, workers):
        upserts: list[dict[str, Any]] = []
        removals: list[tuple[str, str]] = []
        stamp = now()
        for item in signed:
            if item.signature is None:
                removals.append((item.kind, item.uid))
                changed[item.kind].add(item.uid)
                report.kinds[item.kind].removed += 1
                continue
            upserts.append(
                {
                    "kind": item.kind,
                    "uid": item.uid,
                    "day": item.day,
                    "digest": item.digest,
                    "shingles": item.shingles,
                    "signature": item.signature,
                    "updated_at": stamp,
                }
            )
            changed[item.kind].add(item.uid)
            report.kinds[item.kind].signed += 1
        with engine.begin() as connection:
            if removals:
                connection.execute(delete(S).where(tuple_(S.c.kind, S.c.uid).in_(removals)))
            upsert(connection, S, upserts, key=["kind", "uid"])
        if progress:
            progress("sign", len(signed))
    return changed


def _signed_batches(
    batches: Iterator[tuple[list[Source], dict[tuple[str, str], str]]],
    params: Params,
    workers: int,
) -> Iterator[list[Signed]]:
    """``sign_sources`` over the batches, in order, in worker processes when asked."""
    if workers <= 0:
        for batch, known in batches:
            yield sign_sources(batch, params, known)
        return
    pending: deque[Future[list[Signed]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=get_context("forkserver")) as pool:
        for batch, known in batches:
            pending.append(pool.submit(sign_sources, batch, params, known))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _chunks(result: Any, size: int) -> Iterator[list[Any]]:
    while True:
        rows = result.fetchmany(size)
        if not rows:
            return
        yield rows


def _stored(engine: Engine, uids: list[str]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    with engine.connect() as connection:
        for start in range(0, len(uids), IN_CHUNK):
            chunk = uids[start : start + IN_CHUNK]
            query = select(S.c.kind, S.c.uid, S.c.digest).where(S.c.uid.in_(chunk))
            for row in connection.execute(query):
                out[(row.kind, row.uid)] = row.digest
    return out


def order_key(day: date | None, uid: str) -> tuple[date, int, int, str]:
    """First occurrences first: by day, then legislature and number (publication order)."""
    match = UID_RE.match(uid)
    if match:
        return (day or date.max, int(match["legislature"]), int(match["number"]), uid)
    return (day or date.max, 0, 0, uid)


def _place(
    engine: Engine,
    kind: str,
    changed: set[str],
    params: Params,
    report: KindReport,
    now: Callable[[], datetime],
    full: bool,
    progress: Callable[[str, int], None] | None,
) -> None:
    """Steps 2 and 3 for one kind."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(S.c.uid, S.c.day, S.c.signature).where(S.c.kind == kind)
        ).all()
        members = dict(
            connection.execute(select(TM.c.uid, TM.c.cluster_id).where(TM.c.kind == kind)).all()
        )
    rows.sort(key=lambda row: order_key(row.day, row.uid))
    uids = [row.uid for row in rows]
    days = [row.day for row in rows]
    report.texts = len(uids)
    position = {uid: i for i, uid in enumerate(uids)}
    signatures = from_bytes((row.signature for row in rows), params.num_perm)
    del rows

    # The clusters as stored; those of changed or removed texts are taken apart.
    by_cluster: dict[str, list[str]] = {}
    for uid, cluster_id in members.items():
        by_cluster.setdefault(cluster_id, []).append(uid)
    dissolved = {members[uid] for uid in changed if uid in members}
    uf = UnionFind(len(uids))
    for cluster_id, member_uids in by_cluster.items():
        if cluster_id in dissolved:
            continue
        rows_in = [position[u] for u in member_uids if u in position]
        for row in rows_in[1:]:
            uf.union(rows_in[0], row)
    to_place = {position[u] for u in changed if u in position}
    for cluster_id in dissolved:
        to_place.update(position[u] for u in by_cluster[cluster_id] if u in position)
    report.placed = len(to_place)

    texts = Texts(engine, kind, uids, params)
    if full:
        active = None
    else:
        active = np.zeros(len(uids), dtype=bool)
        active[list(to_place)] = True
    if full or to_place:
        report.link = link(signatures, uf, active=active, params=params, check=texts.check)
    if progress:
        progress(f"place {kind}s", len(to_place))

    # Which clusters to write: those holding a placed text (and what they merged with).
    touched_roots = None if full else {uf.find(row) for row in to_place}
    components: dict[int, list[int]] = {}
    for row in range(len(uids)):
        root = uf.find(row)
        if touched_roots is None or root in touched_roots:
            components.setdefault(root, []).append(row)
    stamp = now()
    stale: set[str] = set(dissolved)
    new_clusters: list[dict[str, Any]] = []
    new_members: list[dict[str, Any]] = []
    grown: list[tuple[str, list[dict[str, Any]], float, date | None]] = []
    for rows_in in components.values():
        if len(rows_in) < 2:
            continue
        first = rows_in[0]  # rows are in first-occurrence order: the root is the first
        cluster_id = uids[first]
        before = {members.get(uids[row]) for row in rows_in}
        if not full and before - {None} == {cluster_id} and cluster_id not in dissolved:
            # The cluster only grew: add the new members.
            added = [row for row in rows_in if uids[row] not in members]
            sims = texts.check([(first, row) for row in added])
            grown.append(
                (
                    cluster_id,
                    [
                        {"kind": kind, "uid": uids[row], "cluster_id": cluster_id, "similarity": s}
                        for row, s in zip(added, sims, strict=True)
                    ],
                    min(sims) if sims else 1.0,
                    max(days[row] or date.min for row in rows_in),
                )
            )
            continue
        stale.update(c for c in before if c is not None)
        sims = [1.0, *texts.check([(first, row) for row in rows_in[1:]])]
        last = max((days[row] for row in rows_in if days[row]), default=None)
        new_clusters.append(
            {
                "kind": kind,
                "id": cluster_id,
                "size": len(rows_in),
                "first_date": days[first],
                "last_date": last,
                "rubrique_key": None,
                "ministry_key": None,
                "min_similarity": min(sims),
                "updated_at": stamp,
            }
        )
        new_members.extend(
            {"kind": kind, "uid": uids[row], "cluster_id": cluster_id, "similarity": s}
            for row, s in zip(rows_in, sims, strict=True)
        )
    _write(engine, kind, stale, new_clusters, new_members, grown, stamp, report)
    with engine.connect() as connection:
        report.clusters = connection.execute(
            select(func.count()).select_from(C).where(C.c.kind == kind)
        ).scalar_one()
        report.members = connection.execute(
            select(func.count()).select_from(TM).where(TM.c.kind == kind)
        ).scalar_one()


def _write(
    engine: Engine,
    kind: str,
    stale: set[str],
    new_clusters: list[dict[str, Any]],
    new_members: list[dict[str, Any]],
    grown: list[tuple[str, list[dict[str, Any]], float, date | None]],
    stamp: datetime,
    report: KindReport,
) -> None:
    """Step 3 in one transaction: stale clusters out, new ones in, grown ones extended."""
    keep = {c["id"] for c in new_clusters}
    with engine.begin() as connection:
        gone = sorted(stale)
        for start in range(0, len(gone), IN_CHUNK):
            chunk = gone[start : start + IN_CHUNK]
            connection.execute(delete(TM).where(TM.c.kind == kind, TM.c.cluster_id.in_(chunk)))
            connection.execute(delete(C).where(C.c.kind == kind, C.c.id.in_(chunk)))
        report.deleted = len(stale - keep)
        # a text moved to a new cluster leaves its old one (deleted above) or none
        moving = [m["uid"] for m in new_members]
        for start in range(0, len(moving), IN_CHUNK):
            connection.execute(
                delete(TM).where(TM.c.kind == kind, TM.c.uid.in_(moving[start : start + IN_CHUNK]))
            )
        _first_facts(connection, new_clusters)
        for start in range(0, len(new_clusters), IN_CHUNK):
            connection.execute(C.insert(), new_clusters[start : start + IN_CHUNK])
        for start in range(0, len(new_members), 5 * IN_CHUNK):
            connection.execute(TM.insert(), new_members[start : start + 5 * IN_CHUNK])
        for cluster_id, added, lowest, last in grown:
            if added:
                connection.execute(TM.insert(), added)
            connection.execute(
                update(C)
                .where(C.c.kind == kind, C.c.id == cluster_id)
                .values(
                    size=C.c.size + len(added),
                    min_similarity=func.min(C.c.min_similarity, lowest)
                    if connection.dialect.name == "sqlite"
                    else func.least(C.c.min_similarity, lowest),
                    last_date=last,
                    updated_at=stamp,
                )
            )
    report.written = len(new_clusters) + len(grown)


def _first_facts(connection: Connection, clusters: list[dict[str, Any]]) -> None:
    """Each new cluster's rubrique and ministry: its first occurrence's."""
    index = {c["id"]: c for c in clusters}
    ids = list(index)
    for start in range(0, len(ids), IN_CHUNK):
        query = select(Q.c.uid, Q.c.rubrique_key, Q.c.ministere_attributaire_key).where(
            Q.c.uid.in_(ids[start : start + IN_CHUNK])
        )
        for row in connection.execute(query):
            index[row.uid]["rubrique_key"] = row.rubrique_key
            index[row.uid]["ministry_key"] = row.ministere_attributaire_key
