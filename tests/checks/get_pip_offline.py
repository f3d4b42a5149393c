"""Offline stand-in for get-pip.py, for ansible-test's virtual environments.

ansible-test creates each sanity-test venv with ``python -m venv --without-pip``
and bootstraps pip by running ``get-pip.py``, which it downloads from
ci-files.testing.ansible.com into ``~/.ansible/test/cache/get_pip_<ver>.py``
unless that file already exists. That host is not reachable from our machines
(only PyPI is), so tests/checks/test_sanity.py copies this script into the
cache path first (only when the file is absent or an older copy of this
script). ansible-test runs it (through its quiet_pip.py wrapper) inside the new
venv as::

    python <wrapper> --disable-pip-version-check pip==24.2 --no-setuptools --no-wheel

This script does what get-pip.py would: put pip into the running interpreter's
environment, then install the requested pip version from PyPI. pip comes from
the interpreter's bundled ``ensurepip``; if that is missing (Debian's python3
without python3-venv), the pip of the interpreter named by
``$KALEIDO_HOST_PIP_PYTHON`` installs into this one with ``pip --python``.
"""

# kaleido.cognito offline get-pip marker (do not remove: test_sanity.py looks for it)

from __future__ import annotations

import os
import subprocess
import sys

GET_PIP_FLAGS = ("--no-setuptools", "--no-wheel")


def _run(cmd: list[str], quiet: bool = False) -> None:
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL if quiet else None)


def main() -> None:
    args = sys.argv[1:]
    no_setuptools = "--no-setuptools" in args
    used_ensurepip = False
    pip_args = [arg for arg in args if arg not in GET_PIP_FLAGS]

    try:
        import ensurepip  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import

        _run([sys.executable, "-m", "ensurepip", "--default-pip"], quiet=True)
        installer = [sys.executable, "-m", "pip"]
        used_ensurepip = True
    except (ImportError, subprocess.CalledProcessError):
        host = os.environ.get("KALEIDO_HOST_PIP_PYTHON")
        if not host:
            raise
        installer = [host, "-m", "pip", "--python", sys.executable]

    _run(installer + ["install", "--quiet", "--upgrade"] + pip_args)

    pip = [sys.executable, "-m", "pip"]
    has_setuptools = used_ensurepip and subprocess.run(pip + ["show", "--quiet", "setuptools"], check=False,
                                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                       stderr=subprocess.DEVNULL).returncode == 0
    if no_setuptools and has_setuptools:
        # ensurepip on Python < 3.12 also installs setuptools; get-pip.py
        # --no-setuptools would not have, so leave the venv as it expects.
        _run([sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", "setuptools"])


if __name__ == "__main__":
    main()
