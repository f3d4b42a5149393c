# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make the collection importable as ansible_collections.kaleido.cognito.

The repository root is the collection root. A symlink tree at
.build/collections/ansible_collections/kaleido/cognito points back at it, so
unit tests import the code under test and ansible-playbook finds the
collection (ANSIBLE_COLLECTIONS_PATH) without a copy that could go stale.
amazon.aws comes from the virtualenv (the ansible package bundles it).

The session also gives every Cognito emulator it starts (pytest fixtures,
molecule, scripts: they inherit the environment) one operations file, see
pytest_configure.
"""

import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_PATH = os.path.join(ROOT, ".build", "collections")
LINK = os.path.join(COLLECTIONS_PATH, "ansible_collections", "kaleido", "cognito")


def _ensure_link():
    if os.path.realpath(LINK) == ROOT:
        return
    os.makedirs(os.path.dirname(LINK), exist_ok=True)
    if os.path.lexists(LINK):
        os.remove(LINK)
    os.symlink(os.path.relpath(ROOT, os.path.dirname(LINK)), LINK)


_ensure_link()
if COLLECTIONS_PATH not in sys.path:
    sys.path.insert(0, COLLECTIONS_PATH)
# ansible_collections is a namespace package spread over this tree and the
# virtualenv's site-packages; drop a copy imported before the path was set.
for _name in [name for name in sys.modules if name == "ansible_collections" or name.startswith("ansible_collections.kaleido")]:
    del sys.modules[_name]


# The emulator appends the name of every Cognito operation it receives to the
# file this variable names (tests/emulator/cognito_emulator.py);
# tests/checks/test_iam_policy.py compares them with the IAM policy.
OPERATIONS_FILE_VARIABLE = "COGNITO_EMULATOR_OPERATIONS_FILE"
_OPERATIONS_DIRS = []


def pytest_configure(config):  # pylint: disable=unused-argument
    """Point every emulator of the session at a fresh operations file (unless the variable is already set)."""
    if os.environ.get(OPERATIONS_FILE_VARIABLE):
        return
    directory = tempfile.mkdtemp(prefix="kaleido-cognito-operations-")
    _OPERATIONS_DIRS.append(directory)
    os.environ[OPERATIONS_FILE_VARIABLE] = os.path.join(directory, "operations.log")


def pytest_unconfigure(config):  # pylint: disable=unused-argument
    """Remove the operations file this session made."""
    while _OPERATIONS_DIRS:
        directory = _OPERATIONS_DIRS.pop()
        if os.environ.get(OPERATIONS_FILE_VARIABLE, "").startswith(directory + os.sep):
            del os.environ[OPERATIONS_FILE_VARIABLE]
        shutil.rmtree(directory, ignore_errors=True)
