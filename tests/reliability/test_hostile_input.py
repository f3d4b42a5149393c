# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile and wrong inputs: each one fails with a message naming the option, and writes nothing.

The table below is run through ansible-playbook (playbooks/hostile_input.yml:
a looped task per module, the role once per row) in one run per group against
an emulator of its own, for the three modules and the kaleido_prep
role: wrong types, out-of-range numbers, unknown choices, overlong names,
names with control characters, empty names, invalid redirect URLs, domain
prefixes that break the rules, and ids of another pool, region or format.
For each row the playbook records whether it failed, the message, and the
write calls (anything but Describe/List/Get) the emulator received while it
ran.  Each row is one test; the figures are printed at the end of the pytest
run (tests/reliability/conftest.py).

The world the inputs meet: pool A and pool B, each with an app client (with
a secret) and a prefix domain, made with boto3 before the run.
"""

import json
import os
import subprocess
import uuid

import pytest
import yaml

from tests.conftest import ROOT
from tests.conftest import interpreter_args
from tests.emulator.control import Emulator
from tests.integration.conftest import VENV_BIN
from tests.integration.conftest import ansible_env
from tests.reliability import hostile_figures

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(HERE, "playbooks", "hostile_input.yml")
ROLE_DEFAULTS = os.path.join(ROOT, "roles", "kaleido_prep", "defaults", "main.yml")

pytestmark = [pytest.mark.reliability, pytest.mark.integration]

# Placeholders replaced by the ids of the world the run meets.
POOL_A = "{pool_a}"
POOL_B = "{pool_b}"
CLIENT_B = "{client_b}"
PREFIX_B = "{prefix_b}"

LONG_129 = "n" * 129
CONTROL = {"newline": "bad\nname", "tab": "bad\tname", "nul": "bad\x00name", "escape": "bad\x1b[31mname", "trailing-newline": "name\n"}

# (id, options beyond the base ones, text the message must contain: the option's name)
USER_POOL = [
    ("name-empty", {"name": ""}, "name"),
    ("name-129-chars", {"name": LONG_129}, "name"),
    ("name-forbidden-characters", {"name": "pool/with*stars!"}, "name"),
] + [("name-" + key, {"name": value}, "name") for key, value in CONTROL.items()] + [
    ("user-pool-id-empty", {"user_pool_id": "", "name": None}, "user_pool_id"),
    ("user-pool-id-bad-format", {"user_pool_id": "not a pool id", "name": None}, "user_pool_id"),
    ("user-pool-id-trailing-newline", {"user_pool_id": POOL_A + "\n", "name": None}, "user_pool_id"),
    ("user-pool-id-other-region", {"user_pool_id": "eu-west-1_AbCdEfGhI", "name": None}, "user_pool_id"),
    ("user-pool-id-unknown", {"user_pool_id": "us-east-1_NoSuchPool0", "name": None}, "user_pool_id"),
    ("state-unknown-choice", {"state": "gone"}, "state"),
    ("username-attributes-unknown-choice", {"username_attributes": ["username"]}, "username_attributes"),
    ("mfa-configuration-unknown-choice", {"mfa_configuration": "SOMETIMES"}, "mfa_configuration"),
    ("password-minimum-length-5", {"password_policy": {"minimum_length": 5}}, "minimum_length"),
    ("password-minimum-length-text", {"password_policy": {"minimum_length": "eight"}}, "minimum_length"),
    ("temporary-password-validity-366", {"password_policy": {"temporary_password_validity_days": 366}}, "temporary_password_validity_days"),
    ("password-policy-text", {"password_policy": "strong"}, "password_policy"),
    ("deletion-protection-not-bool", {"deletion_protection": "maybe"}, "deletion_protection"),
    ("custom-attribute-21-chars", {"schema": [{"name": "custom:" + "a" * 21, "attribute_data_type": "String"}]}, "schema"),
    ("custom-attribute-newline", {"schema": [{"name": "tenant\n", "attribute_data_type": "String"}]}, "schema"),
    ("custom-attribute-required", {"schema": [{"name": "tenant", "attribute_data_type": "String", "required": True}]}, "schema"),
    ("attribute-data-type-unknown-choice", {"schema": [{"name": "tenant", "attribute_data_type": "Text"}]}, "attribute_data_type"),
    ("recovery-priority-3", {"account_recovery_setting": {"recovery_mechanisms": [{"name": "verified_email", "priority": 3}]}}, "priority"),
    ("lambda-config-text", {"lambda_config": "not a dict"}, "lambda_config"),
    ("tags-list", {"tags": ["a", "b"]}, "tags"),
    ("tag-key-reserved-aws-prefix", {"tags": {"aws:owner": "x"}}, "tags"),
    ("tag-key-129-chars", {"tags": {"k" * 129: "x"}}, "tags"),
]

APP_CLIENT = [
    ("name-empty", {"name": ""}, "name"),
    ("name-129-chars", {"name": LONG_129}, "name"),
] + [("name-" + key, {"name": value}, "name") for key, value in CONTROL.items()] + [
    ("user-pool-id-empty", {"user_pool_id": ""}, "user_pool_id"),
    ("user-pool-id-bad-format", {"user_pool_id": "pool-a"}, "user_pool_id"),
    ("user-pool-id-trailing-newline", {"user_pool_id": POOL_A + "\n"}, "user_pool_id"),
    ("user-pool-id-other-region", {"user_pool_id": "eu-west-1_AbCdEfGhI"}, "user_pool_id"),
    ("user-pool-id-unknown", {"user_pool_id": "us-east-1_NoSuchPool0"}, "user_pool_id"),
    ("client-id-of-another-pool-with-name", {"client_id": CLIENT_B, "name": "hostile-client"}, "client_id"),
    ("client-id-trailing-newline", {"client_id": CLIENT_B + "\n", "name": None}, "client_id"),
    ("state-unknown-choice", {"state": "deleted"}, "state"),
    ("generate-secret-not-bool", {"generate_secret": "sometimes"}, "generate_secret"),
    ("callback-url-relative", {"callback_urls": ["/oauth/callback"]}, "callback_urls"),
    ("callback-url-javascript", {"callback_urls": ["javascript:alert(1)"]}, "callback_urls"),
    ("callback-url-http-not-localhost", {"callback_urls": ["http://evil.example.com/cb"]}, "callback_urls"),
    ("callback-url-fragment", {"callback_urls": ["https://app.example.com/cb#token"]}, "callback_urls"),
    ("callback-url-space", {"callback_urls": ["https://app.example.com/call back"]}, "callback_urls"),
    ("callback-url-control-character", {"callback_urls": ["https://app.example.com/cb\x1b"]}, "callback_urls"),
    ("callback-urls-dict", {"callback_urls": {"url": "https://app.example.com/cb"}}, "callback_urls"),
    ("callback-url-javascript-authority", {"callback_urls": ["javascript://app.example.com/%0aalert(1)"]}, "callback_urls"),
    ("callback-url-file", {"callback_urls": ["file:///etc/passwd"]}, "callback_urls"),
    ("callback-url-backslash-before-localhost", {"callback_urls": ["http://evil.example\\@localhost/cb"]}, "callback_urls"),
    ("callback-url-user-and-password", {"callback_urls": ["https://user:password@app.example.com/cb"]}, "callback_urls"),
    ("callback-url-invisible-character", {"callback_urls": ["https://app.example.com\u200b/cb"]}, "callback_urls"),
    ("logout-url-data", {"logout_urls": ["data:text/html,<script>alert(1)</script>"]}, "logout_urls"),
    ("default-redirect-uri-vbscript", {"callback_urls": ["vbscript://app.example.com/cb"], "default_redirect_uri": "vbscript://app.example.com/cb"},
     "default_redirect_uri"),
    ("logout-url-http-not-localhost", {"logout_urls": ["http://evil.example.com/bye"]}, "logout_urls"),
    ("default-redirect-uri-not-a-callback", {"callback_urls": ["https://app.example.com/cb"], "default_redirect_uri": "https://other.example.com/cb"},
     "default_redirect_uri"),
    ("oauth-flow-unknown-choice", {"allowed_oauth_flows": ["password"]}, "allowed_oauth_flows"),
    ("oauth-scope-with-space", {"allowed_oauth_scopes": ["openid email"]}, "allowed_oauth_scopes"),
    ("identity-provider-empty", {"supported_identity_providers": [""]}, "supported_identity_providers"),
    ("read-attribute-control-character", {"read_attributes": ["email\x00"]}, "read_attributes"),
    ("access-token-validity-0", {"access_token_validity": 0}, "access_token_validity"),
    ("access-token-validity-text", {"access_token_validity": "soon"}, "access_token_validity"),
    ("id-token-validity-out-of-range-in-unit", {"id_token_validity": 2, "token_validity_units": {"id_token": "days"}}, "id_token_validity"),
    ("token-validity-unit-unknown-choice", {"token_validity_units": {"access_token": "weeks"}}, "access_token"),
    ("generate-secret-false-on-client-with-secret", {"name": "{client_a_name}", "generate_secret": False}, "generate_secret"),
]

DOMAIN = [
    ("domain-empty", {"domain": ""}, "domain"),
    ("domain-64-chars", {"domain": "d" * 64}, "domain"),
    ("domain-uppercase", {"domain": "My-Org"}, "domain"),
    ("domain-leading-hyphen", {"domain": "-my-org"}, "domain"),
    ("domain-space", {"domain": "my org"}, "domain"),
    ("domain-reserved-aws", {"domain": "myaws-login"}, "domain"),
] + [("domain-" + key, {"domain": value}, "domain") for key, value in CONTROL.items()] + [
    ("domain-url-not-name", {"domain": "https://auth.example.com"}, "domain"),
    ("custom-domain-uppercase", {"domain": "auth.Example.com", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc"}, "domain"),
    ("domain-of-another-pool", {"domain": PREFIX_B}, "domain"),
    ("user-pool-id-bad-format", {"user_pool_id": "us-east-1"}, "user_pool_id"),
    ("user-pool-id-other-region", {"user_pool_id": "eu-west-1_AbCdEfGhI"}, "user_pool_id"),
    ("user-pool-id-unknown", {"user_pool_id": "us-east-1_NoSuchPool0"}, "user_pool_id"),
    ("certificate-arn-for-prefix", {"certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc"}, "certificate_arn"),
    ("certificate-arn-not-arn", {"domain": "auth.example.com", "certificate_arn": "not-an-arn"}, "certificate_arn"),
    ("certificate-arn-other-region", {"domain": "auth.example.com", "certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"},
     "certificate_arn"),
    ("custom-domain-without-certificate", {"domain": "auth.example.com"}, "certificate_arn"),
    ("managed-login-version-3", {"managed_login_version": 3}, "managed_login_version"),
    ("wait-timeout-negative", {"wait_timeout": -5}, "wait_timeout"),
    ("state-unknown-choice", {"state": "removed"}, "state"),
    ("domain-missing-for-present", {"domain": None}, "domain"),
]

ROLE = [
    ("state-unknown-choice", {"kaleido_prep_state": "gone"}, "kaleido_prep_state"),
    ("pool-name-empty", {"kaleido_prep_pool_name": ""}, "kaleido_prep_pool_name"),
    ("pool-name-129-chars", {"kaleido_prep_pool_name": LONG_129}, "kaleido_prep_pool_name"),
    ("pool-name-newline", {"kaleido_prep_pool_name": CONTROL["newline"]}, "kaleido_prep_pool_name"),
    ("pool-name-escape", {"kaleido_prep_pool_name": CONTROL["escape"]}, "kaleido_prep_pool_name"),
    ("pool-name-list", {"kaleido_prep_pool_name": ["a"]}, "kaleido_prep_pool_name"),
    ("domain-prefix-empty", {"kaleido_prep_domain_prefix": ""}, "kaleido_prep_domain_prefix"),
    ("domain-prefix-uppercase", {"kaleido_prep_domain_prefix": "Acme"}, "kaleido_prep_domain_prefix"),
    ("domain-prefix-reserved-amazon", {"kaleido_prep_domain_prefix": "amazon-acme"}, "kaleido_prep_domain_prefix"),
    ("domain-prefix-trailing-newline", {"kaleido_prep_domain_prefix": "acme-org\n"}, "kaleido_prep_domain_prefix"),
    ("domain-prefix-tab", {"kaleido_prep_domain_prefix": "acme\torg"}, "kaleido_prep_domain_prefix"),
    ("client-name-empty", {"kaleido_prep_client_name": ""}, "kaleido_prep_client_name"),
    ("client-name-nul", {"kaleido_prep_client_name": CONTROL["nul"]}, "kaleido_prep_client_name"),
    ("user-pool-id-bad-format", {"kaleido_prep_user_pool_id": "pool-a"}, "kaleido_prep_user_pool_id"),
    ("user-pool-id-other-region", {"kaleido_prep_user_pool_id": "eu-west-1_AbCdEfGhI"}, "kaleido_prep_user_pool_id"),
    ("user-pool-id-unknown", {"kaleido_prep_user_pool_id": "us-east-1_NoSuchPool0"}, "user_pool_id"),
    ("region-not-a-region", {"kaleido_prep_region": "US East"}, "kaleido_prep_region"),
    ("callback-url-javascript", {"kaleido_prep_callback_urls": ["javascript:alert(1)"]}, "kaleido_prep_callback_urls"),
    ("callback-url-http-not-localhost", {"kaleido_prep_callback_urls": ["http://acme.example.com/cb"]}, "kaleido_prep_callback_urls"),
    ("callback-url-fragment", {"kaleido_prep_callback_urls": ["https://acme.example.com/cb#x"]}, "kaleido_prep_callback_urls"),
    ("callback-url-space", {"kaleido_prep_callback_urls": ["https://acme.example.com/a b"]}, "kaleido_prep_callback_urls"),
    ("callback-urls-text", {"kaleido_prep_callback_urls": {"a": "b"}}, "kaleido_prep_callback_urls"),
    ("callback-url-javascript-authority", {"kaleido_prep_callback_urls": ["javascript://acme.example.com/%0aalert(1)"]}, "kaleido_prep_callback_urls"),
    ("callback-url-file", {"kaleido_prep_callback_urls": ["file:///etc/passwd"]}, "kaleido_prep_callback_urls"),
    ("callback-url-backslash-before-localhost", {"kaleido_prep_callback_urls": ["http://evil.example\\@localhost/cb"]}, "kaleido_prep_callback_urls"),
    ("callback-url-user-and-password", {"kaleido_prep_callback_urls": ["https://user:password@acme.example.com/cb"]}, "kaleido_prep_callback_urls"),
    ("logout-url-about", {"kaleido_prep_logout_urls": ["about:blank"]}, "kaleido_prep_logout_urls"),
    ("logout-url-http-not-localhost", {"kaleido_prep_logout_urls": ["http://acme.example.com/bye"]}, "kaleido_prep_logout_urls"),
    ("oauth-flow-unknown-choice", {"kaleido_prep_oauth_flows": ["password"]}, "kaleido_prep_oauth_flows"),
    ("oauth-scope-with-space", {"kaleido_prep_oauth_scopes": ["openid email"], "kaleido_prep_callback_urls": ["https://acme.example.com/cb"]},
     "kaleido_prep_oauth_scopes"),
    ("identity-provider-empty", {"kaleido_prep_identity_providers": [""]}, "kaleido_prep_identity_providers"),
    ("wait-timeout-negative", {"kaleido_prep_domain_wait_timeout": -1}, "kaleido_prep_domain_wait_timeout"),
    ("password-minimum-length-5", {"kaleido_prep_password_policy": {"minimum_length": 5}}, "minimum_length"),
    ("tags-text", {"kaleido_prep_tags": "owner"}, "kaleido_prep_tags"),
    ("tag-key-reserved-aws-prefix", {"kaleido_prep_tags": {"aws:owner": "x"}}, "tags"),
    ("handoff-file-in-missing-directory", {"kaleido_prep_handoff_file": "/nonexistent-kaleido-dir/handoff.yml"}, "kaleido_prep_handoff_file"),
]

TABLE = (
    [("cognito_user_pool", row_id, args, expect) for row_id, args, expect in USER_POOL]
    + [("cognito_app_client", row_id, args, expect) for row_id, args, expect in APP_CLIENT]
    + [("cognito_domain", row_id, args, expect) for row_id, args, expect in DOMAIN]
    + [("kaleido_prep", row_id, args, expect) for row_id, args, expect in ROLE]
)


def base_args(module, world):
    """Valid options a row starts from, so that only its own change is wrong."""
    if module == "cognito_user_pool":
        return {"name": "hostile-new-pool"}
    if module == "cognito_app_client":
        return {"user_pool_id": world["pool_a"], "name": "hostile-new-client"}
    if module == "cognito_domain":
        return {"user_pool_id": world["pool_a"], "domain": "hostile-new-prefix"}
    with open(ROLE_DEFAULTS, encoding="utf-8") as handle:
        args = yaml.safe_load(handle)
    args.update(
        kaleido_prep_pool_name="hostile-role-pool",
        kaleido_prep_domain_prefix="hostile-role-prefix",
        kaleido_prep_region="us-east-1",
        kaleido_prep_handoff_file=world["handoff"],
    )
    return args


def fill(value, world):
    """``value`` with the {placeholders} of the world replaced."""
    if isinstance(value, str):
        for key, real in world.items():
            value = value.replace("{" + key + "}", real)
        return value
    if isinstance(value, list):
        return [fill(item, world) for item in value]
    if isinstance(value, dict):
        return dict((fill(key, world), fill(item, world)) for key, item in value.items())
    return value


def row_args(module, args, world):
    merged = base_args(module, world)
    merged.update(fill(args, world))
    return dict((key, value) for key, value in merged.items() if value is not None)


def make_world(cognito, tmp_dir):
    """Pools A and B, each with an app client with a secret and a prefix domain."""
    suffix = uuid.uuid4().hex[:6]
    world = {"handoff": os.path.join(tmp_dir, "handoff.yml"), "client_a_name": "hostile-a-client"}
    for name in ("a", "b"):
        pool_id = cognito.create_user_pool(PoolName="hostile-pool-" + name)["UserPool"]["Id"]
        client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="hostile-{0}-client".format(name), GenerateSecret=True)
        prefix = "hostile-{0}-{1}".format(name, suffix)
        cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=prefix)
        world.update({"pool_" + name: pool_id, "client_" + name: client["UserPoolClient"]["ClientId"], "prefix_" + name: prefix})
    return world


def snapshot(cognito):
    """Everything the inputs could have changed: pools, their settings, clients and domains."""
    state = {}
    for pool in cognito.list_user_pools(MaxResults=60)["UserPools"]:
        described = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        clients = cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"]
        state[pool["Id"]] = {
            "pool": dict((key, value) for key, value in described.items() if key not in ("LastModifiedDate", "EstimatedNumberOfUsers")),
            "clients": sorted(
                json.dumps(cognito.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=item["ClientId"])["UserPoolClient"], default=str, sort_keys=True)
                for item in clients
            ),
        }
    return json.loads(json.dumps(state, default=str))


# Rows that fail with a message that does not name the option, for a reason
# outside this collection: {row id: reason}.  Counted as unclear in the figures.
KNOWN_UNCLEAR = {
    "cognito_user_pool/password-policy-text": (
        "ansible-core: for a dict option with suboptions given a string that is not JSON or key=value, AnsibleModule reports"
        " the error of its no_log scan (_list_no_log_values) first, 'dictionary requested, could not parse JSON or key=value',"
        " which does not name the option; the module never runs its own code"
    ),
}
# Targets run by each ansible-playbook process; the processes run at the same
# time, each against its own emulator.
GROUPS = (("cognito_user_pool", "cognito_app_client", "cognito_domain"), ("kaleido_prep",))


def start_group(targets, tmp_dir):
    """Start an emulator, make the world and start ansible-playbook on the rows of ``targets``."""
    emulator = Emulator().start()
    cognito = emulator.client()
    world = make_world(cognito, tmp_dir)
    rows = [
        {"id": "{0}/{1}".format(module, row_id), "module": module, "args": row_args(module, args, world)}
        for module, row_id, args, dummy in TABLE
        if module in targets
    ]
    inputs_file = os.path.join(tmp_dir, "inputs.json")
    results_file = os.path.join(tmp_dir, "results.json")
    with open(inputs_file, "w", encoding="utf-8") as handle:
        json.dump({"hostile_inputs": rows, "hostile_results_file": results_file}, handle)
    before = snapshot(cognito)
    emulator.reset_calls()
    command = [os.path.join(VENV_BIN, "ansible-playbook"), "-i", "localhost,", PLAYBOOK, "-e", "@" + inputs_file] + interpreter_args()
    process = subprocess.Popen(  # pylint: disable=consider-using-with
        command, cwd=ROOT, env=ansible_env(emulator), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return {"emulator": emulator, "cognito": cognito, "world": world, "process": process, "results_file": results_file, "before": before}


def finish_group(group):
    """Wait for the run; returns its outcomes by row id, the calls left in the log and the state before and after."""
    emulator = group["emulator"]
    try:
        output = group["process"].communicate()[0]
        writes = emulator.write_calls()
        after = snapshot(group["cognito"])
    finally:
        emulator.stop()
    assert group["process"].returncode == 0, output[-20000:]
    with open(group["results_file"], encoding="utf-8") as handle:
        results = json.load(handle)
    outcomes = dict((item["id"], item) for item in results["role_results"])
    for item in results["module_results"]:
        row_id = item["hostile"]["id"]
        failed = bool(item.get("failed"))
        outcomes[row_id] = {
            "id": row_id,
            "failed": failed,
            "msg": (item.get("msg") or json.dumps(item)) if failed else "",
            "writes": results["module_calls"].get(row_id, {}).get("write_calls", []),
        }
    handoff_written = os.path.exists(group["world"]["handoff"])
    return {"outcomes": outcomes, "writes": writes, "before": group["before"], "after": after, "handoff_written": handoff_written}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The whole table, run by one ansible-playbook process per group; returns the outcomes by row id and what the emulators saw."""
    groups = [start_group(targets, str(tmp_path_factory.mktemp("hostile"))) for targets in GROUPS]
    results = [finish_group(group) for group in groups]
    return {
        "outcomes": dict((row_id, outcome) for result in results for row_id, outcome in result["outcomes"].items()),
        "writes": [call for result in results for call in result["writes"]],
        "changed_state": [result["before"] != result["after"] for result in results],
        "handoff_written": any(result["handoff_written"] for result in results),
    }


