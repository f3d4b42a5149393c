# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run every integration target (tests/integration/targets/*) against the emulator.

Each target is a role whose tasks make each change four times (check mode,
for real, check mode again, for real again), assert what changed and how
many write calls reached the emulator, and check the emulator's state with
the test-only emulator_api module.
"""

import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = sorted(
    name
    for name in os.listdir(os.path.join(HERE, "targets"))
    if not name.startswith("setup_") and os.path.isfile(os.path.join(HERE, "targets", name, "tasks", "main.yml"))
)


@pytest.mark.integration
@pytest.mark.parametrize("target", TARGETS)
def test_integration_target_passes_against_the_emulator(target, emulator, run_playbook):
    emulator.reset()
    result = run_playbook(os.path.join(HERE, "run_target.yml"), extra_vars={"target": target})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]
    assert "failed=0" in result.stdout
