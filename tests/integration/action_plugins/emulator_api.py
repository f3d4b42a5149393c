# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only action of the emulator_api module (tests/integration/library): against the
# emulator it asks the emulator to make the call (POST /_emulator/call, its call log,
# its knobs) from the controller, with no module run, boto3 import and client per task
# (those would be most of an integration target's work). In a run in the
# mode of scripts/test-aws (KALEIDO_COGNITO_AWS_TESTS, KALEIDO_COGNITO_CALL_LOG) it runs
# the module for API calls, as a module of the collection runs, and reads the call log
# (tests/aws/call_log.py) itself.

import functools
import importlib.util
import os

from ansible.plugins.action import ActionBase

ARGUMENT_SPEC = dict(call=dict(type="str", required=True), params=dict(type="dict", default={}), account=dict(type="str"))


@functools.lru_cache(maxsize=None)
def _emulator_calls():
    """The emulator_calls lookup (tests/integration/lookup_plugins): its control() and split_calls().

    Loaded from its file, found from this file's real path, so that the link
    to this action in the molecule scenario finds it too.
    """
    lookups = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "lookup_plugins")
    spec = importlib.util.spec_from_file_location("kaleido_test_emulator_calls", os.path.join(lookups, "emulator_calls.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _on_emulator():
    return bool(os.environ.get("AWS_ENDPOINT_URL")) and not (os.environ.get("KALEIDO_COGNITO_AWS_TESTS") or os.environ.get("KALEIDO_COGNITO_CALL_LOG"))


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        # Against real AWS the call log is tests/aws/call_log.py's, read here through the emulator_calls lookup.
        logged = bool(os.environ.get("KALEIDO_COGNITO_CALL_LOG")) and self._task.args.get("call") in ("calls", "reset_calls")
        if not (_on_emulator() or logged):
            return self._execute_module(module_name="emulator_api", module_args=self._task.args, task_vars=task_vars)
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        result["changed"] = False
        call = args["call"]
        emulator = _emulator_calls()
        if logged:
            calls = emulator.logged_calls(clear=call == "reset_calls")[0]
            if call == "calls":
                result.update(emulator.split_calls(calls))
        elif call == "calls":
            result.update(emulator.split_calls(emulator.control("/_emulator/calls")["calls"]))
        elif call == "reset_calls":
            emulator.control("/_emulator/calls/reset", {})
        elif call == "configure":
            emulator.control("/_emulator/config", args["params"])
        else:
            region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
            answer = emulator.control("/_emulator/call", {"call": call, "params": args["params"], "account": args["account"], "region": region})
            if "failed" in answer:
                result.update(failed=True, msg=answer["failed"])
            else:
                result.update(answer)
        return result