def is_clear(outcome, expect):
    """Failed with a message that names the option, not a crash."""
    return bool(outcome and outcome["failed"] and expect in outcome["msg"] and "Traceback" not in outcome["msg"] and "MODULE FAILURE" not in outcome["msg"])


@pytest.fixture(scope="module", autouse=True)
def hostile_figures_recorded(hostile_run):
    yield
    for target in sorted(set(module for module, dummy, dummy2, dummy3 in TABLE)):
        rows = [("{0}/{1}".format(module, row_id), expect) for module, row_id, dummy, expect in TABLE if module == target]
        outcomes = [(hostile_run["outcomes"].get(row_id), expect) for row_id, expect in rows]
        hostile_figures.record_hostile(
            target,
            tried=sum(1 for outcome, dummy in outcomes if outcome is not None),
            clear=sum(1 for outcome, expect in outcomes if is_clear(outcome, expect)),
            writes=sum(len(outcome["writes"]) for outcome, dummy in outcomes if outcome is not None),
        )


def table_params():
    params = []
    for module, row_id, args, expect in TABLE:
        full_id = "{0}/{1}".format(module, row_id)
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_UNCLEAR[full_id])] if full_id in KNOWN_UNCLEAR else []
        params.append(pytest.param(module, row_id, args, expect, id=full_id, marks=marks))
    return params


