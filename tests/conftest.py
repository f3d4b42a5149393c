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

With pytest-xdist (``-n``: scripts/test runs the suite on several workers)
the figures the suites print at the end (FIGURES_MODULES) are carried from
the workers to the controller, and tests that share a module-scoped fixture
stay on one worker (pytest_collection_modifyitems, ``--dist loadgroup``).
"""

import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from tests.warm_python import client as warm_client

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
# Next to that file: present when a session that shares it selected
# integration tests (scripts/test runs the IAM policy check in a later session).
INTEGRATION_MARKER_SUFFIX = ".integration"
_OPERATIONS_DIRS = []


def pytest_configure(config):  # pylint: disable=unused-argument
    """Point every emulator of the session at a fresh operations file (unless the variable is already set).

    pytest-xdist starts its workers after this ran in the controller: they
    inherit the variable and so share the controller's file.
    """
    if os.environ.get(OPERATIONS_FILE_VARIABLE):
        return
    directory = tempfile.mkdtemp(prefix="kaleido-cognito-operations-")
    _OPERATIONS_DIRS.append(directory)
    os.environ[OPERATIONS_FILE_VARIABLE] = os.path.join(directory, "operations.log")


def pytest_unconfigure(config):  # pylint: disable=unused-argument
    """Remove the operations file this session made (and the xdist groups, see pytest_configure_node)."""
    while _GROUPS_DIRS:
        shutil.rmtree(_GROUPS_DIRS.pop(), ignore_errors=True)
    while _OPERATIONS_DIRS:
        directory = _OPERATIONS_DIRS.pop()
        if os.environ.get(OPERATIONS_FILE_VARIABLE, "").startswith(directory + os.sep):
            del os.environ[OPERATIONS_FILE_VARIABLE]
        shutil.rmtree(directory, ignore_errors=True)


# ---------------------------------------------------------------- pytest-xdist

# The order in which an xdist run hands out its tests: the longest first, so
# that no long one starts last while the other workers idle (the quick unit
# tests fill the gaps at the end). The first entry that a test's path starts
# with (or, without a slash, a marker it has) counts; anything else goes
# where the empty entry is.
XDIST_ORDER = (
    "sanity",  # ansible-test sanity: minutes, alone on its worker
    "lint",
    # Its tests wait for pools to age (one work unit: a module-scoped
    # emulator): early, while the other workers use the CPU, not last.
    "tests/unit/test_aws_scripts.py",
    "tests/reliability/",
    "tests/integration/test_targets.py",
    "tests/integration/test_molecule.py",
    "tests/integration/",
    "tests/packaging/",
    "",
    "tests/unit/",
    "tests/checks/",  # the checks that read what the whole session did: last
)


def _xdist_rank(item):
    path = os.path.relpath(str(item.path), ROOT).replace(os.sep, "/")
    for rank, entry in enumerate(XDIST_ORDER):
        if entry and (path.startswith(entry) if "/" in entry else item.get_closest_marker(entry)):
            return rank
    return XDIST_ORDER.index("")


def _xdist_group(item):
    """The tests that must run on one worker: those of an xdist_group mark, or of one module-scoped fixture."""
    names = sorted(str(mark.args[0] if mark.args else mark.kwargs.get("name", "default")) for mark in item.iter_markers("xdist_group"))
    if names:
        return "_".join(names)
    fixtureinfo = getattr(item, "_fixtureinfo", None)
    for definitions in (fixtureinfo.name2fixturedefs.values() if fixtureinfo else ()):
        if definitions and definitions[-1].scope in ("module", "class", "package"):
            return item.nodeid.split("::", 1)[0]
    return None


# pytest 9 builds a test's node id from its own parts, so pytest-xdist's
# loadgroup (which appends "@<group>" to the id) groups nothing by itself.
# Here the workers write the group of each test to a file the controller
# names (pytest_configure_node), and the controller's scheduler for
# ``--dist loadgroup`` reads it.
_GROUPS_DIR_KEY = "kaleido_cognito_groups_dir"
_GROUPS_DIRS = []


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """On the xdist controller: tell the worker where to write its groups."""
    if not _GROUPS_DIRS:
        _GROUPS_DIRS.append(tempfile.mkdtemp(prefix="kaleido-cognito-xdist-groups-"))
    node.workerinput[_GROUPS_DIR_KEY] = _GROUPS_DIRS[0]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """On the xdist controller: ``--dist loadgroup`` with the groups the workers wrote."""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling  # pylint: disable=import-outside-toplevel

    class GroupScheduling(LoadScopeScheduling):
        """One work unit per group (see _xdist_group), one per test otherwise; in collection order."""

        groups = None

        def _split_scope(self, nodeid):
            if self.groups is None:
                self.groups = {}
                for name in sorted(os.listdir(_GROUPS_DIRS[0])):
                    with open(os.path.join(_GROUPS_DIRS[0], name), encoding="utf-8") as handle:
                        self.groups.update(json.load(handle))
            return self.groups.get(nodeid) or nodeid

    return GroupScheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Note a selection with integration tests; on an xdist worker: order the longest first, hand the controller the groups."""
    result = yield
    operations_file = os.environ.get(OPERATIONS_FILE_VARIABLE)
    if operations_file and any(item.get_closest_marker("integration") for item in items):
        with open(operations_file + INTEGRATION_MARKER_SUFFIX, "w", encoding="utf-8"):
            pass
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        items.sort(key=_xdist_rank)
        if workerinput.get(_GROUPS_DIR_KEY):
            groups = {item.nodeid: "group:" + group for item in items for group in [_xdist_group(item)] if group}
            path = os.path.join(workerinput[_GROUPS_DIR_KEY], workerinput["workerid"] + ".json")
            with open(path + ".tmp", "w", encoding="utf-8") as handle:
                json.dump(groups, handle)
            os.replace(path + ".tmp", path)
    return result


