# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only module: reads and changes the emulator's state directly, without
# going through the modules under test. Against the emulator its action
# (tests/integration/action_plugins/emulator_api.py) does the same without a
# module run; this module runs in the mode of scripts/test-aws.

DOCUMENTATION = r"""
---
module: emulator_api
short_description: Test helper that talks to the Cognito emulator directly
description:
  - Calls one cognito-idp API operation with boto3, or reads / resets the emulator's call log.
  - Uses the endpoint in E(AWS_ENDPOINT_URL) and the usual AWS environment variables.
  - With E(KALEIDO_COGNITO_CALL_LOG) set (a run against real AWS, scripts/test-aws), its action reads that call log
    for V(calls) and V(reset_calls) (tests/aws/call_log.py writes it), and V(configure) fails.
options:
  call:
    description:
      - A boto3 cognito-idp method name such as V(describe_user_pool), or V(calls) (the call log since the last
        reset), V(reset_calls), or V(configure) (emulator knobs in O(params)).
    type: str
    required: true
  params:
    description: Parameters of the call, as the API names them.
    type: dict
    default: {}
  account:
    description: Another account id to act as (moto multi-account), for example V(111111111111).
    type: str
author:
  - Kaleido Cognito maintainers (@kaleido-io)
"""

import json
import os
from urllib.request import Request
from urllib.request import urlopen

import boto3
import botocore

from ansible.module_utils.basic import AnsibleModule

READS = ("Describe", "List", "Get")


def control(endpoint, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = Request(endpoint + path, data=data, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    with urlopen(request, timeout=30) as response:  # nosec: local test emulator
        text = response.read().decode() or "{}"
    return json.loads(text)


def client(account):
    if not account:
        return boto3.client("cognito-idp")
    sts = boto3.client("sts")
    role = "arn:aws:iam::{0}:role/emulator-test".format(account)
    credentials = sts.assume_role(RoleArn=role, RoleSessionName="emulator-test")["Credentials"]
    return boto3.client(
        "cognito-idp",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )


def main():
    module = AnsibleModule(
        argument_spec=dict(call=dict(type="str", required=True), params=dict(type="dict", default={}), account=dict(type="str")),
        supports_check_mode=False,
    )
    call = module.params["call"]
    if os.environ.get("KALEIDO_COGNITO_CALL_LOG") and call == "configure":
        module.fail_json(msg="configure needs the emulator; this run is against real AWS (KALEIDO_COGNITO_CALL_LOG is set)")
    if os.environ.get("KALEIDO_COGNITO_CALL_LOG") and call in ("calls", "reset_calls"):
        module.fail_json(msg="{0}: the call log of a run against real AWS (KALEIDO_COGNITO_CALL_LOG) is read by the emulator_api action;"
                             " set ANSIBLE_ACTION_PLUGINS to tests/integration/action_plugins".format(call))
    if call == "calls":
        calls = control(os.environ["AWS_ENDPOINT_URL"], "/_emulator/calls")["calls"]
        module.exit_json(changed=False, calls=calls, write_calls=[name for name in calls if not name.startswith(READS)])
    if call == "reset_calls":
        control(os.environ["AWS_ENDPOINT_URL"], "/_emulator/calls/reset", {})
        module.exit_json(changed=False)
    if call == "configure":
        control(os.environ["AWS_ENDPOINT_URL"], "/_emulator/config", module.params["params"])
        module.exit_json(changed=False)
    try:
        result = getattr(client(module.params["account"]), call)(**module.params["params"])
    except botocore.exceptions.ClientError as e:
        module.exit_json(changed=False, error=e.response["Error"])
    result.pop("ResponseMetadata", None)
    module.exit_json(changed=False, result=json.loads(json.dumps(result, default=str)))


if __name__ == "__main__":
    main()
