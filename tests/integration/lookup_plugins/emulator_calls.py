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
    scripts/test-aws) it takes the calls from that file instead, which tests/aws/call_log.py writes from botocore's
    client-side monitoring.
options:
  _terms:
    description: V(take).
    required: true
"""

import functools
import importlib.util
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


@functools.lru_cache(maxsize=None)
def aws_call_log():
    """tests/aws/call_log.py, found from this file's real path (the molecule scenario links to the action that loads this file)."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))), "aws", "call_log.py")
    spec = importlib.util.spec_from_file_location("kaleido_test_call_log", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def logged_calls(clear=True):
    """The calls logged since the log was last emptied in a run against real AWS, and their User-Agents; clear empties it."""
    lines = aws_call_log().take(clear=clear)
    return [line[0] for line in lines], [line[1] for line in lines]


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
        if os.environ.get("KALEIDO_COGNITO_CALL_LOG"):
            calls, user_agents = logged_calls()
        else:
            log = control("/_emulator/calls")
            control("/_emulator/calls/reset", {})
            calls, user_agents = log["calls"], log["user_agents"]
        tags = [(RUN_TAG.search(user_agent) or [None, None])[1] for user_agent in user_agents]
        result = split_calls(calls)
        result["runs"] = dict((tag, split_calls([name for name, its_tag in zip(calls, tags) if its_tag == tag])) for tag in set(tags) - set([None]))
        return [result]
