# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only action of the emulator_api module (tests/integration/library): against the
# emulator it asks the emulator to make the call (POST /_emulator/call, its call log,
# its knobs) from the controller, with no module run, boto3 import and client per task
# (those would be most of an integration target's work). In a run in the
# mode of scripts/test-aws (KALEIDO_COGNITO_AWS_TESTS, KALEIDO_COGNITO_CALL_LOG) it runs
# the module, whose boto3 calls go through the test hook of tests/aws.

import json
import os
from urllib.request import Request
from urllib.request import urlopen

from ansible.plugins.action import ActionBase

READS = ("Describe", "List", "Get")
ARGUMENT_SPEC = dict(call=dict(type="str", required=True), params=dict(type="dict", default={}), account=dict(type="str"))


def _control(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = Request(os.environ["AWS_ENDPOINT_URL"] + path, data=data, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    with urlopen(request, timeout=60) as response:  # nosec: local test emulator
        return json.loads(response.read().decode() or "{}")


def _on_emulator():
    return bool(os.environ.get("AWS_ENDPOINT_URL")) and not (os.environ.get("KALEIDO_COGNITO_AWS_TESTS") or os.environ.get("KALEIDO_COGNITO_CALL_LOG"))


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        if not _on_emulator():
            return self._execute_module(module_name="emulator_api", module_args=self._task.args, task_vars=task_vars)
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        result["changed"] = False
        call = args["call"]
        if call == "calls":
            calls = _control("/_emulator/calls")["calls"]
            result.update(calls=calls, write_calls=[name for name in calls if not name.startswith(READS)])
        elif call == "reset_calls":
            _control("/_emulator/calls/reset", {})
        elif call == "configure":
            _control("/_emulator/config", args["params"])
        else:
            region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
            answer = _control("/_emulator/call", {"call": call, "params": args["params"], "account": args["account"], "region": region})
            if "failed" in answer:
                result.update(failed=True, msg=answer["failed"])
            else:
                result.update(answer)
        return result
