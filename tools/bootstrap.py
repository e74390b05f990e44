#!/usr/bin/env python3
"""Set-up of the project's commands: ``make run``, ``make test`` and the others.

Runs with the standard library of any Python >= 3.10, before the project's
virtual environment exists, and is idempotent (a second run takes seconds):

1. Python: ``PYTHON`` if set, else the first of python3, python3.12, python3.11,
   python3.10 on PATH in 3.10-3.12 (an existing ``.venv`` is kept);
2. Debian packages the builds, the server and the tests need: installed when
   missing and root (``apt-get update`` once), else named in one message;
3. the virtual environment ``.venv/`` of the repository;
4. Odoo 18.0 Community: ``ODOO_SOURCE`` if set (git URL with ``ODOO_REF``, a
   source tree, or a .tar.gz/.zip archive), else the Odoo the chosen Python
   already imports, else the cached source, else a shallow clone of Odoo's
   repository (branch ``ODOO_REF``, default 18.0). Fetched or copied sources are
   kept in ``${XDG_CACHE_HOME:-~/.cache}/ecabinet/odoo-<ref>``, outside the
   repository; ``.venv`` points at the source with a ``.pth`` file;
5. Python packages: Odoo's requirements.txt, then ours (requirements.txt,
   requirements-test.txt), skipped when a stamp says the files are unchanged;
6. PostgreSQL: the server of PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432) if
   it answers, else the project's own cluster in ``.odoo-data/pg`` (Debian's
   binaries), started here and stopped by ``make stop``;

then replaces itself with the command, run with the virtual environment first
on PATH and PGHOST/PGPORT/PGUSER set::

    tools/bootstrap.py test -- python tools/run_tests.py [options]
    tools/bootstrap.py stop

Each step prints one line with its time; the logs of pip, apt, git and
PostgreSQL go to ``.odoo-data/logs/`` and their tail is shown on failure.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import urllib.request
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV = REPO_ROOT / ".venv"
DATA_DIR = REPO_ROOT / ".odoo-data"
LOG_DIR = DATA_DIR / "logs"
STATE_FILE = VENV / "ecabinet-bootstrap.json"
PG_STATE_FILE = DATA_DIR / "pg-cluster.json"
SERVER_PIDFILE = DATA_DIR / "odoo.pid"
ODOO_REPOSITORY = "https://github.com/odoo/odoo"
ODOO_MAJOR = 18
DEFAULT_REF = f"{ODOO_MAJOR}.0"
SUPPORTED_PYTHONS = ((3, 10), (3, 11), (3, 12))
PYTHON_CANDIDATES = ("python3", "python3.12", "python3.11", "python3.10")
OUR_REQUIREMENTS = ("requirements.txt", "requirements-test.txt")
# Some of Odoo's pinned requirements (cbor2, ...) build from sdist with
# setuptools' pkg_resources, which setuptools 80 dropped. Only Odoo's
# requirements get this build constraint: xmlsec (ours) builds with setuptools 80.
ODOO_BUILD_CONSTRAINTS = "setuptools<80\n"
# Bumped when the way packages are installed changes (re-runs pip once).
INSTALL_RECIPE = "1"
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip")

# Debian packages. build: headers and tools pip needs to build Odoo's and our
# requirements (psycopg2 and python-ldap build from source; lxml and xmlsec come
# as wheels, docs/dependencies.md); run: what
# the server uses (PDF reports, pdftotext, fonts for the signature stamps);
# test: Chromium for Odoo's browser tours, SoftHSM2 for the PKCS#11 tests.
DEB_BUILD = (
    "build-essential",
    "pkg-config",
    "libpq-dev",
    "libldap2-dev",
    "libsasl2-dev",
    "libjpeg-dev",
    "zlib1g-dev",
)
DEB_RUN = ("wkhtmltopdf", "poppler-utils", "fonts-noto-core", "fonts-liberation2")
DEB_TEST = ("chromium", "softhsm2")
PROFILES = {
    # profile: (Debian packages, needs PostgreSQL)
    "run": (DEB_BUILD + DEB_RUN, True),
    "test": (DEB_BUILD + DEB_RUN + DEB_TEST, True),
    "bench": (DEB_BUILD + DEB_RUN, True),
    "lint": (DEB_BUILD, False),
    # tools/scale_demo.py: its own PostgreSQL clusters (Debian's binaries) and nginx
    "scale": (DEB_BUILD + DEB_RUN + ("nginx", "postgresql"), False),
    "setup": (DEB_BUILD + DEB_RUN + DEB_TEST, True),
}

_apt_updated = False


# ----------------------------------------------------------------------- output


def die(message: str, code: int = 2, log: Path | None = None) -> None:
    """Print ``message`` (and the tail of ``log``) on stderr and exit."""
    Step.interrupt()
    if log is not None and log.is_file():
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        print(f"\n--- last lines of {rel(log)}:", file=sys.stderr)
        for line in lines[-40:]:
            print("  " + line, file=sys.stderr)
    paragraphs = [textwrap.fill(p, width=88) for p in message.strip().split("\n\n")]
    print("\nERROR: " + "\n\n".join(paragraphs) + "\n", file=sys.stderr, flush=True)
    sys.exit(code)


def rel(path: Path | str) -> str:
    """``path`` relative to the repository when inside it."""
    try:
        return str(Path(path).relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


class Step:
    """One progress line: ``[setup] label ... result (1.2 s)``."""

    _open: Step | None = None

    def __init__(self, label: str):
        self.label = label
        self.start = time.monotonic()
        print(f"[setup] {label} ...", end="", flush=True)
        Step._open = self

    @classmethod
    def interrupt(cls) -> None:
        """End the open step's line before anything else is printed."""
        if cls._open is not None:
            print(flush=True)
            cls._open = None

    def note(self, message: str) -> None:
        Step.interrupt()
        print(f"        {message}", flush=True)

    def done(self, result: str) -> None:
        elapsed = time.monotonic() - self.start
        if Step._open is self:
            print(f" {result} ({elapsed:.1f} s)", flush=True)
        else:
            print(f"[setup] {self.label}: {result} ({elapsed:.1f} s)", flush=True)
        Step._open = None


