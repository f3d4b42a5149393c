"""pytest hooks and fixtures for the repository-wide checks (see checks_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import CHECKS_DIR, build_collection_tree, build_lock  # pylint: disable=import-error


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Run the checks after every other test (stable order otherwise); each has the checks marker.

    The marker comes before -m selects: scripts/test runs the checks that need
    only the code (sanity, lint) with the other tests and the rest after them.
    """
    for item in items:
        if _is_check(item):
            item.add_marker(pytest.mark.checks)
    items.sort(key=_is_check)


def _is_check(item):
    return CHECKS_DIR in Path(str(item.path)).resolve().parents


@pytest.fixture(scope="session")
def collection_tree():
    """The physical copy for ansible-test, locked for the rest of the session."""
    with build_lock("sanity"):
        yield build_collection_tree()
