"""A throwaway PostgreSQL server for the tests, and fresh empty databases on it.

One implementation for both callers: the pytest fixtures (``tests/conftest.py``) and the CI
script (``.ci/run`` calls ``python tests/pg.py start DIR`` and ``python tests/pg.py stop DIR``).

The server is hardened for tests: it listens on 127.0.0.1 only, on a free port, with its
Unix socket inside its own temporary directory, trust authentication, and no durability
(``fsync``, ``synchronous_commit`` and ``full_page_writes`` off). ``initdb`` refuses to run
as root, so when we are root every server command runs as an unprivileged user (the
``postgres`` system user) through ``runuser``.

This module imports only the standard library at module level, so that it runs as a plain
script before anything else is importable; SQLAlchemy is imported where it is needed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Unprivileged OS users that may own the server when we are root, in order of preference.
SERVER_USERS = ("postgres", "relance-pg")
#: The user ``.ci/run`` creates when none of ``SERVER_USERS`` exists.
CREATED_USER = "relance-pg"
#: The PostgreSQL role created by ``initdb -U``; it is the URL's user.
SUPERUSER = "postgres"
HOST = "127.0.0.1"
STATE_FILE = "server.json"
START_ATTEMPTS = 3
READY_TIMEOUT = 60


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (missing binaries, no unprivileged user)."""


class PostgresStartError(RuntimeError):
    """The binaries are there but the server did not start; the message ends with its log."""


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    base_dir: Path
    bin_dir: Path
    user: str | None  # the OS user running the server, None when it is ourselves


def _log(message: str) -> None:
    print(f"[tests/pg] {message}", file=sys.stderr, flush=True)


def _version_key(path: Path) -> tuple[int, ...]:
    numbers = re.findall(r"\d+", path.parent.name)
    return tuple(int(n) for n in numbers)


