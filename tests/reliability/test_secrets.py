# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No secret in any output: every module and the kaleido_prep role, at -vvvv --diff.

ANSIBLE_DEBUG is out of scope: ansible-core documents that its debug output
can show secrets despite no_log and is not for production use (the modules'
documentation says so); the runs here have it unset.  The secrets searched for are read from the emulator with boto3,
independently of the modules: every app client secret and every identity
provider client secret (ProviderDetails.client_secret) of every pool.  There
is no identity provider module yet; the test gives the pool an OIDC identity
provider with a secret through boto3, so that the search already covers it.
The search looks for each secret, its first and last 12 characters, and the
same in every base64 token of the output (copy's --diff reads files base64
encoded).  Each run also checks that the registered variables and the
handoff file do hold the secret.
"""

import base64
import binascii
import json
import os
import re
import stat
import subprocess
import uuid

import pytest
import yaml
from ansible import __version__ as ansible_version

from tests.conftest import ROOT
from tests.conftest import interpreter_args
from tests.emulator.control import Emulator
from tests.integration.conftest import VENV_BIN
from tests.integration.conftest import ansible_env
from tests.reliability import hostile_figures

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES_PLAYBOOK = os.path.join(HERE, "playbooks", "secrets_modules.yml")
ROLE_PLAYBOOK = os.path.join(HERE, "playbooks", "secrets_role.yml")
LOOPS_PLAYBOOK = os.path.join(HERE, "playbooks", "secrets_loops.yml")
# localhost and the hosts of secrets_loops.yml's looped tasks, one each.
LOOP_HOSTS = ("localhost", "app_clients", "app_client_info", "identity_providers", "changed_identity_providers")
CORE = tuple(int(part) for part in ansible_version.split(".")[:2])
# The variables that choose the callbacks; a run sets its own.
CALLBACK_VARIABLES = ("ANSIBLE_STDOUT_CALLBACK", "ANSIBLE_CALLBACKS_ENABLED", "ANSIBLE_CALLBACK_RESULT_FORMAT", "ANSIBLE_CALLBACK_TREE_DIR")
FRAGMENT = 12
BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")

pytestmark = [pytest.mark.reliability, pytest.mark.integration]


@pytest.fixture(scope="module")
def secrets_emulator():
    with Emulator() as emulator:
        yield emulator


def run(emulator, playbook, variables, vars_file=None, hosts=("localhost",), callbacks=None):
    """ansible-playbook at -vvvv --diff; ``vars_file`` (-e @file) holds secret variables: -vvvv prints the -e JSON.

    ``callbacks``: the variables that choose the callbacks of the run (the default callback alone without).
    """
    env = ansible_env(emulator)
    for name in ("ANSIBLE_DEBUG",) + CALLBACK_VARIABLES:
        env.pop(name, None)
    env.update(callbacks or {})
    inventory = ",".join(hosts) + ","
    command = [os.path.join(VENV_BIN, "ansible-playbook"), "-i", inventory, playbook, "-e", json.dumps(variables), "-vvvv", "--diff"] + interpreter_args()
    if vars_file:
        command[command.index("-vvvv"):command.index("-vvvv")] = ["-e", "@" + str(vars_file)]
    process = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    process.output = process.stdout + process.stderr
    return process


def secret_variables(path, variables):
    """Write the secret variables of a run to ``path`` (mode 0600), for ``run``'s ``vars_file``; returns the path."""
    path.touch(mode=0o600)
    path.write_text(json.dumps(variables))
    return path


def known_secrets(cognito):
    """Every app client secret and identity provider client secret (or private key) the emulator reports."""
    secrets = []
    for pool in cognito.list_user_pools(MaxResults=60)["UserPools"]:
        for client in cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"]:
            described = cognito.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
            if described.get("ClientSecret"):
                secrets.append(described["ClientSecret"])
        for provider in cognito.list_identity_providers(UserPoolId=pool["Id"], MaxResults=60)["Providers"]:
            details = cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName=provider["ProviderName"])["IdentityProvider"]
            for key in ("client_secret", "private_key"):
                if details.get("ProviderDetails", {}).get(key):
                    secrets.append(details["ProviderDetails"][key])
    return secrets