# Modules (conftests) whose tests record figures that the end of the run
# prints. Each has figures_state() (what this process recorded, JSON),
# merge_figures(state) (add another process's) and pytest_terminal_summary.
FIGURES_MODULES = ("tests.reliability.conftest", "tests.packaging.conftest")
_WORKER_FIGURES = "kaleido_cognito_figures"
_MERGED_FIGURES = []


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """On an xdist worker: hand the figures its tests recorded to the controller."""
    output = getattr(session.config, "workeroutput", None)
    if output is None:
        return
    figures = {name: sys.modules[name].figures_state() for name in FIGURES_MODULES if name in sys.modules}
    output[_WORKER_FIGURES] = json.dumps(figures)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # pylint: disable=unused-argument
    """On the xdist controller: add a finished worker's figures to this process's."""
    figures = json.loads(getattr(node, "workeroutput", {}).get(_WORKER_FIGURES, "{}"))
    for name, state in figures.items():
        importlib.import_module(name).merge_figures(state)
        if name not in _MERGED_FIGURES:
            _MERGED_FIGURES.append(name)


def pytest_terminal_summary(terminalreporter):
    """On the xdist controller, which loads no conftest below tests/: print the workers' figures."""
    for name in _MERGED_FIGURES:
        module = sys.modules[name]
        if not terminalreporter.config.pluginmanager.is_registered(module):
            module.pytest_terminal_summary(terminalreporter)


# ---------------------------------------------------------------- warm Python

# The interpreter the test playbooks give Ansible: tests/warm_python/python,
# a client of a fork server that has ansible-core's module_utils and boto3
# imported (tests/warm_python/server.py); each module still runs in a process
# of its own, with its AnsiballZ payload. KALEIDO_TEST_COLD_PYTHON=1 runs the
# modules with this virtualenv's Python as a user's Ansible would
# (scripts/test-matrix and scripts/test-aws do).
WARM_PYTHON = os.path.join(ROOT, "tests", "warm_python", "python")
WARM_PYTHON_SERVER = os.path.join(ROOT, "tests", "warm_python", "server.py")
# The client finds the server and the real Python through the first two (its
# own names); the third names the warm Python for playbooks (molecule.yml reads it).
WARM_PYTHON_VARIABLES = {"socket": warm_client.SOCKET_VARIABLE, "real": warm_client.REAL_VARIABLE, "interpreter": "KALEIDO_TEST_PYTHON"}
COLD_PYTHON_VARIABLE = "KALEIDO_TEST_COLD_PYTHON"


def interpreter_args():
    """ansible-playbook arguments that make the playbook's modules run with the warm Python of this session, if it has one.

    With pipelining (a setting of Ansible's own, ansible_pipelining): Ansible
    pipes each module to the Python's standard input instead of copying it to
    a file first, so a module run costs no commands to make, mark and remove
    that file. The matrix (scripts/test-matrix, no warm Python) runs the
    modules without pipelining, as Ansible does by default.
    """
    if not os.environ.get(WARM_PYTHON_VARIABLES["interpreter"]):
        return []
    return ["-e", "ansible_python_interpreter=" + os.environ[WARM_PYTHON_VARIABLES["interpreter"]], "-e", "ansible_pipelining=true"]


@pytest.fixture(scope="session", autouse=True)
def warm_python():
    """Start this pytest process's warm Python server; its variables reach every process the tests start."""
    if os.environ.get(COLD_PYTHON_VARIABLE) == "1" or os.environ.get(WARM_PYTHON_VARIABLES["socket"]):
        yield None
        return
    directory = tempfile.mkdtemp(prefix="kaleido-warm-python-")
    path = os.path.join(directory, "socket")
    with subprocess.Popen([sys.executable, WARM_PYTHON_SERVER, path], stdout=subprocess.PIPE, text=True) as server:
        try:
            if server.stdout.readline().strip() != "ready":
                raise RuntimeError("the warm Python server did not start (%s)" % WARM_PYTHON_SERVER)
            os.environ[WARM_PYTHON_VARIABLES["real"]] = sys.executable
            os.environ[WARM_PYTHON_VARIABLES["socket"]] = path
            os.environ[WARM_PYTHON_VARIABLES["interpreter"]] = WARM_PYTHON
            yield path
        finally:
            for name in WARM_PYTHON_VARIABLES.values():
                os.environ.pop(name, None)
            server.terminate()
            shutil.rmtree(directory, ignore_errors=True)