def find_bin_dir() -> Path | None:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``: from ``PATH`` first
    (following symlinks, as Debian links the binaries into ``/usr/local/bin``), then the
    newest ``/usr/lib/postgresql/*/bin``. ``None`` when PostgreSQL is not installed."""
    candidates: list[Path] = []
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    for bin_dir in candidates:
        if all(os.access(bin_dir / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres")):
            return bin_dir
    return None


def is_root() -> bool:
    return os.geteuid() == 0


def find_server_user() -> str | None:
    """The unprivileged OS user to run the server as when we are root."""
    for name in SERVER_USERS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    return None


def create_server_user() -> str:
    """Create a system user without login or home to run the server (CI machines only)."""
    _log(f"creating the unprivileged system user {CREATED_USER!r}")
    if shutil.which("useradd"):
        argv = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin"]
    else:
        argv = ["adduser", "--system", "--no-create-home", "--disabled-login"]
    subprocess.run([*argv, CREATED_USER], check=True, stdin=subprocess.DEVNULL)
    return CREATED_USER


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the start retries if another process takes
    it before the server binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _run(
    argv: list[str], user: str | None, cwd: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a server command, as ``user`` when given (we are root then)."""
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    _log("$ " + shlex.join(argv))
    return subprocess.run(
        argv,
        cwd=cwd,  # a directory the server user can enter (initdb resolves its cwd)
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=check,
    )


def _locale_args() -> list[str]:
    """UTF-8 and a UTF-8-aware C locale (so ``lower()``/``ILIKE`` fold accented letters)
    when the C library has one; byte-order collation either way, for deterministic sorts."""
    try:
        locales = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        locales = []
    if any(name.lower() in ("c.utf8", "c.utf-8") for name in locales):
        return ["--encoding=UTF8", "--locale=C.UTF-8"]
    return ["--encoding=UTF8", "--no-locale"]


def _log_tail(log_file: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def make_base_dir() -> Path:
    """A new temporary directory for one server (data, socket, log). Under ``/tmp`` when we
    are root, because the server user must be able to reach it (pytest's own temporary
    directories are private to root)."""
    return Path(tempfile.mkdtemp(prefix="relance-pg-", dir="/tmp" if is_root() else None))


def start(base_dir: Path, *, create_user: bool = False) -> Server:
    """Initialise and start a throwaway cluster in ``base_dir`` (an existing empty
    directory) and return once it accepts connections. Raises ``PostgresUnavailable``
    when it cannot be tried here, ``PostgresStartError`` when it failed."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable(
            "PostgreSQL not available: set RELANCE_TEST_POSTGRES_URL or install postgresql"
        )
    user: str | None = None
    if is_root():
        user = find_server_user()
        if user is None and create_user:
            user = create_server_user()
        if user is None:
            raise PostgresUnavailable(
                "PostgreSQL not available: initdb refuses to run as root and there is no "
                f"unprivileged user ({', '.join(SERVER_USERS)}) to run it as; create one, "
                "or set RELANCE_TEST_POSTGRES_URL"
            )
        entry = pwd.getpwnam(user)
        os.chown(base_dir, entry.pw_uid, entry.pw_gid)
    base_dir.chmod(0o700)
    data_dir, sock_dir, log_file = base_dir / "data", base_dir / "sock", base_dir / "server.log"

    initdb = [str(bin_dir / "initdb"), "-D", str(data_dir), "-A", "trust", "-U", SUPERUSER]
    result = _run([*initdb, "--no-sync", *_locale_args()], user, base_dir, check=False)
    if result.returncode != 0:
        raise PostgresStartError(f"initdb failed:\n{result.stdout}{result.stderr}")
    _run(["mkdir", "-m", "700", str(sock_dir)], user, base_dir)

    for attempt in range(1, START_ATTEMPTS + 1):
        port = free_port()
        options = (
            f"-c listen_addresses={HOST} -p {port} -k {shlex.quote(str(sock_dir))} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-l", str(log_file)]
        argv = [*pg_ctl, "-o", options, "-w", "-t", str(READY_TIMEOUT), "start"]
        result = _run(argv, user, base_dir, check=False)
        if result.returncode == 0:
            break
        log = _log_tail(log_file)
        if attempt < START_ATTEMPTS and re.search(r"could not bind|already in use", log):
            _log(f"port {port} was taken, retrying")
            continue
        raise PostgresStartError(f"pg_ctl start failed:\n{result.stdout}{result.stderr}\n{log}")

    url = f"postgresql+psycopg://{SUPERUSER}@{HOST}:{port}/postgres"
    server = Server(url=url, port=port, base_dir=base_dir, bin_dir=bin_dir, user=user)
    state = {"url": url, "port": port, "bin_dir": str(bin_dir), "user": user}
    (base_dir / STATE_FILE).write_text(json.dumps(state))
    _wait_ready(server, log_file)
    _log(f"PostgreSQL ready at {url} (data in {data_dir})")
    return server


def _wait_ready(server: Server, log_file: Path) -> None:
    """``pg_ctl -w`` already waits; this also checks that TCP on 127.0.0.1 answers."""
    pg_isready = server.bin_dir / "pg_isready"
    if not os.access(pg_isready, os.X_OK):
        return
    argv = [str(pg_isready), "-q", "-h", HOST, "-p", str(server.port), "-U", SUPERUSER]
    deadline = time.monotonic() + READY_TIMEOUT
    while subprocess.run(argv, stdin=subprocess.DEVNULL, check=False).returncode != 0:
        if time.monotonic() > deadline:
            log = _log_tail(log_file)
            raise PostgresStartError(f"server not ready on {HOST}:{server.port}\n{log}")
        time.sleep(0.1)


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    """Whether the process runs (an exited one waiting to be reaped, a zombie, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rpartition(")")[2].split()[0] not in ("Z", "X")
    return True


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def stop(base_dir: Path) -> None:
    """Stop the server started in ``base_dir`` (fast shutdown; immediate shutdown of that
    postmaster, by its pid, if ``pg_ctl`` fails) and remove the directory. Safe to call
    whatever state ``start`` reached."""
    data_dir = base_dir / "data"
    try:
        state = json.loads((base_dir / STATE_FILE).read_text())
    except (OSError, ValueError):
        state = {}
    pid = _postmaster_pid(data_dir)
    if pid is not None and _alive(pid):
        bin_dir = Path(state["bin_dir"]) if state.get("bin_dir") else find_bin_dir()
        user = state.get("user") if is_root() else None
        if user is None and is_root():
            user = pwd.getpwuid(data_dir.stat().st_uid).pw_name
        stopped = False
        if bin_dir is not None:
            argv = [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w"]
            result = _run([*argv, "-t", "60", "stop"], user, base_dir, check=False)
            stopped = result.returncode == 0
            if not stopped:
                _log(f"pg_ctl stop failed: {result.stdout}{result.stderr}".strip())
        if not (stopped and _wait_gone(pid, 10)) and _alive(pid):
            _log(f"immediate shutdown of postmaster {pid}")
            os.kill(pid, signal.SIGQUIT)
            if not _wait_gone(pid, 30):
                _log(f"postmaster {pid} still running after SIGQUIT")
    shutil.rmtree(base_dir, ignore_errors=True)
    _log(f"PostgreSQL stopped, {base_dir} removed")


def normalise_url(url: str) -> str:
    """A server URL with the psycopg (v3) driver, the one the project depends on."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@contextlib.contextmanager
def temporary_database(server_url: str, prefix: str = "relance_test") -> Iterator[str]:
    """Create a new empty UTF-8 database (from ``template0``) with a unique name on the
    server, yield its URL, and drop it afterwards even if connections are still open."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = create_engine(
        normalise_url(server_url), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"))
        try:
            url = make_url(normalise_url(server_url)).set(database=name)
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python tests/pg.py", description="Start or stop a throwaway PostgreSQL server."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    start_cmd = sub.add_parser("start", help="initdb + start in DIR; print the server URL")
    start_cmd.add_argument("dir", type=Path, help="an empty directory (e.g. from mktemp -d)")
    start_cmd.add_argument(
        "--create-user",
        action="store_true",
        help=f"as root, create the system user {CREATED_USER!r} if no postgres user exists",
    )
    stop_cmd = sub.add_parser("stop", help="stop the server started in DIR and remove DIR")
    stop_cmd.add_argument("dir", type=Path)
    args = parser.parse_args(argv)

    if args.command == "stop":
        stop(args.dir)
        return 0
    try:
        server = start(args.dir, create_user=args.create_user)
    except (PostgresUnavailable, PostgresStartError, subprocess.CalledProcessError) as exc:
        _log(str(exc))
        return 1
    print(server.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
