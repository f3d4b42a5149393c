"""``ansible-lint`` (profile production, offline; see .ansible-lint) on the collection.

Runs in the same physical copy that the sanity check uses
(``.build/sanity/ansible_collections/kaleido/cognito``, see conftest.py), with
ANSIBLE_COLLECTIONS_PATH pointing at ``.build/sanity`` so that both
kaleido.cognito and amazon.aws (copied from the virtualenv) resolve. Paths in
the output are relative to the collection root, i.e. to this repository.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from checks_support import VENV_BIN, check_env  # pylint: disable=import-error

pytestmark = [pytest.mark.checks, pytest.mark.lint]

TIMEOUT = 1200


def test_ansible_lint(collection_tree: Path) -> None:
    cmd = [str(VENV_BIN / "ansible-lint"), "--nocolor", "--offline"]
    env = check_env(NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    start = time.monotonic()
    proc = subprocess.run(
        cmd,
        cwd=collection_tree,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    elapsed = time.monotonic() - start
    log = collection_tree.parents[2] / "lint.log"
    log.write_text(f"$ {' '.join(cmd)}\n# {elapsed:.0f}s, exit {proc.returncode}\n{proc.stdout}", encoding="utf-8")

    if proc.returncode != 0:
        pytest.fail(
            f"ansible-lint failed (exit {proc.returncode}, {elapsed:.0f}s; full log: {log}).\n\n{proc.stdout}",
            pytrace=False,
        )
