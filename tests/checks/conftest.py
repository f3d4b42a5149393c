"""pytest hooks and fixtures for the repository-wide checks (see checks_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import CHECKS_DIR, build_collection_tree  # pylint: disable=import-error


def pytest_collection_modifyitems(session, config, items):
    """Run the checks after every other test (stable order otherwise)."""
    items.sort(key=lambda item: CHECKS_DIR in Path(str(item.path)).resolve().parents)


@pytest.fixture(scope="session")
def collection_tree() -> Path:
    return build_collection_tree()