def decoded_tokens(output):
    """The text of every base64 (standard or URL-safe) token of the output that decodes."""
    texts = []
    for token in BASE64_TOKEN.findall(output):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                texts.append(decode(token + "=" * (-len(token) % 4)).decode("utf-8", "replace"))
            except (binascii.Error, ValueError):
                continue
    return texts


def leaks(output, secrets):
    """Where each secret, or its first or last 12 characters, appears in the output, in clear or base64-encoded."""
    found = []
    haystacks = [("clear", output)] + [("base64", text) for text in decoded_tokens(output)]
    for secret in secrets:
        for where, text in haystacks:
            for piece in (secret, secret[:FRAGMENT], secret[-FRAGMENT:]):
                if piece in text:
                    found.append((where, piece))
    return found


def check_output(label, process, secrets):
    found = leaks(process.output, secrets)
    hostile_figures.record_secrets(label, len(secrets), len(found), len(process.output))
    assert found == [], "{0}: secrets in the output: {1}".format(label, found)
    # The runs were verbose: -vvvv shows each module's invocation and result (where not hidden).
    assert "<localhost> EXEC" in process.output


def add_identity_provider(cognito, pool_id):
    """An OIDC identity provider with a client secret (no module manages identity providers yet)."""
    secret = "idp-" + uuid.uuid4().hex + uuid.uuid4().hex
    cognito.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="SecretsOIDC",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "secrets-oidc-client",
            "client_secret": secret,
            "attributes_request_method": "GET",
            "oidc_issuer": "https://issuer.example.com",
            "authorize_scopes": "openid email",
        },
        AttributeMapping={"email": "email"},
    )
    return secret


def test_modules_show_no_secret_at_vvvv_diff_on_success_and_failure(secrets_emulator, tmp_path):
    secrets_emulator.reset()
    cognito = secrets_emulator.client()
    other = cognito.create_user_pool(PoolName="secrets-other")["UserPool"]["Id"]
    taken = "secrets-taken-" + uuid.uuid4().hex[:6]
    cognito.create_user_pool_domain(UserPoolId=other, Domain=taken)
    other_client = cognito.create_user_pool_client(UserPoolId=other, ClientName="other", GenerateSecret=True)["UserPoolClient"]
    idp_secret = add_identity_provider(cognito, other)
    dump = tmp_path / "registered.json"
    # The identity provider secrets the playbook gives the module; AWS (and the
    # emulator) never reports an Apple private key, so the test knows it from here.
    apple_key, apple_key_body = private_key("")
    module_idp_secrets = {
        "idp_client_secret": "gidp-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "idp_client_secret_2": "gidp2-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "apple_private_key": apple_key,
    }

    process = run(
        secrets_emulator,
        MODULES_PLAYBOOK,
        {"pool_name": "secrets-pool", "prefix": "secrets-" + uuid.uuid4().hex[:6], "taken_prefix": taken, "dump_file": str(dump)},
        vars_file=secret_variables(tmp_path / "idp-secrets.json", module_idp_secrets),
    )
    assert process.returncode == 0, process.output[-20000:]
    registered = json.loads(dump.read_text())
    pool_id = [pool["Id"] for pool in cognito.list_user_pools(MaxResults=60)["UserPools"] if pool["Name"] == "secrets-pool"][0]
    secret = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=registered["client_id"])["UserPoolClient"]["ClientSecret"]

    # The registered variables hold the secret: the search below looks for something that exists.
    assert len(secret) >= 24 and registered["secrets"] == [secret, secret]
    assert registered["preview_has_secret"] is False
    # cognito_app_client_info with include_secret (for real, in check mode, by name) holds it too, and not without.
    assert registered["info_secrets"] == [secret, secret, secret]
    assert registered["info_without_secret"] is True
    assert registered["failures"] == [True, True, True, True]
    assert [client.get("client_id") for client in registered["failure_app_clients"]] == [registered["client_id"]] * 2
    assert all("client_secret" not in client for client in registered["failure_app_clients"])

    assert registered["idp_changes"] == [True, True, True]
    assert registered["idp_failures"] == [True, True]
    assert registered["idp_names"] == ["Google", "SignInWithApple"]

    secrets = known_secrets(cognito)
    assert sorted(secrets) == sorted([secret, other_client["ClientSecret"], idp_secret, module_idp_secrets["idp_client_secret_2"]])
    secrets = secrets + [module_idp_secrets["idp_client_secret"], apple_key_body]
    check_output("modules", process, secrets)
    # What carries no secret is still shown: the failures' messages and the check-mode diff.
    assert "AWS cannot add or remove the generated secret" in process.output
    assert "is not available" in process.output
    assert "https://secrets.example.com/previewed" in process.output