def run_logged(cmd, log: Path, what: str, env=None, cwd=None, **kwargs) -> None:
    """Run ``cmd`` with its output appended to ``log``; die with its tail on failure."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"\n$ {' '.join(str(c) for c in cmd)}\n")
        fh.flush()
        rc = subprocess.call(
            [str(c) for c in cmd],
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            **kwargs,
        )
    if rc != 0:
        die(f"{what} failed (exit status {rc}); its log: {rel(log)}.", log=log)


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# ----------------------------------------------------------------- 1. Python

PROBE = r"""
import importlib.util, json, os, sys, sysconfig
spec = None
try:
    spec = importlib.util.find_spec("odoo")
except Exception:
    pass
try:
    import ensurepip
    has_ensurepip = True
except ImportError:
    has_ensurepip = False
include = sysconfig.get_paths().get("include") or ""
print(json.dumps({
    "executable": sys.executable,
    "version": list(sys.version_info[:3]),
    "ensurepip": has_ensurepip,
    "headers": os.path.isfile(os.path.join(include, "Python.h")),
    "odoo": spec.origin if spec and spec.origin else None,
}))
"""


def probe_python(python: str) -> dict | None:
    """Facts about an interpreter, or None if it does not run."""
    try:
        out = subprocess.run(
            [python, "-c", PROBE],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            cwd="/",
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def supported(info: dict) -> bool:
    return tuple(info["version"][:2]) in SUPPORTED_PYTHONS


def version_str(info: dict) -> str:
    return ".".join(str(v) for v in info["version"])


def choose_python() -> dict:
    """Step 1: the interpreter of the virtual environment."""
    step = Step("Python 3.10-3.12")
    wanted = os.environ.get("PYTHON", "").strip()
    state = read_json(STATE_FILE)
    if wanted:
        info = probe_python(wanted)
        if info is None:
            die(f"PYTHON={wanted} does not run.")
        if not supported(info):
            die(
                f"PYTHON={wanted} is Python {version_str(info)}; Odoo {DEFAULT_REF} "
                "runs on Python 3.10, 3.11 or 3.12."
            )
    elif state.get("python") and (VENV / "bin" / "python").exists():
        # keep the interpreter of the existing virtual environment
        info = probe_python(state["python"])
        if info is None or not supported(info):
            info = None
    else:
        info = None
    if info is None and not wanted:
        tried = []
        for name in PYTHON_CANDIDATES:
            path = shutil.which(name)
            if not path:
                continue
            candidate = probe_python(path)
            if candidate is None:
                continue
            tried.append(f"{name} ({version_str(candidate)})")
            if supported(candidate):
                info = candidate
                break
        if info is None:
            die(
                "No Python 3.10, 3.11 or 3.12 found on PATH (tried "
                f"{', '.join(tried) or 'python3, python3.12, python3.11, python3.10'}"
                "). Install one (Debian 12: `apt-get install python3 python3-venv "
                "python3-dev`) or name it with PYTHON=/path/to/python3.x."
            )
    step.done(f"{version_str(info)} ({info['executable']})")
    return info


# ------------------------------------------------------------ 2. Debian packages


def dpkg_missing(packages: list[str]) -> list[str]:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\n", *packages],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    installed = {
        line.split()[0].split(":")[0]
        for line in out.stdout.splitlines()
        if line.endswith("install ok installed")
    }
    return [p for p in packages if p not in installed]


def apt_install(packages: list[str], step: Step, why: str) -> None:
    """Install Debian packages as root, or die naming them."""
    global _apt_updated
    if not packages:
        return
    command = "apt-get install " + " ".join(packages)
    if os.geteuid() != 0:
        die(
            f"These Debian packages are missing ({why}): {' '.join(packages)}. "
            f"Install them as root, then run the command again:\n\n"
            f"    sudo {command}"
        )
    log = LOG_DIR / "apt.log"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    step.note(f"installing {' '.join(packages)} (log: {rel(log)})")
    if not _apt_updated:
        run_logged(["apt-get", "update", "-q"], log, "apt-get update", env=env)
        _apt_updated = True
    run_logged(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        log,
        command,
        env=env,
    )


def debian_packages(profile: str, info: dict) -> None:
    """Step 2: the Debian packages of the profile (and Python's venv/headers)."""
    step = Step("Debian packages")
    packages = list(PROFILES[profile][0])
    # Debian's own Python lacks ensurepip (python3.X-venv) and Python.h (-dev).
    minor = "python{}.{}".format(*info["version"][:2])
    if info["executable"].startswith("/usr/bin/"):
        if not info["ensurepip"]:
            packages.append(f"{minor}-venv")
        if not info["headers"]:
            packages.append(f"{minor}-dev")
    if not shutil.which("dpkg-query"):
        step.done(
            "not a Debian system: make sure the equivalents of these are installed: "
            + " ".join(packages)
        )
        return
    missing = dpkg_missing(packages)
    apt_install(missing, step, "to build and run Odoo and the tests")
    step.done(
        f"{len(packages)} present" + (f", installed {len(missing)}" if missing else "")
    )


# ----------------------------------------------------- 3. virtual environment


def venv_python() -> Path:
    return VENV / "bin" / "python"


def venv_info() -> dict | None:
    return probe_python(str(venv_python())) if venv_python().exists() else None


def virtual_environment(info: dict) -> dict:
    """Step 3: ``.venv`` made with the chosen interpreter (kept if it is)."""
    step = Step("virtual environment .venv")
    state = read_json(STATE_FILE)
    current = venv_info()
    if (
        current is not None
        and state.get("python") == info["executable"]
        and current["version"] == info["version"]
    ):
        step.done("present")
        return state
    why = "created"
    if VENV.exists():
        why = "re-created (its Python changed or it is broken)"
        shutil.rmtree(VENV)
    log = LOG_DIR / "venv.log"
    run_logged(
        [info["executable"], "-m", "venv", str(VENV)],
        log,
        f"Creating the virtual environment with {info['executable']}",
    )
    state = {"python": info["executable"], "version": info["version"]}
    write_json(STATE_FILE, state)
    step.done(why)
    return state


# --------------------------------------------------------------------- 4. Odoo


def odoo_version(root: Path) -> int | None:
    """Major version of the Odoo source tree at ``root`` (None if not one)."""
    release = root / "odoo" / "release.py"
    try:
        text = release.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r"^version_info\s*=\s*\(\s*(?:'saas~)?(\d+)", text, re.M)
    return int(match.group(1)) if match else None


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("ECABINET_CACHE_DIR") or Path(base) / "ecabinet")


