# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only lookup: reads the emulator's call log in the controller process,
# which is much faster than a module run for each read.

DOCUMENTATION = r"""
name: emulator_calls
short_description: Test helper that reads and clears the Cognito emulator's call log
description:
  - V(take) returns the calls made since the previous take (or reset) and clears the log.
  - Returns a dictionary with C(calls), all operation names in order, and C(write_calls), those that are
    not Describe, List or Get calls.
  - Uses the endpoint in E(AWS_ENDPOINT_URL); with E(KALEIDO_COGNITO_CALL_LOG) set (a run against real AWS,
    scripts/test-aws) it reads and empties that file instead, which the test hook tests/aws/cognito_test_hook.py writes.
options:
  _terms:
    description: V(take).
    required: true
"""

import json
import os
from urllib.request import Request
from urllib.request import urlopen

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

READS = ("Describe", "List", "Get")


def _control(path, body=None):
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    data = None if body is None else json.dumps(body).encode()
    request = Request(endpoint + path, data=data, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    with urlopen(request, timeout=30) as response:  # nosec: local test emulator
        return json.loads(response.read().decode() or "{}")


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if terms != ["take"]:
            raise AnsibleError("emulator_calls supports only 'take', got {0}".format(terms))
        call_log = os.environ.get("KALEIDO_COGNITO_CALL_LOG")
        if call_log:
            with open(call_log, "r+", encoding="utf-8") as log:
                calls = log.read().split()
                log.seek(0)
                log.truncate()
        else:
            calls = _control("/_emulator/calls")["calls"]
            _control("/_emulator/calls/reset", {})
        return [{"calls": calls, "write_calls": [name for name in calls if not name.startswith(READS)]}]