def test_kaleido_prep_shows_no_secret_at_vvvv_diff_on_success_rerun_and_failure(secrets_emulator, tmp_path):
    secrets_emulator.reset()
    cognito = secrets_emulator.client()
    other = cognito.create_user_pool(PoolName="secrets-other")["UserPool"]["Id"]
    idp_secret = add_identity_provider(cognito, other)
    # Another account holds the prefix: AWS may not show its domain to DescribeUserPoolDomain
    # (cognito_domain's notes), so the role's check passes and CreateUserPoolDomain refuses it,
    # after the app client and its secret were created.
    elsewhere = secrets_emulator.client(account="210987654321")
    taken = "secrets-taken-" + uuid.uuid4().hex[:6]
    elsewhere.create_user_pool_domain(UserPoolId=elsewhere.create_user_pool(PoolName="elsewhere")["UserPool"]["Id"], Domain=taken)
    handoff = tmp_path / "handoff.yml"
    dump = tmp_path / "registered.json"

    google_secret = "GOCSPX-" + uuid.uuid4().hex + uuid.uuid4().hex
    secret_vars = secret_variables(tmp_path / "google-secret.json", {"google_client_secret": google_secret})

    process = run(
        secrets_emulator,
        ROLE_PLAYBOOK,
        {"pool_name": "secrets-prep", "prefix": "secrets-prep-" + uuid.uuid4().hex[:6], "handoff_file": str(handoff),
         "failing_pool_name": "secrets-prep-failing", "taken_prefix": taken, "failing_handoff_file": str(tmp_path / "failing.yml"),
         "dump_file": str(dump)},
        vars_file=secret_vars,
    )
    # The third run fails at the domain, after its app client was created.
    assert process.returncode != 0, process.output[-20000:]
    assert "is not available" in process.output
    registered = json.loads(dump.read_text())
    assert registered["failed_task"] == "Create the hosted-UI domain"

    pools = dict((pool["Name"], pool["Id"]) for pool in cognito.list_user_pools(MaxResults=60)["UserPools"])
    described = {}
    for name in ("secrets-prep", "secrets-prep-failing"):
        clients = cognito.list_user_pool_clients(UserPoolId=pools[name], MaxResults=60)["UserPoolClients"]
        assert len(clients) == 1
        described[name] = cognito.describe_user_pool_client(UserPoolId=pools[name], ClientId=clients[0]["ClientId"])["UserPoolClient"]

    # The facts, the registered variable of the failing run and the handoff file hold the secrets.
    secret = described["secrets-prep"]["ClientSecret"]
    assert registered["first"] == registered["second"] == secret
    assert registered["failing_run"] == described["secrets-prep-failing"]["ClientSecret"]
    assert yaml.safe_load(handoff.read_text())["client_secret"] == secret
    assert "edited by hand" not in handoff.read_text()
    assert not (tmp_path / "failing.yml").exists()

    secrets = known_secrets(cognito)
    assert sorted(secrets) == sorted([secret, described["secrets-prep-failing"]["ClientSecret"], idp_secret, google_secret])
    check_output("kaleido_prep", process, secrets)
    assert "Client secret:  not shown" in process.output
    assert "Redirect URI to register with the identity providers: https://" in process.output
    assert yaml.safe_load(handoff.read_text())["idp_redirect_uri"].endswith("/oauth2/idpresponse")
    # The files next to the handoff file: only the test's own inputs and outputs hold a secret.
    neighbours = sorted(path.name for path in tmp_path.iterdir() if path.is_file())
    assert neighbours == sorted(["handoff.yml", "registered.json", "google-secret.json"]), neighbours
    assert stat.S_IMODE(os.stat(handoff).st_mode) == 0o600


def private_key(label):
    """A made-up PEM private key, and its body: the output would show its line breaks escaped."""
    body = label + uuid.uuid4().hex + uuid.uuid4().hex
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----", body