def cache_dir(ref: str) -> Path:
    return cache_root() / ("odoo-" + re.sub(r"[^A-Za-z0-9._-]+", "_", ref))


def find_source_root(top: Path) -> Path | None:
    """The folder holding ``odoo/release.py``: ``top`` or one level down."""
    if odoo_version(top) is not None:
        return top
    for child in sorted(p for p in top.iterdir() if p.is_dir()):
        if odoo_version(child) is not None:
            return child
    return None


def is_archive(source: str) -> bool:
    return source.lower().split("?")[0].endswith(ARCHIVE_SUFFIXES)


def _copy_tree(src: Path, dst: Path) -> None:
    """Copy a source tree, with hard links when on the same file system."""
    ignore = shutil.ignore_patterns(".git", "__pycache__", "node_modules")

    def link_or_copy(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(src, dst, symlinks=True, ignore=ignore, copy_function=link_or_copy)


def _unpack(archive: Path, dest: Path) -> None:
    if archive.name.lower().endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(dest)
        return
    with tarfile.open(archive) as tf:
        if hasattr(tarfile, "data_filter"):
            tf.extractall(dest, filter="data")
        else:  # Python < 3.11.4
            tf.extractall(dest)  # noqa: S202 - an Odoo source archive the user named


def fetch_source(source: str, ref: str, dest: Path, step: Step) -> None:
    """Put the Odoo source named by ``source`` in ``dest`` (the cache)."""
    log = LOG_DIR / "odoo-source.log"
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=dest.parent))
    try:
        local = Path(source).expanduser()
        if local.is_dir():
            root = find_source_root(local)
            if root is None:
                die(
                    f"ODOO_SOURCE={source} is not an Odoo source tree "
                    "(no odoo/release.py)."
                )
            step.note(f"copying {root} to {dest}")
            _copy_tree(root, work / "src")
        elif is_archive(source):
            archive = local
            if not local.is_file():
                if not re.match(r"^[a-z]+://", source):
                    die(f"ODOO_SOURCE={source}: no such file.")
                archive = work / ("download" + Path(source.split("?")[0]).name)
                step.note(f"downloading {source}")
                try:
                    with urllib.request.urlopen(source, timeout=60) as resp:  # noqa: S310
                        with archive.open("wb") as fh:
                            shutil.copyfileobj(resp, fh)
                except OSError as exc:
                    die(f"Downloading ODOO_SOURCE={source} failed: {exc}")
            step.note(f"unpacking {archive}")
            unpacked = work / "unpacked"
            try:
                _unpack(archive, unpacked)
            except (OSError, tarfile.TarError, zipfile.BadZipFile) as exc:
                die(f"Unpacking {archive} failed: {exc}")
            root = find_source_root(unpacked)
            if root is None:
                die(f"{source} holds no Odoo source tree (no odoo/release.py).")
            root.rename(work / "src")
        else:
            if not shutil.which("git"):
                apt_install(["git"], step, "to clone Odoo's source")
            step.note(f"cloning {source} {ref} (shallow; log: {rel(log)})")
            src = work / "src"
            run_logged(["git", "init", "-q", src], log, "git init")
            run_logged(
                ["git", "-C", src, "fetch", "--depth", "1", source, ref],
                log,
                f"Fetching {ref} of {source} (no network? set ODOO_SOURCE to a "
                "local Odoo 18.0 source tree or archive)",
            )
            run_logged(
                ["git", "-C", src, "checkout", "-q", "FETCH_HEAD"], log, "git checkout"
            )
        version = odoo_version(work / "src")
        if version != ODOO_MAJOR:
            die(f"ODOO_SOURCE={source} ({ref}) is Odoo {version}, not {DEFAULT_REF}.")
        (work / "src" / ".ecabinet-source").write_text(
            json.dumps({"source": source, "ref": ref}) + "\n", encoding="utf-8"
        )
        if dest.exists():
            shutil.rmtree(dest)
        (work / "src").rename(dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cached_source(dest: Path) -> dict:
    """What the cache ``dest`` was made from ({} if it holds no Odoo 18)."""
    if odoo_version(dest) != ODOO_MAJOR:
        return {}
    return read_json(dest / ".ecabinet-source") or {"source": "?"}


def resolve_odoo(info: dict) -> tuple[Path, str]:
    """Step 4 (first half): the folder holding the ``odoo`` package, and whence."""
    step = Step(f"Odoo {DEFAULT_REF}")
    source = os.environ.get("ODOO_SOURCE", "").strip()
    ref = os.environ.get("ODOO_REF", "").strip() or DEFAULT_REF
    dest = cache_dir(ref)
    if source:
        known = cached_source(dest)
        local = Path(source).expanduser()
        if local.is_dir():
            source = str(local.resolve())
        elif local.is_file():
            source = str(local.resolve())
        if known.get("source") == source and known.get("ref") == ref:
            step.done(f"{dest} (cache of {source})")
        else:
            fetch_source(source, ref, dest, step)
            step.done(f"{dest} (from {source})")
        return dest, "ODOO_SOURCE"
    if info.get("odoo"):
        root = Path(info["odoo"]).resolve().parent.parent
        version = odoo_version(root)
        if version == ODOO_MAJOR:
            step.done(f"{root} (importable by {info['executable']})")
            return root, "interpreter"
        step.note(f"{info['executable']} imports Odoo {version} from {root}: not used")
    if cached_source(dest):
        step.done(f"{dest} (cached)")
        return dest, "cache"
    fetch_source(ODOO_REPOSITORY, ref, dest, step)
    step.done(f"{dest} (cloned from {ODOO_REPOSITORY})")
    return dest, "git"


def link_odoo(root: Path) -> None:
    """Step 4 (second half): ``.venv`` imports Odoo from ``root`` (a .pth file)."""
    purelib = subprocess.run(
        [
            str(venv_python()),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    pth = Path(purelib) / "ecabinet-odoo.pth"
    content = f"{root}\n"
    if not pth.is_file() or pth.read_text(encoding="utf-8") != content:
        pth.write_text(content, encoding="utf-8")


# ---------------------------------------------------------- 5. Python packages


def pip_version() -> tuple[int, ...]:
    out = subprocess.run(
        [str(venv_python()), "-m", "pip", "--version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    match = re.search(r"pip (\d+)\.(\d+)", out)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def python_packages(odoo_root: Path, info: dict) -> None:
    """Step 5: Odoo's requirements, then ours; skipped when nothing changed."""
    step = Step("Python packages")
    odoo_requirements = odoo_root / "requirements.txt"
    files = [REPO_ROOT / name for name in OUR_REQUIREMENTS]
    if odoo_requirements.is_file():
        files.insert(0, odoo_requirements)
    digest = hashlib.sha256(f"{INSTALL_RECIPE} {info['version']}".encode())
    for path in files:  # comments and blank lines do not count
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line.strip() for line in lines if line.strip()[:1] not in ("", "#")]
        digest.update(("\n".join(kept) + "\n\0").encode())
    digest = digest.hexdigest()
    stamp = VENV / "ecabinet-requirements.sha256"
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest:
        step.done("up to date")
        return
    log = LOG_DIR / "pip.log"
    step.note(f"pip install (log: {rel(log)})")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    env["PIP_ROOT_USER_ACTION"] = "ignore"
    env.pop("PIP_REQUIRE_VIRTUALENV", None)
    pip = [str(venv_python()), "-m", "pip", "install", "--progress-bar", "off"]
    if odoo_requirements.is_file():
        constraints = VENV / "ecabinet-build-constraints.txt"
        constraints.write_text(ODOO_BUILD_CONSTRAINTS, encoding="utf-8")
        odoo_env = dict(env)
        if pip_version() >= (25, 3):
            build = ["--build-constraint", str(constraints)]
        else:  # older pips pass PIP_CONSTRAINT on to the build environments
            build = []
            odoo_env["PIP_CONSTRAINT"] = str(constraints)
        started = time.monotonic()
        run_logged(
            [*pip, *build, "-r", odoo_requirements],
            log,
            f"Installing Odoo's requirements ({odoo_requirements})",
            env=odoo_env,
        )
        step.note(f"Odoo's requirements: {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    args = []
    for path in files[-len(OUR_REQUIREMENTS) :]:
        args += ["-r", path]
    run_logged(
        [*pip, *args],
        log,
        "Installing our requirements (requirements.txt, requirements-test.txt)",
        env=env,
        cwd=REPO_ROOT,
    )
    step.note(f"our requirements: {time.monotonic() - started:.1f} s")
    stamp.write_text(digest + "\n", encoding="utf-8")
    step.done("installed")


# --------------------------------------------------------------- 6. PostgreSQL

PG_CHECK = r"""
import sys
import psycopg2
try:
    psycopg2.connect(dbname="postgres", connect_timeout=5).close()
except psycopg2.Error as exc:
    print(" ".join(str(exc).split()) or type(exc).__name__)
    sys.exit(1)
"""


def pg_answers(env: dict) -> str | None:
    """None if PostgreSQL accepts the connection, else why not."""
    out = subprocess.run(
        [str(venv_python()), "-c", PG_CHECK],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode == 0:
        return None
    lines = (out.stdout.strip() or out.stderr.strip()).splitlines()
    return lines[-1] if lines else f"exit status {out.returncode}"


def pg_bindir(version: str | None = None) -> Path | None:
    """Debian's PostgreSQL binaries (newest, or ``version``), else initdb on PATH."""
    found = []
    for initdb in Path("/usr/lib/postgresql").glob("*/bin/initdb"):
        major = initdb.parent.parent.name
        if major.isdigit():
            found.append((int(major), initdb.parent))
    if version is not None:
        found = [f for f in found if str(f[0]) == version]
    if found:
        return max(found)[1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _demote(user: str):
    import pwd  # noqa: PLC0415 - Unix only

    entry = pwd.getpwnam(user)

    def preexec():
        os.setgid(entry.pw_gid)
        os.initgroups(user, entry.pw_gid)
        os.setuid(entry.pw_uid)

    return preexec


def _traversable_by(path: Path, user: str) -> bool:
    """Can ``user`` reach ``path`` (execute bit on every parent)?"""
    import pwd  # noqa: PLC0415

    entry = pwd.getpwnam(user)
    groups = set(os.getgrouplist(user, entry.pw_gid))
    for parent in [path, *path.parents]:
        if not parent.exists():
            continue
        st = parent.stat()
        if st.st_uid == entry.pw_uid:
            ok = st.st_mode & 0o100
        elif st.st_gid in groups:
            ok = st.st_mode & 0o010
        else:
            ok = st.st_mode & 0o001
        if not ok:
            return False
    return True


class Cluster:
    """The project's own PostgreSQL cluster (``.odoo-data/pg``)."""

    def __init__(self, state: dict):
        self.datadir = Path(state["datadir"])
        self.bindir = Path(state["bindir"])
        self.socket_dir = state.get("socket_dir")
        self.port = int(state["port"])
        self.role = state["role"]
        self.run_as = state.get("run_as")

    @property
    def host(self) -> str:
        return self.socket_dir or "127.0.0.1"

    def state(self) -> dict:
        return {
            "datadir": str(self.datadir),
            "bindir": str(self.bindir),
            "socket_dir": self.socket_dir,
            "port": self.port,
            "role": self.role,
            "run_as": self.run_as,
        }

    def call(self, cmd, log: Path, what: str, **kwargs) -> None:
        kwargs.setdefault("cwd", "/")
        if self.run_as:
            kwargs["preexec_fn"] = _demote(self.run_as)
        run_logged([self.bindir / cmd[0], *cmd[1:]], log, what, **kwargs)

    def running(self) -> bool:
        if not (self.datadir / "PG_VERSION").is_file():
            return False
        kwargs = {"preexec_fn": _demote(self.run_as)} if self.run_as else {}
        rc = subprocess.call(
            [str(self.bindir / "pg_ctl"), "status", "-D", str(self.datadir)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            **kwargs,
        )
        return rc == 0

    def start(self) -> None:
        log = LOG_DIR / "postgresql.log"
        self.call(
            [
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "120",
                "-D",
                self.datadir,
                "-l",
                self.datadir / "server.log",
            ],
            log,
            f"Starting PostgreSQL ({self.datadir}; its server log: "
            f"{self.datadir / 'server.log'})",
            start_new_session=True,  # Ctrl+C in the terminal does not reach it
        )

    def stop(self) -> None:
        self.call(
            ["pg_ctl", "stop", "-w", "-m", "fast", "-D", self.datadir],
            LOG_DIR / "postgresql.log",
            "Stopping PostgreSQL",
        )


def _own(path: Path, user: str | None) -> None:
    if user:
        shutil.chown(path, user, user)


def create_cluster(step: Step, role: str) -> Cluster:
    """initdb ``.odoo-data/pg`` (trust auth, a superuser named ``role``)."""
    bindir = pg_bindir()
    if bindir is None:
        apt_install(["postgresql"], step, "no PostgreSQL answers and none is installed")
        bindir = pg_bindir()
        if bindir is None:
            die("The postgresql package brought no initdb under /usr/lib/postgresql.")
    run_as = None
    datadir = DATA_DIR / "pg"
    if os.geteuid() == 0:
        # initdb and postgres refuse to run as root
        run_as = "postgres"
        try:
            import pwd  # noqa: PLC0415

            pwd.getpwnam(run_as)
        except KeyError:
            die(
                "Running as root, the project's PostgreSQL cluster must belong to an "
                "unprivileged user, and there is no `postgres` user. Create one "
                "(`adduser --system --group postgres`), or point PGHOST/PGPORT at "
                "a running PostgreSQL."
            )
        if not _traversable_by(DATA_DIR, run_as):
            # e.g. a clone under /root: keep the cluster where postgres can reach it
            key = hashlib.sha1(str(REPO_ROOT).encode()).hexdigest()[:12]
            outside = Path("/var/tmp") / f"ecabinet-pg-{key}"
            step.note(
                f"user {run_as} cannot reach {DATA_DIR}: the cluster lives in {outside}"
            )
            datadir = outside / "pg"
    datadir.mkdir(parents=True, exist_ok=True)
    os.chmod(datadir, 0o700)
    _own(datadir, run_as)
    socket_dir = datadir.parent / "pg-socket"
    if len(str(socket_dir / ".s.PGSQL.5432")) < 100:
        socket_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(socket_dir, 0o755)
        _own(socket_dir, run_as)
        port, socket_value = 5432, str(socket_dir)
    else:  # Unix socket paths are limited to 107 bytes: TCP on a free port
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        socket_value = None
    cluster = Cluster(
        {
            "datadir": str(datadir),
            "bindir": str(bindir),
            "socket_dir": socket_value,
            "port": port,
            "role": role,
            "run_as": run_as,
        }
    )
    step.note(f"creating the project's PostgreSQL cluster in {datadir}")
    cluster.call(
        [
            "initdb",
            "-D",
            datadir,
            "-U",
            role,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
        ],
        LOG_DIR / "postgresql.log",
        "initdb",
    )
    listen = "''" if socket_value else "'127.0.0.1'"
    sockets = f"'{socket_value}'" if socket_value else "''"
    conf = datadir / "postgresql.conf"
    with conf.open("a", encoding="utf-8") as fh:
        fh.write(
            "\n# e-Cabinet's development cluster (tools/bootstrap.py)\n"
            f"listen_addresses = {listen}\n"
            f"port = {port}\n"
            f"unix_socket_directories = {sockets}\n"
            "synchronous_commit = off\n"
            "max_connections = 200\n"
        )
    write_json(PG_STATE_FILE, cluster.state())
    if datadir != DATA_DIR / "pg":
        link = DATA_DIR / "pg"
        if not link.exists():
            link.symlink_to(datadir)
    return cluster


def postgresql(env: dict) -> None:
    """Step 6: a PostgreSQL server that answers; sets PGHOST/PGPORT/PGUSER in env."""
    step = Step("PostgreSQL")
    explicit = any(os.environ.get(v) for v in ("PGHOST", "PGPORT"))
    env.setdefault("PGHOST", "127.0.0.1")
    env.setdefault("PGPORT", "5432")
    env.setdefault("PGUSER", getpass.getuser())
    state = read_json(PG_STATE_FILE)
    cluster = Cluster(state) if state.get("datadir") else None
    if cluster is None or explicit:
        why = pg_answers(env)
        if why is None:
            step.done(f"{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']} answers")
            return
        step.note(
            f"{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']} does not answer ({why}): "
            "using the project's own cluster"
        )
    if cluster is None or not (cluster.datadir / "PG_VERSION").is_file():
        role = os.environ.get("PGUSER") or getpass.getuser()
        if role == "postgres":
            role = getpass.getuser() if getpass.getuser() != "postgres" else "odoo"
        cluster = create_cluster(step, role)
    version = (cluster.datadir / "PG_VERSION").read_text(encoding="utf-8").strip()
    if not (cluster.bindir / "pg_ctl").exists():
        bindir = pg_bindir(version)
        if bindir is None:
            die(f"PostgreSQL {version}'s binaries (for {cluster.datadir}) are gone.")
        cluster.bindir = bindir
        write_json(PG_STATE_FILE, cluster.state())
    env.update(PGHOST=cluster.host, PGPORT=str(cluster.port), PGUSER=cluster.role)
    env.pop("PGPASSWORD", None)
    if cluster.running():
        result = "running"
    else:
        cluster.start()
        result = "started"
    why = pg_answers(env)
    if why is not None:
        die(f"The project's PostgreSQL ({cluster.datadir}) does not answer: {why}")
    step.done(
        f"project cluster {rel(cluster.datadir)} {result} "
        f"(PostgreSQL {version}, {cluster.role}@{cluster.host}:{cluster.port})"
    )


# --------------------------------------------------------------------- stop


def _is_odoo(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"odoo" in cmdline


def stop() -> int:
    """``make stop``: the server of ``make run``, then the project's cluster."""
    try:
        pid = int(SERVER_PIDFILE.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        pid = None
    if pid and _is_odoo(pid):
        step = Step(f"Odoo server (pid {pid})")
        try:
            os.kill(pid, signal.SIGTERM)
            for _ in range(60):
                time.sleep(0.5)
                os.kill(pid, 0)
            os.kill(pid, signal.SIGKILL)
            step.done("killed")
        except ProcessLookupError:
            step.done("stopped")
        SERVER_PIDFILE.unlink(missing_ok=True)
    state = read_json(PG_STATE_FILE)
    if not state.get("datadir"):
        print("[setup] no project PostgreSQL cluster")
        return 0
    cluster = Cluster(state)
    step = Step(f"project PostgreSQL cluster {rel(cluster.datadir)}")
    if cluster.running():
        cluster.stop()
        step.done("stopped")
    else:
        step.done("not running")
    return 0


# --------------------------------------------------------------------- main


USAGE = """usage: tools/bootstrap.py {run,test,lint,bench,scale,setup} [-- COMMAND ...]
       tools/bootstrap.py stop

Sets up what the project's commands need (see this file's docstring), then
replaces itself with COMMAND; `python` as COMMAND is the virtual environment's."""


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in [*PROFILES, "stop"]:
        print(USAGE)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    profile, rest = argv[0], argv[1:]
    if profile == "stop":
        return stop()
    if rest and rest[0] == "--":
        rest = rest[1:]
    total = time.monotonic()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    info = choose_python()
    debian_packages(profile, info)
    virtual_environment(info)
    odoo_root, _origin = resolve_odoo(info)
    link_odoo(odoo_root)
    python_packages(odoo_root, info)
    env = dict(os.environ)
    if PROFILES[profile][1]:
        postgresql(env)
    print(f"[setup] ready in {time.monotonic() - total:.1f} s", flush=True)
    if not rest:
        return 0
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONHOME", None)
    if rest[0] in ("python", "python3"):
        rest[0] = str(venv_python())
    os.chdir(REPO_ROOT)
    try:
        os.execvpe(rest[0], rest, env)
    except OSError as exc:
        die(f"Cannot run {rest[0]}: {exc}")
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        Step.interrupt()
        sys.exit(130)
