# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The molecule scenario of the role kaleido_prep (extensions/molecule/kaleido_prep), against the emulator.

`molecule test -s kaleido_prep` from the collection root: destroy (nothing
there yet), syntax, converge, idempotence, verify (reads the emulator with the
test-only module emulator_api), destroy. Galaxy is never contacted (no
dependency step, no prerun).
"""

import os
import re
import subprocess

import pytest

from tests.conftest import ROOT
from tests.integration.conftest import VENV_BIN
from tests.integration.conftest import ansible_env

pytestmark = pytest.mark.integration

SCENARIO = "kaleido_prep"
TIMEOUT = 1200
STEPS = ("destroy", "syntax", "converge", "idempotence", "verify")


def test_molecule_scenario_converges_is_idempotent_verifies_and_destroys_everything(emulator, tmp_path):
    emulator.reset()
    ephemeral = tmp_path / "molecule"
    env = ansible_env(
        emulator,
        {
            # Per run, so that concurrent runs in this work tree do not share state.
            "MOLECULE_EPHEMERAL_DIRECTORY": str(ephemeral),
            "NO_COLOR": "1",
            "PY_COLORS": "0",
        },
    )
    env.pop("FORCE_COLOR", None)
    command = [os.path.join(VENV_BIN, "molecule"), "test", "-s", SCENARIO]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    output = result.stdout + result.stderr
    tail = output[-20000:]

    assert result.returncode == 0, tail
    for step in STEPS:
        assert re.search(r"^%s > %s: Executed: Successful$" % (SCENARIO, step), output, re.MULTILINE), (step, tail)
    assert re.search(r"^%s\s+: actions=6\s+successful=6\s+disabled=0\s+skipped=0\s+missing=0\s+failed=0" % SCENARIO, output, re.MULTILINE), tail

    # The first destroy found nothing to remove; the idempotence run and verify wrote nothing.
    assert emulator.write_calls() == [
        "CreateUserPool",
        "CreateUserPoolClient",
        "CreateUserPoolDomain",
        "DeleteUserPoolDomain",
        "DeleteUserPoolClient",
        "UpdateUserPool",  # deletion protection off
        "DeleteUserPool",
    ]
    client = emulator.client()
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []
    assert client.describe_user_pool_domain(Domain="kaleido-molecule-org")["DomainDescription"] == {}
    assert not (ephemeral / "kaleido-handoff.yml").exists()
    # Every task that touches the secret has no_log.
    assert not re.search(r"client_?secret['\"]?\s*[:=]\s*['\"]?\w", output, re.IGNORECASE), tail