@pytest.mark.parametrize("module, row_id, args, expect", table_params())
def test_hostile_input_fails_with_a_message_naming_the_option_and_makes_no_write_call(hostile_run, module, row_id, args, expect):
    outcome = hostile_run["outcomes"].get("{0}/{1}".format(module, row_id))
    assert outcome is not None, "the playbook did not run this row"
    assert outcome["failed"], "accepted: {0!r}".format(args)
    assert outcome["writes"] == [], "write calls: {0}".format(outcome["writes"])
    assert is_clear(outcome, expect), "message does not name {0!r}: {1}".format(expect, outcome["msg"])


def test_the_whole_table_made_no_write_call_and_changed_nothing(hostile_run):
    assert len(hostile_run["outcomes"]) == len(TABLE)
    assert [call for outcome in hostile_run["outcomes"].values() for call in outcome["writes"]] == []
    assert hostile_run["writes"] == []
    assert hostile_run["changed_state"] == [False] * len(GROUPS)
    assert not hostile_run["handoff_written"]


def test_the_table_covers_every_module_and_the_role_with_at_least_20_inputs_each():
    counts = {}
    for module, dummy, dummy2, dummy3 in TABLE:
        counts[module] = counts.get(module, 0) + 1
    assert sorted(counts) == ["cognito_app_client", "cognito_domain", "cognito_user_pool", "kaleido_prep"]
    assert all(count >= 20 for count in counts.values()), counts


def test_the_role_rows_pass_every_variable_of_the_role():
    """tasks/hostile_role.yml lists each variable of the role's argument spec, so that a row can set any of them.

    A listed variable that a row does not hold stays undefined in the role.
    """
    with open(os.path.join(HERE, "playbooks", "tasks", "hostile_role.yml"), encoding="utf-8") as handle:
        tasks = yaml.safe_load(handle)
    included = [task for task in tasks[0]["block"] if "ansible.builtin.include_role" in task]
    with open(os.path.join(ROOT, "roles", "kaleido_prep", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        options = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
    assert len(included) == 1
    assert set(options) <= set(included[0]["vars"])
    assert all(value == "{{ hostile.args.%s }}" % name for name, value in included[0]["vars"].items())
