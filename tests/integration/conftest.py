# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for running playbooks against the Cognito emulator."""

import json
import os
import subprocess
import sys
import uuid

import pytest

from tests.conftest import COLLECTIONS_PATH
from tests.conftest import interpreter_args
from tests.conftest import ROOT
from tests.emulator.control import Emulator

HERE = os.path.dirname(os.path.abspath(__file__))
VENV_BIN = os.path.dirname(sys.executable)


@pytest.fixture(scope="session")
def emulator():
    with Emulator() as emu:
        yield emu


def ansible_env(emulator, extra=None):
    """Environment of an ansible-playbook run against the emulator."""
    env = dict(os.environ)
    env.update(
        {
            "PATH": VENV_BIN + os.pathsep + env.get("PATH", ""),
            "ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_PATH,
            "ANSIBLE_LIBRARY": os.path.join(HERE, "library"),
            "ANSIBLE_LOOKUP_PLUGINS": os.path.join(HERE, "lookup_plugins"),
            "ANSIBLE_ACTION_PLUGINS": os.path.join(HERE, "action_plugins"),
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_ROLES_PATH": os.path.join(HERE, "targets"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "AWS_ENDPOINT_URL": emulator.endpoint_url,
            "AWS_ACCESS_KEY_ID": "AKIAEMULATOR00000000",
            "AWS_SECRET_ACCESS_KEY": "emulator-secret-key",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "KALEIDO_TEST_RUN_ID": uuid.uuid4().hex[:8],
        }
    )
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SECURITY_TOKEN"):
        env.pop(name, None)
    env.update(extra or {})
    return env


@pytest.fixture
def run_playbook(emulator):
    """Run a playbook on localhost against the emulator; returns the CompletedProcess."""

    def run(playbook, extra_vars=None, args=(), env=None):
        command = [os.path.join(VENV_BIN, "ansible-playbook"), "-i", "localhost,", str(playbook)] + interpreter_args()
        if extra_vars:
            command += ["-e", json.dumps(extra_vars)]
        command += list(args)
        return subprocess.run(command, cwd=ROOT, env=ansible_env(emulator, env), capture_output=True, text=True, check=False)

    return run
