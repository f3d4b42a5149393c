# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration targets in the mode of scripts/test-aws, against the emulator.

test-aws refuses the emulator, so its plumbing is checked here: the flag
KALEIDO_COGNITO_AWS_TESTS=1 (the targets skip the emulator-only task files),
the test hook of tests/aws on PYTHONPATH in every Python process (every user
pool tagged kaleido-cognito-test=<run id>, hidden from the modules and the
targets' exact tag assertions) and the call log file KALEIDO_COGNITO_CALL_LOG
read by emulator_api and the emulator_calls lookup instead of the emulator's.
"""

import os
import re

import pytest

from tests.conftest import ROOT

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.integration
@pytest.mark.parametrize("target", ["cognito_user_pool", "cognito_domain"])
def test_target_passes_with_the_aws_test_hook_and_call_log(target, emulator, run_playbook, tmp_path):
    emulator.reset()
    call_log = tmp_path / "calls.log"
    call_log.write_text("")
    env = {
        "KALEIDO_COGNITO_AWS_TESTS": "1",
        "KALEIDO_TEST_RUN_ID": "kcmode1",  # no reserved word (aws, amazon, cognito): it is in domain prefixes
        "KALEIDO_COGNITO_CALL_LOG": str(call_log),
        "PYTHONPATH": os.path.join(ROOT, "tests", "aws"),
    }
    result = run_playbook(os.path.join(HERE, "run_target.yml"), extra_vars={"target": target}, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]
    assert "failed=0" in result.stdout
    if target == "cognito_domain":
        # The emulator-only task files were skipped (their include lines say when: not kaleido_on_aws).
        for task in ("Waiting for the domain to become active", "A custom domain", "Create a pool in another account"):
            assert re.search(r"TASK \[cognito_domain : %s\] \**\nskipping: \[localhost\]" % re.escape(task), result.stdout), task
    # The targets tore down everything they made.
    assert emulator.client().list_user_pools(MaxResults=60)["UserPools"] == []
