"""``ansible-test sanity`` on a physical copy of the collection (see conftest.py).

Runs locally (no containers: no --docker/--venv) with the virtualenv's Python
(3.11 here), as the controller of ansible-core 2.19. ansible-test builds one venv per sanity test under
``~/.ansible/test/venv`` and fills it from PyPI; the first run on a machine
therefore takes a few minutes, later runs reuse those venvs.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from checks_support import CHECKS_DIR, COLLECTION, VENV_BIN, check_env, run_logged  # pylint: disable=import-error

pytestmark = [pytest.mark.checks, pytest.mark.sanity]

# The venv's own Python (3.11 on our machines): ansible-test finds it as
# python3.X on PATH, where scripts/test puts .venv/bin first.
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
TIMEOUT = 3600

# Sanity tests we cannot run here; each with the reason.
SKIPPED_TESTS: dict[str, str] = {}

# Lines of pip's progress while ansible-test fills its venvs: kept in the log
# file, left out of the failure message.
PIP_NOISE = re.compile(
    r"^(WARNING: Location '|Looking in |Collecting |Downloading |  Downloading |Processing |\s*━|"
    r"Installing collected packages|Successfully installed|Using cached pip|Requirement already satisfied)"
)

GET_PIP = CHECKS_DIR / "get_pip_offline.py"
GET_PIP_MARKER = "kaleido.cognito offline get-pip marker"


def _ansible_test_pip_versions() -> set[str]:
    """pip versions ansible-test bootstraps into its venvs (from its own source)."""
    import ansible_test  # pylint: disable=import-outside-toplevel

    source = Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
    text = source.read_text(encoding="utf-8")
    match = re.search(r"def get_venv_packages.*?\n\s*return packages", text, re.S)
    versions = set(re.findall(r"pip=['\"]([0-9][^'\"]*)['\"]", match.group(0) if match else text))
    if not versions:
        pytest.fail(f"cannot find ansible-test's pip version in {source}")
    return versions


def install_offline_get_pip() -> list[Path]:
    """Put get_pip_offline.py where ansible-test looks for its cached get-pip.py.

    A real get-pip.py already there is left alone; an older copy of ours is
    refreshed.
    """
    cache = Path("~/.ansible/test/cache").expanduser()
    cache.mkdir(parents=True, exist_ok=True)
    written = []
    for version in sorted(_ansible_test_pip_versions()):
        target = cache / f"get_pip_{version.replace('.', '_')}.py"
        if target.exists() and GET_PIP_MARKER not in target.read_text(encoding="utf-8", errors="replace"):
            continue
        if not target.exists() or target.read_bytes() != GET_PIP.read_bytes():
            shutil.copyfile(GET_PIP, target)
            written.append(target)
    return written


def test_ansible_test_sanity(collection_tree: Path) -> None:
    assert collection_tree == COLLECTION
    install_offline_get_pip()

    cmd = [str(VENV_BIN / "ansible-test"), "sanity", "--python", PYTHON, "--color", "no"]
    for name in sorted(SKIPPED_TESTS):
        cmd += ["--skip-test", name]

    env = check_env(KALEIDO_HOST_PIP_PYTHON=str(VENV_BIN / "python"))
    log = collection_tree.parents[2] / "sanity.log"
    proc, elapsed = run_logged(cmd, cwd=collection_tree, env=env, log=log, timeout=TIMEOUT)

    if proc.returncode != 0:
        output = "\n".join(line for line in proc.stdout.splitlines() if not PIP_NOISE.match(line))
        pytest.fail(
            f"ansible-test sanity failed (exit {proc.returncode}, {elapsed:.0f}s; full log: {log}).\n"
            f"Paths are relative to the collection root.\n\n{output}",
            pytrace=False,
        )
