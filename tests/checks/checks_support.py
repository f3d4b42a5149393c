"""Shared helpers for the repository-wide checks (ansible-test sanity, ansible-lint).

ansible-test works on a physical copy of the collection at
``.build/sanity/ansible_collections/kaleido/cognito`` (it refuses a symlinked
tree), next to a copy of the ``amazon.aws`` collection that the ``ansible``
package installed in this virtualenv. The copy holds every file git knows about
or would pick up (tracked + untracked, not ignored), so a new file is checked
before anyone commits it. ansible-lint runs on the live tree and only needs
symlinks (``.build/lint``) to resolve collection names.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / ".build" / "sanity"
COLLECTIONS = BUILD / "ansible_collections"
COLLECTION = COLLECTIONS / "kaleido" / "cognito"
VENV_BIN = Path(sys.executable).parent
SITE_COLLECTIONS = Path(sysconfig.get_paths()["purelib"]) / "ansible_collections"
CHECKS_DIR = Path(__file__).resolve().parent
# ansible-lint's view: symlinks to the live tree and to the venv's amazon.aws.
LINT_COLLECTIONS_ROOT = ROOT / ".build" / "lint"

# Never copied even if git would list them (e.g. in a tree that is not a git
# checkout and falls back to walking the directory).
_EXCLUDED_TOP = {".git", ".venv", ".build", ".ansible", ".pytest_cache", ".tox"}


def source_files() -> list[str]:
    """Relative paths of the collection's files: git-tracked + untracked-not-ignored."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        names = [n for n in out.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for dirpath, dirnames, filenames in os.walk(ROOT):
            rel = Path(dirpath).relative_to(ROOT)
            dirnames[:] = [
                d
                for d in dirnames
                if not (rel == Path(".") and d in _EXCLUDED_TOP)
                and d != "__pycache__"
                and (rel / d).as_posix() != "tests/output"
            ]
            names.extend((rel / f).as_posix() for f in filenames if not f.endswith(".pyc"))
    files = []
    for name in names:
        if name.split("/", 1)[0] in _EXCLUDED_TOP:
            continue
        path = ROOT / name
        # Deleted-but-tracked files and stray non-files are skipped.
        if path.is_file() or path.is_symlink():
            files.append(name)
    return sorted(set(files))


def build_collection_tree() -> Path:
    """(Re)create the physical copy of the collection plus amazon.aws; return the collection dir."""
    if COLLECTION.exists():
        shutil.rmtree(COLLECTION)
    COLLECTION.mkdir(parents=True)
    for name in source_files():
        src = ROOT / name
        dst = COLLECTION / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)
    # ansible-test (and ansible-lint) list files with `git ls-files` in the
    # nearest enclosing git work tree, which would otherwise be this repository,
    # where .build/ is ignored: give the copy its own (empty) repository so
    # that every file in it counts as untracked-not-ignored content.
    subprocess.run(["git", "init", "--quiet", str(COLLECTION)], check=True)

    # amazon.aws from the venv; recopied only when the installed one changes.
    aws_src = SITE_COLLECTIONS / "amazon" / "aws"
    aws_dst = COLLECTIONS / "amazon" / "aws"
    if not aws_src.is_dir():
        pytest.fail(f"amazon.aws not found at {aws_src}: is tests/requirements.txt installed?")
    src_manifest = (aws_src / "MANIFEST.json").read_bytes()
    dst_manifest = aws_dst / "MANIFEST.json"
    if not dst_manifest.is_file() or dst_manifest.read_bytes() != src_manifest:
        if aws_dst.exists():
            shutil.rmtree(aws_dst)
        shutil.copytree(aws_src, aws_dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return COLLECTION


@contextlib.contextmanager
def build_lock(name: str):
    """Hold an exclusive lock on .build/<name>.lock (blocks while another run holds it).

    Two ./scripts/test runs in the same work tree would otherwise rebuild the
    copy under each other's feet.
    """
    lock_path = ROOT / ".build" / f"{name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_lint_collections() -> Path:
    """Symlink tree for ANSIBLE_COLLECTIONS_PATH: kaleido.cognito -> the repo, its dependencies -> venv."""
    links = {
        LINT_COLLECTIONS_ROOT / "ansible_collections" / "kaleido" / "cognito": ROOT,
        LINT_COLLECTIONS_ROOT / "ansible_collections" / "amazon" / "aws": SITE_COLLECTIONS / "amazon" / "aws",
        LINT_COLLECTIONS_ROOT / "ansible_collections" / "community" / "aws": SITE_COLLECTIONS / "community" / "aws",
    }
    for link, target in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() and Path(os.readlink(link)) == target:
            continue
        if link.is_symlink() or link.is_file():
            link.unlink()
        elif link.exists():
            shutil.rmtree(link)
        link.symlink_to(target, target_is_directory=True)
    return LINT_COLLECTIONS_ROOT


def check_env(**extra: str) -> dict[str, str]:
    """Environment for the check tools: venv tools first on PATH, no git repo above the copy."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(VENV_BIN), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(VENV_BIN.parent)
    # Belt and braces: the copy has its own .git (see build_collection_tree);
    # never let git walk up into this repository from there.
    env["GIT_CEILING_DIRECTORIES"] = str(ROOT)
    env["ANSIBLE_COLLECTIONS_PATH"] = str(BUILD)
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def run_logged(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, log: Path | None = None, timeout: float | None = None
) -> tuple[subprocess.CompletedProcess, float]:
    """Run a check tool with its output (stdout and stderr together) captured; with ``log``, write the command, its time and
    exit status and the output there. Returns the finished process and the seconds it took (for the failure message)."""
    start = time.monotonic()
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    elapsed = time.monotonic() - start
    if log is not None:
        log.write_text(f"$ {' '.join(cmd)}\n# {elapsed:.0f}s, exit {proc.returncode}\n{proc.stdout}", encoding="utf-8")
    return proc, elapsed
