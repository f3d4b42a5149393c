# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only callback: the ansible-playbook runs of one test session share their
# AnsiballZ payloads. ansible-core builds a module's payload (it parses the
# module and every module_utils file it imports, about 580 kB of Python for a
# module of this collection, and zips them) once per run and keeps it in the
# run's own local temporary directory (C.DEFAULT_LOCAL_TMP/ansiballz_cache),
# which goes with the run, so every run builds them again: much of a test
# run's CPU on the controller. With KALEIDO_TEST_PAYLOAD_CACHE set (tests/conftest.py sets it
# with the warm Python), that directory of the run is a link to a directory of
# the session, one per ansible-core version, Python and configured collection
# and module paths (the installed artifact of tests/packaging has its own).
# ansible-core writes that cache for concurrent workers already: under a lock,
# to a temporary name, then renamed. The payloads themselves are unchanged.

DOCUMENTATION = r"""
name: kaleido_shared_payloads
type: aggregate
short_description: Test helper that shares the AnsiballZ payloads of the ansible-playbook runs of one test session
description:
  - With E(KALEIDO_TEST_PAYLOAD_CACHE) naming a directory, links the run's AnsiballZ cache directory to a
    directory below it, so that a run reuses the payloads an earlier run of the session built.
  - Does nothing without that variable.
"""

import hashlib
import json
import os
import sys

from ansible import __version__ as ansible_version
from ansible import constants as C
from ansible.plugins.callback import CallbackBase

PAYLOAD_CACHE_VARIABLE = "KALEIDO_TEST_PAYLOAD_CACHE"


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "kaleido_shared_payloads"
    CALLBACK_NEEDS_ENABLED = False

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        session = os.environ.get(PAYLOAD_CACHE_VARIABLE)
        if not session:
            return
        # Everything a payload is built from, besides the files themselves (constant during a test session).
        sources = [ansible_version, sys.executable, list(C.COLLECTIONS_PATHS), list(C.DEFAULT_MODULE_PATH or []),
                   list(C.DEFAULT_MODULE_UTILS_PATH or [])]
        shared = os.path.join(session, hashlib.sha256(json.dumps(sources).encode("utf-8")).hexdigest()[:16])
        os.makedirs(shared, mode=0o700, exist_ok=True)
        link = os.path.join(C.DEFAULT_LOCAL_TMP, "ansiballz_cache")
        if not os.path.lexists(link):
            os.symlink(shared, link)