def loop_callbacks(callback, tree_dir):
    """The variables that choose the callbacks of a run of secrets_loops.yml (the tree callback writes to ``tree_dir``)."""
    if callback == "default+tree":
        # The tree callback is not a stdout callback: it is enabled next to the default one and sees the same results.
        return {"ANSIBLE_STDOUT_CALLBACK": "ansible.builtin.default", "ANSIBLE_CALLBACKS_ENABLED": "ansible.builtin.tree",
                "ANSIBLE_CALLBACK_TREE_DIR": str(tree_dir)}
    if callback == "json":
        return {"ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json"}
    if CORE < (2, 19):
        return {"ANSIBLE_STDOUT_CALLBACK": "community.general.yaml"}
    # community.general's yaml callback gave way to the default callback's result_format.
    return {"ANSIBLE_STDOUT_CALLBACK": "ansible.builtin.default", "ANSIBLE_CALLBACK_RESULT_FORMAT": "yaml"}


# What shows that the run's stdout callback was the one asked for: a censored result in its format (the JSON callback's
# document of the plays holds one too).
CENSORED = "the output has been hidden"
CALLBACK_MARKS = {"default+tree": '"censored": "' + CENSORED, "json": '"plays": [', "yaml": "censored: '" + CENSORED}


@pytest.mark.parametrize("callback", ["default+tree", "json", "yaml"])
def test_looped_tasks_show_no_secret_with_the_default_tree_json_or_yaml_callback(secrets_emulator, tmp_path, callback):
    secrets_emulator.reset()
    cognito = secrets_emulator.client()
    dump = tmp_path / "registered.json"
    tree = tmp_path / "tree"
    apple_key, apple_key_body = private_key("apple-")
    apple_key_2, apple_key_body_2 = private_key("apple2-")
    given = {
        "idp_client_secret": "gloop-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "idp_client_secret_2": "gloop2-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "oidc_client_secret": "oloop-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "apple_private_key": apple_key,
        "apple_private_key_2": apple_key_2,
    }
    process = run(
        secrets_emulator,
        LOOPS_PLAYBOOK,
        {"pool_name": "secrets-loops", "dump_file": str(dump)},
        vars_file=secret_variables(tmp_path / "loop-secrets.json", given),
        hosts=LOOP_HOSTS,
        callbacks=loop_callbacks(callback, tree),
    )
    assert process.returncode == 0, process.output[-20000:]
    assert CALLBACK_MARKS[callback] in process.output

    # The registered variables hold the secrets: the search below looks for something that exists.
    registered = json.loads(dump.read_text())
    pool_id = cognito.list_user_pools(MaxResults=60)["UserPools"][0]["Id"]
    client_secrets = sorted(
        cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])["UserPoolClient"]["ClientSecret"]
        for client in cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    )
    assert len(client_secrets) == 2 and sorted(registered["clients"]) == sorted(registered["info"]) == client_secrets
    assert registered["providers_changed"] == [True, True, True]
    assert registered["provider_names"] == ["Google", "SignInWithApple", "LoopedByName"]
    secrets = known_secrets(cognito)
    assert sorted(secrets) == sorted(client_secrets + [given["idp_client_secret_2"], given["oidc_client_secret"]])
    secrets += [given["idp_client_secret"], apple_key_body, apple_key_body_2]

    if callback == "default+tree":
        # The tree callback wrote each host's last result: every looped task's, and localhost's no_log task.
        assert sorted(path.name for path in tree.iterdir()) == sorted(LOOP_HOSTS)
        process.output += "".join(path.read_text() for path in tree.iterdir())
    check_output("loops, " + callback, process, secrets)
    # What carries no secret is still shown: the provider whose loop holds only its name.
    assert "LoopedByName" in process.output


def test_the_leak_search_finds_a_secret_in_clear_in_fragments_and_in_base64():
    secret = "1abc2defghij3klmnopq4rstuv5wxyz6abcdefghijklmnopqrs"
    assert leaks("stdout={0}".format(secret), [secret])
    assert leaks("...{0}...".format(secret[:FRAGMENT]), [secret])
    assert leaks("...{0}...".format(secret[-FRAGMENT:]), [secret])
    encoded = base64.b64encode("client_id: x\nclient_secret: {0}\n".format(secret).encode()).decode()
    assert secret not in encoded and leaks('{{"content": "{0}"}}'.format(encoded), [secret])
    assert leaks("nothing here", [secret]) == []
