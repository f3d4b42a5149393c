# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only lookup: reads the emulator's call log in the controller process,
# without a module run for each read. The emulator_api action
# (tests/integration/action_plugins) uses its control() and split_calls().

DOCUMENTATION = r"""
name: emulator_calls
short_description: Test helper that reads and clears the Cognito emulator's call log
description:
  - V(take) returns the calls made since the previous take (or reset) and clears the log.
  - Returns a dictionary with C(calls), all operation names in order, C(write_calls), those that are
    not Describe, List or Get calls, and C(runs), the same two for each run tag the calls were made with, so
    that the runs of one looped task are told apart. A run's tag is C(app/<tag>) in the User-Agent, set with the
    module option C(aws_config) with C(user_agent_extra=app/<tag>).
  - Uses the endpoint in E(AWS_ENDPOINT_URL); with E(KALEIDO_COGNITO_CALL_LOG) set (a run against real AWS,
    scripts/test-aws) it reads and empties that file instead, which the test hook tests/aws/cognito_test_hook.py writes.
options:
  _terms:
    description: V(take).
    required: true
"""

import json
import os
import re
from urllib.request import Request
from urllib.request import urlopen

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

READS = ("Describe", "List", "Get")
# A run's tag in the User-Agent: "app/<tag>" (aws_config's user_agent_extra; amazon.aws sets the
# User-Agent itself, which hides botocore's own AWS_SDK_UA_APP_ID).
RUN_TAG = re.compile(r"(?:^|\s)app/(\S+)")


def split_calls(calls):
    """The calls, and those of them that write (not Describe, List or Get); the emulator_api action uses it too."""
    return {"calls": calls, "write_calls": [name for name in calls if not name.startswith(READS)]}


def control(path, body=None):
    """GET (no body) or POST (JSON body) one of the emulator's /_emulator paths; its JSON answer. The emulator_api action uses it too."""
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    data = None if body is None else json.dumps(body).encode()
    request = Request(endpoint + path, data=data, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    with urlopen(request, timeout=60) as response:  # nosec: local test emulator
        return json.loads(response.read().decode() or "{}")


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if terms != ["take"]:
            raise AnsibleError("emulator_calls supports only 'take', got {0}".format(terms))
        call_log = os.environ.get("KALEIDO_COGNITO_CALL_LOG")
        if call_log:
            # One call a line: its operation, a tab, its User-Agent (tests/aws/cognito_test_hook.py).
            with open(call_log, "r+", encoding="utf-8") as log:
                lines = [line.split("\t", 1) + [""] for line in log.read().splitlines() if line.strip()]
                log.seek(0)
                log.truncate()
            calls, user_agents = [line[0] for line in lines], [line[1] for line in lines]
        else:
            log = control("/_emulator/calls")
            control("/_emulator/calls/reset", {})
            calls, user_agents = log["calls"], log["user_agents"]
        tags = [(RUN_TAG.search(user_agent) or [None, None])[1] for user_agent in user_agents]
        result = split_calls(calls)
        result["runs"] = dict((tag, split_calls([name for name, its_tag in zip(calls, tags) if its_tag == tag])) for tag in set(tags) - set([None]))
        return [result]
