"""The least-privilege IAM policy (docs/iam/kaleido-cognito-policy.json) against the code and the tests' calls.

Three sources of Cognito operations:

* the policy's actions (``cognito-idp:<Operation>``);
* the operations the collection's code can call: every ``client.<method>(`` and
  ``get_paginator("<method>")`` in ``plugins/``, turned into operation names with
  botocore's ``client.meta.method_to_api_mapping`` (the role and the playbook reach
  AWS only through the collection's modules, checked below);
* the operations the emulators of this pytest session received: tests/conftest.py
  points every emulator at one file (``COGNITO_EMULATOR_OPERATIONS_FILE``), where
  the emulator appends each operation's name. The file does not say who called:
  the tests' own helpers (emulator_api, the emulator's unit tests) call operations
  no module uses (AdminCreateUser, ...), so only the operations the collection's
  code can call count.

The policy must allow every operation the code can call and every one the tests
saw it call, and must list no action the tests never saw called. The last check
needs a session that ran the integration tests; it skips otherwise
(``./scripts/test tests/unit``). tests/checks/conftest.py runs this file at the end
of the session, after the tests that fill the operations file.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from checks_support import ROOT  # pylint: disable=import-error

pytestmark = [pytest.mark.checks]

POLICY = ROOT / "docs" / "iam" / "kaleido-cognito-policy.json"
SERVICE_PREFIX = "cognito-idp:"
OPERATIONS_FILE_VARIABLE = "COGNITO_EMULATOR_OPERATIONS_FILE"
INTEGRATION_MARKER_SUFFIX = ".integration"  # tests/conftest.py
USER_POOL_ARNS = "arn:aws:cognito-idp:*:*:userpool/*"
# Actions whose "Resource types" column is empty in the Service Authorization
# Reference ("Actions, resources, and condition keys for Amazon Cognito User
# Pools"): they take only "*". Every other action of the policy takes user pools.
NO_RESOURCE_LEVEL_PERMISSIONS = frozenset(["CreateUserPool", "DescribeUserPoolDomain", "ListUserPools"])
# Where the collection's code and its users' playbooks live.
CODE_DIR = ROOT / "plugins"
PLAYBOOK_DIRS = (ROOT / "roles", ROOT / "playbooks")
CLIENT_CALL = re.compile(r"\bclient\.([a-z][a-z0-9_]*)\s*\(")
PAGINATOR = re.compile(r"\bget_paginator\(\s*[\"']([a-z][a-z0-9_]*)[\"']")
TASK_ACTION = re.compile(r"^\s*(?:-\s+)?([a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+):", re.MULTILINE)
# What the role and the playbook may use: modules that make no AWS call, and ours.
ALLOWED_TASK_NAMESPACES = ("ansible.builtin.", "kaleido.cognito.")


def cognito_client():
    """A botocore Cognito client, only for its service model (creating it makes no AWS call)."""
    import botocore.session  # pylint: disable=import-outside-toplevel

    return botocore.session.Session().create_client(
        "cognito-idp", region_name="us-east-1", aws_access_key_id="unused", aws_secret_access_key="unused"
    )


def load_policy() -> dict:
    return json.loads(POLICY.read_text(encoding="utf-8"))


def policy_actions() -> dict[str, list[str]]:
    """Operation name (the action without ``cognito-idp:``) -> the resources the policy allows it on."""
    resources: dict[str, list[str]] = {}
    for statement in load_policy()["Statement"]:
        statement_resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        for action in statement["Action"]:
            resources.setdefault(action[len(SERVICE_PREFIX):], []).extend(statement_resources)
    return resources


def code_operations() -> dict[str, list[str]]:
    """Cognito operation -> the places in plugins/ that call it."""
    mapping = cognito_client().meta.method_to_api_mapping
    calls: dict[str, list[str]] = {}
    for path in sorted(CODE_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (CLIENT_CALL, PAGINATOR):
            for match in pattern.finditer(text):
                operation = mapping.get(match.group(1))
                if operation:
                    line = text.count("\n", 0, match.start()) + 1
                    calls.setdefault(operation, []).append("{0}:{1}".format(path.relative_to(ROOT).as_posix(), line))
    return calls


def operations_file() -> Path | None:
    name = os.environ.get(OPERATIONS_FILE_VARIABLE)
    return Path(name) if name else None


def logged_operations() -> Counter:
    """How often the session's emulators received each operation (empty when none ran or none logged)."""
    path = operations_file()
    if path is None or not path.is_file():
        return Counter()
    with path.open(encoding="utf-8") as handle:
        return Counter(line.strip() for line in handle if line.strip())


