# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared helpers of the packaging tests: the collection artifact, tool runs, measurements.

The tools (ansible-galaxy, ansible-builder, antsibull-changelog,
antsibull-docs, sphinx) come from the virtualenv (tests/requirements.txt).
Galaxy is never contacted. Sizes and times measured here are printed at the
end of the pytest run ("packaging measurements").
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT as _ROOT
# The session's Cognito emulator, for the run of the installed artifact.
from tests.integration.conftest import emulator  # noqa: F401  pylint: disable=unused-import

ROOT = Path(_ROOT)
VENV_BIN = Path(sys.executable).parent
GALAXY = yaml.safe_load((ROOT / "galaxy.yml").read_text(encoding="utf-8"))
VERSION = GALAXY["version"]
ARTIFACT_NAME = "{0}-{1}-{2}.tar.gz".format(GALAXY["namespace"], GALAXY["name"], VERSION)

MEASUREMENTS = {}


def measure(name, value):
    """Record one measurement for the end-of-run summary."""
    MEASUREMENTS[name] = value


def figures_state():
    """The measurements of this process (tests/conftest.py carries them from pytest-xdist's workers)."""
    return MEASUREMENTS


def merge_figures(state):
    """Add the measurements of another process (``figures_state()`` there)."""
    MEASUREMENTS.update(state)


def pytest_terminal_summary(terminalreporter):
    if MEASUREMENTS:
        terminalreporter.section("packaging measurements")
        for name, value in MEASUREMENTS.items():
            terminalreporter.write_line("{0}: {1}".format(name, value))


def tool_env(**extra):
    """Environment for the tools: virtualenv first on PATH, no collections path from the caller."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(VENV_BIN), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(VENV_BIN.parent)
    env["ANSIBLE_NOCOLOR"] = "1"
    env["ANSIBLE_FORCE_COLOR"] = "0"
    env["NO_COLOR"] = "1"
    for name in ("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_COLLECTIONS_PATHS", "FORCE_COLOR", "PYTHONPATH"):
        env.pop(name, None)
    env.update(extra)
    return env


def run(command, cwd=ROOT, env=None, timeout=900):
    """Run a command; the CompletedProcess gets .output (stdout + stderr) and .elapsed (seconds)."""
    start = time.monotonic()
    proc = subprocess.run([str(part) for part in command], cwd=str(cwd), env=env or tool_env(), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=False)
    proc.elapsed = time.monotonic() - start
    proc.output = proc.stdout + proc.stderr
    return proc


def succeeded(proc):
    assert proc.returncode == 0, "exit {0}: {1}\n{2}".format(proc.returncode, proc.args, proc.output[-15000:])
    return proc


def build_artifact(output_dir):
    """`ansible-galaxy collection build` of the live tree (as a user would) into output_dir; returns the tarball."""
    proc = succeeded(run([VENV_BIN / "ansible-galaxy", "collection", "build", "--force", "--output-path", output_dir, ROOT]))
    tarball = Path(output_dir) / ARTIFACT_NAME
    assert tarball.is_file(), proc.output
    return tarball, proc.elapsed


@pytest.fixture(scope="session")
def collection_artifact(tmp_path_factory):
    """The collection artifact built from this tree, with the build time."""
    tarball, elapsed = build_artifact(tmp_path_factory.mktemp("artifact"))
    measure("collection build (ansible-galaxy collection build)", "{0:.1f}s".format(elapsed))
    return tarball
