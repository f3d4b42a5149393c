"""``ansible-lint`` (profile production, offline; see .ansible-lint) on the collection.

Runs at the repository root, with ANSIBLE_COLLECTIONS_PATH pointing at
``.build/lint``: a tree of symlinks making ``kaleido.cognito`` (this
repository) and ``amazon.aws`` (installed in the virtualenv by the ``ansible``
package) resolvable, so that FQCNs, roles and module options are checked.
Galaxy is never contacted (``offline: true``).
"""

from __future__ import annotations

import pytest

from checks_support import ROOT, VENV_BIN, build_lint_collections, check_env, run_logged  # pylint: disable=import-error

pytestmark = [pytest.mark.checks, pytest.mark.lint]

TIMEOUT = 1200


def test_ansible_lint() -> None:
    collections = build_lint_collections()
    cmd = [str(VENV_BIN / "ansible-lint"), "--nocolor", "--offline"]
    env = check_env(ANSIBLE_COLLECTIONS_PATH=str(collections), NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    log = collections / "lint.log"
    proc, elapsed = run_logged(cmd, cwd=ROOT, env=env, log=log, timeout=TIMEOUT)

    if proc.returncode != 0:
        pytest.fail(
            f"ansible-lint failed (exit {proc.returncode}, {elapsed:.0f}s; full log: {log}).\n\n{proc.stdout}",
            pytrace=False,
        )