def format_calls(operations, calls) -> str:
    return "\n".join("  {0}: {1}".format(operation, ", ".join(calls.get(operation, [])) or "-") for operation in sorted(operations))


# Static checks: no emulator needed.


@pytest.mark.unit
def test_policy_is_a_valid_iam_policy_with_named_cognito_actions_only():
    policy = load_policy()
    assert policy["Version"] == "2012-10-17"
    assert isinstance(policy["Statement"], list) and policy["Statement"]
    model_operations = set(cognito_client().meta.service_model.operation_names)
    seen = []
    for statement in policy["Statement"]:
        assert set(statement) <= {"Sid", "Effect", "Action", "Resource"}, statement
        assert statement["Effect"] == "Allow", statement
        assert isinstance(statement["Action"], list) and statement["Action"], statement
        assert statement["Resource"], statement
        for action in statement["Action"]:
            assert isinstance(action, str) and action.startswith(SERVICE_PREFIX), action
            assert "*" not in action and "?" not in action, "wildcard in action {0}".format(action)
            assert action[len(SERVICE_PREFIX):] in model_operations, "{0} is not a Cognito user pools operation".format(action)
            seen.append(action)
    duplicates = sorted(action for action, count in Counter(seen).items() if count > 1)
    assert not duplicates, "actions listed twice: {0}".format(duplicates)


@pytest.mark.unit
def test_policy_scopes_actions_to_user_pools_where_aws_allows_it():
    wrong = {}
    for operation, resources in policy_actions().items():
        expected = ["*"] if operation in NO_RESOURCE_LEVEL_PERMISSIONS else [USER_POOL_ARNS]
        if resources != expected:
            wrong[operation] = resources
    assert not wrong, "resources differ from the Service Authorization Reference's resource types: {0}".format(wrong)


@pytest.mark.unit
def test_policy_allows_every_operation_the_collection_can_call():
    calls = code_operations()
    # The scan itself works: a direct call and a paginated one.
    assert {"CreateUserPool", "ListUserPools"} <= set(calls), calls
    missing = set(calls) - set(policy_actions())
    assert not missing, "operations the code calls that docs/iam/kaleido-cognito-policy.json does not allow:\n" + format_calls(missing, calls)


@pytest.mark.unit
def test_role_and_playbook_reach_aws_only_through_the_collection_modules():
    used = Counter()
    for directory in PLAYBOOK_DIRS:
        for path in sorted(directory.rglob("*.yml")):
            for match in TASK_ACTION.finditer(path.read_text(encoding="utf-8")):
                used[match.group(1)] += 1
    assert any(name.startswith("kaleido.cognito.") for name in used), used
    others = sorted(name for name in used if not name.startswith(ALLOWED_TASK_NAMESPACES))
    assert not others, "modules whose AWS calls the policy does not cover: {0}".format(others)


# Checks against what the session's emulators received.


def test_policy_allows_every_operation_the_tests_saw_the_collection_call():
    calls = code_operations()
    seen = set(logged_operations()) & set(calls)
    missing = seen - set(policy_actions())
    assert not missing, "operations the collection called during the tests that the policy does not allow:\n" + format_calls(missing, calls)


def test_policy_lists_no_action_the_tests_never_called(request):
    logged = logged_operations()
    if not logged:
        pytest.skip("no Cognito operations were logged in this session ({0}={1}): no emulator ran, or the emulator does not log"
                    .format(OPERATIONS_FILE_VARIABLE, operations_file()))
    # scripts/test runs this check in a session of its own, after the one that ran the
    # integration tests: tests/conftest.py leaves a marker next to the shared operations file.
    ran_integration = Path(str(operations_file()) + INTEGRATION_MARKER_SUFFIX).exists() or any(
        item.get_closest_marker("integration") for item in request.session.items)
    if not ran_integration:
        pytest.skip("this session ran no integration tests, so the log cannot show every action the modules and the role use")
    never = sorted(set(policy_actions()) - set(logged))
    assert not never, (
        "actions the policy allows that no test called (drop them, or test the path that needs them; a session that runs"
        " only some integration tests misses some): {0}\n{1} operations logged in {2}: {3}".format(
            never, sum(logged.values()), operations_file(), dict(sorted(logged.items()))))
