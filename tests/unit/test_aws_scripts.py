# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""scripts/test-aws refusals, the test hook (tests/aws/cognito_test_hook.py) and the sweep (tests/aws/sweep.py).

test-aws itself cannot run against the emulator (it refuses any
AWS_ENDPOINT_URL); its refusals are checked here with a local socket standing
in for AWS (as the endpoint and as the HTTPS proxy), which must see no
connection.  The hook's handlers and the sweep run against the emulator.
"""

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time

import botocore.config
import botocore.session
import pytest

from tests.conftest import ROOT
from tests.emulator.control import Emulator

AWS_DIR = os.path.join(ROOT, "tests", "aws")
TEST_AWS = os.path.join(ROOT, "scripts", "test-aws")
SWEEP = os.path.join(AWS_DIR, "sweep.py")
TAG = "kaleido-cognito-test"
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "AKIAEMULATOR00000000", "AWS_SECRET_ACCESS_KEY": "fake-secret-key"}


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(AWS_DIR, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = load("cognito_test_hook")


class Listener:
    """A local TCP socket that counts connections and closes each at once."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, dummy = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def bare_env(tmp_path, listener, **extra):
    """No AWS settings of this machine; every HTTP(S) request would reach the listener."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "KALEIDO_")) and name != "PYTHONPATH"}
    env.update({
        "HOME": str(tmp_path / "home"),
        "TMPDIR": str(tmp_path / "tmp"),
        "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_MAX_ATTEMPTS": "1",
        "HTTPS_PROXY": listener.url,
        "HTTP_PROXY": listener.url,
        "https_proxy": listener.url,
        "http_proxy": listener.url,
    })
    for name in ("NO_PROXY", "no_proxy"):
        env.pop(name, None)
    (tmp_path / "home").mkdir()
    (tmp_path / "tmp").mkdir()
    env.update(extra)
    return env


def aws_run_dirs():
    runs = os.path.join(ROOT, ".build", "test-aws")
    return sorted(os.listdir(runs)) if os.path.isdir(runs) else []


def run_test_aws(env):
    return subprocess.run([TEST_AWS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)


def assert_refused_without_trace(result, tmp_path, listener, runs_before):
    assert result.returncode == 2, result.stdout + result.stderr
    assert "test-aws: refused: " in result.stderr
    assert "nothing was created in AWS" in result.stderr
    assert listener.connections == 0
    assert os.listdir(tmp_path / "tmp") == []
    assert aws_run_dirs() == runs_before
    assert "run id" not in result.stdout + result.stderr


@pytest.mark.unit
def test_test_aws_refuses_without_the_flag_and_calls_nothing(tmp_path, listener):
    before = aws_run_dirs()
    env = bare_env(tmp_path, listener, AWS_ENDPOINT_URL=listener.url, **FAKE_CREDENTIALS)
    result = run_test_aws(env)
    assert_refused_without_trace(result, tmp_path, listener, before)
    assert "KALEIDO_COGNITO_AWS_TESTS is not 1" in result.stderr
    assert "KALEIDO_COGNITO_AWS_TESTS=1 ./scripts/test-aws" in result.stderr

    result = run_test_aws(dict(env, KALEIDO_COGNITO_AWS_TESTS="yes"))
    assert_refused_without_trace(result, tmp_path, listener, before)
    assert "KALEIDO_COGNITO_AWS_TESTS is not 1" in result.stderr


@pytest.mark.unit
@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDP"])
def test_test_aws_refuses_an_endpoint_url(tmp_path, listener, variable):
    before = aws_run_dirs()
    env = bare_env(tmp_path, listener, KALEIDO_COGNITO_AWS_TESTS="1", **FAKE_CREDENTIALS)
    env[variable] = listener.url
    result = run_test_aws(env)
    assert_refused_without_trace(result, tmp_path, listener, before)
    assert variable + " is set" in result.stderr
    assert "unset " + variable in result.stderr


@pytest.mark.unit
def test_test_aws_refuses_without_credentials(tmp_path, listener):
    before = aws_run_dirs()
    result = run_test_aws(bare_env(tmp_path, listener, KALEIDO_COGNITO_AWS_TESTS="1"))
    assert_refused_without_trace(result, tmp_path, listener, before)
    assert "no AWS credentials found" in result.stderr
    assert "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in result.stderr
    assert "AWS_PROFILE" in result.stderr


@pytest.mark.unit
def test_test_aws_refuses_credentials_that_sts_does_not_accept(tmp_path, listener):
    """The credential check asks STS, here the listener (through the proxy), which hangs up."""
    before = aws_run_dirs()
    result = run_test_aws(bare_env(tmp_path, listener, KALEIDO_COGNITO_AWS_TESTS="1", **FAKE_CREDENTIALS))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "STS GetCallerIdentity failed" in result.stderr
    assert "nothing was created in AWS" in result.stderr
    assert listener.connections >= 1
    assert aws_run_dirs() == before


# The hook, against the emulator.


@pytest.fixture(scope="module")
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def hooked(emulator, tmp_path, monkeypatch):
    """A cognito-idp client with the hook's handlers, its call log, and a client without them."""
    emulator.reset()
    call_log = tmp_path / "calls.log"
    call_log.write_text("")
    monkeypatch.setenv("KALEIDO_TEST_RUN_ID", "kctest123")
    monkeypatch.setenv("KALEIDO_COGNITO_CALL_LOG", str(call_log))
    # The re-tagging client of the hook finds the emulator and credentials in the environment.
    monkeypatch.setenv("AWS_ENDPOINT_URL", emulator.endpoint_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEMULATOR00000000")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator-secret-key")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    session = hook.register(botocore.session.Session())
    client = session.create_client("cognito-idp", region_name="us-east-1", endpoint_url=emulator.endpoint_url)
    return client, emulator.client(), call_log


@pytest.mark.emulator
def test_hook_tags_every_new_pool_and_hides_the_tag(hooked):
    client, raw, dummy = hooked
    pool = client.create_user_pool(PoolName="kt-hook", UserPoolTags={"Project": "kaleido"})["UserPool"]
    bare = client.create_user_pool(PoolName="kt-hook-bare")["UserPool"]
    assert pool["UserPoolTags"] == {"Project": "kaleido"}
    assert raw.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"Project": "kaleido", TAG: "kctest123"}
    assert raw.describe_user_pool(UserPoolId=bare["Id"])["UserPool"]["UserPoolTags"] == {TAG: "kctest123"}
    assert client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {"Project": "kaleido"}
    assert client.describe_user_pool(UserPoolId=bare["Id"])["UserPool"].get("UserPoolTags", {}) == {}
    assert client.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"Project": "kaleido"}


@pytest.mark.emulator
def test_hook_drops_the_tag_from_untag_and_tag_calls(hooked, emulator):
    client, raw, call_log = hooked
    pool = client.create_user_pool(PoolName="kt-hook", UserPoolTags={"Project": "kaleido", "Env": "test"})["UserPool"]
    emulator.reset_calls()
    call_log.write_text("")
    client.untag_resource(ResourceArn=pool["Arn"], TagKeys=[TAG, "Env"])
    client.untag_resource(ResourceArn=pool["Arn"], TagKeys=[TAG])  # nothing left to do: not sent
    client.tag_resource(ResourceArn=pool["Arn"], Tags={TAG: "another-run"})  # not sent either
    client.tag_resource(ResourceArn=pool["Arn"], Tags={TAG: "another-run", "Owner": "ops"})
    assert raw.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"Project": "kaleido", "Owner": "ops", TAG: "kctest123"}
    assert emulator.calls() == ["UntagResource", "TagResource", "ListTagsForResource"]
    assert logged_operations(call_log) == ["UntagResource", "TagResource"]


@pytest.mark.emulator
def test_hook_keeps_the_tag_through_updates(hooked, emulator):
    client, raw, dummy = hooked
    pool = client.create_user_pool(PoolName="kt-hook", UserPoolTags={"Project": "kaleido"})["UserPool"]
    # The whole tag set as read (without the run's tag): the tag is added to it.
    client.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"Project": "kaleido"})
    assert raw.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"Project": "kaleido", TAG: "kctest123"}
    # An update without tags that loses the run's tag (AWS does not document whether it keeps them):
    # the next DescribeUserPool of this process tags the pool again, unseen by the caller and the call log.
    raw.untag_resource(ResourceArn=pool["Arn"], TagKeys=[TAG])
    client.update_user_pool(UserPoolId=pool["Id"])
    emulator.reset_calls()
    assert client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {"Project": "kaleido"}
    assert emulator.calls() == ["DescribeUserPool", "TagResource"]
    assert raw.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"Project": "kaleido", TAG: "kctest123"}


def logged_operations(call_log):
    """The operations of the hook's call log (a line each: the operation, a tab, the User-Agent)."""
    return [line.split("\t")[0] for line in call_log.read_text().splitlines()]


@pytest.mark.emulator
def test_hook_logs_each_cognito_call_like_the_emulator(hooked, emulator):
    client, dummy, call_log = hooked
    emulator.reset_calls()
    pool = client.create_user_pool(PoolName="kt-hook")["UserPool"]
    client.describe_user_pool(UserPoolId=pool["Id"])
    created = client.create_user_pool_client(UserPoolId=pool["Id"], ClientName="c")["UserPoolClient"]
    client.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=10)
    client.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=created["ClientId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_user_pool(UserPoolId="us-east-1_doesnotexist")
    with pytest.raises(botocore.exceptions.ParamValidationError):
        client.describe_user_pool()  # refused by botocore: never sent, never logged
    logged = logged_operations(call_log)
    assert logged == ["CreateUserPool", "DescribeUserPool", "CreateUserPoolClient", "ListUserPoolClients",
                      "DeleteUserPoolClient", "DescribeUserPool"]
    assert logged == emulator.calls()


@pytest.mark.emulator
def test_the_calls_lookup_tells_apart_the_runs_of_a_looped_task_on_the_emulator_and_in_the_call_log(hooked, emulator, monkeypatch):
    """A run's tag is app/<tag> in its User-Agent (aws_config's user_agent_extra, with amazon.aws's own User-Agent)."""
    dummy, dummy2, call_log = hooked
    spec = importlib.util.spec_from_file_location("emulator_calls", os.path.join(ROOT, "tests", "integration", "lookup_plugins", "emulator_calls.py"))
    lookup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lookup)
    session = hook.register(botocore.session.Session())

    def client(tag=None):
        config = botocore.config.Config(user_agent="APN/1.0 Ansible/2.19.0 kaleido.cognito/1.0.0", user_agent_extra="app/" + tag if tag else None)
        return session.create_client("cognito-idp", region_name="us-east-1", endpoint_url=emulator.endpoint_url, config=config)

    def calls():
        pool = client("run-1").create_user_pool(PoolName="kt-runs")["UserPool"]
        client("run-2").describe_user_pool(UserPoolId=pool["Id"])
        client().list_user_pools(MaxResults=10)
        client("run-1").delete_user_pool(UserPoolId=pool["Id"])

    expected = {
        "calls": ["CreateUserPool", "DescribeUserPool", "ListUserPools", "DeleteUserPool"],
        "write_calls": ["CreateUserPool", "DeleteUserPool"],
        "runs": {"run-1": {"calls": ["CreateUserPool", "DeleteUserPool"], "write_calls": ["CreateUserPool", "DeleteUserPool"]},
                 "run-2": {"calls": ["DescribeUserPool"], "write_calls": []}},
    }
    emulator.reset_calls()
    calls()
    assert lookup.LookupModule().run(["take"]) == [expected]  # from the call log, which it empties
    assert call_log.read_text() == ""
    monkeypatch.delenv("KALEIDO_COGNITO_CALL_LOG")
    assert lookup.LookupModule().run(["take"]) == [expected]  # from the emulator, which it resets
    assert emulator.calls() == []


def python_with_hook(emulator, tmp_path, flag):
    """A new Python process with tests/aws on PYTHONPATH (as test-aws runs them) that creates a pool."""
    env = dict(os.environ, PYTHONPATH=AWS_DIR, KALEIDO_TEST_RUN_ID="kcsite1", KALEIDO_COGNITO_CALL_LOG=str(tmp_path / "site.log"),
               AWS_ENDPOINT_URL=emulator.endpoint_url, AWS_ACCESS_KEY_ID="AKIAEMULATOR00000000",
               AWS_SECRET_ACCESS_KEY="emulator-secret-key", AWS_DEFAULT_REGION="us-east-1")
    env.pop("KALEIDO_COGNITO_AWS_TESTS", None)
    if flag is not None:
        env["KALEIDO_COGNITO_AWS_TESTS"] = flag
    code = ("import boto3, botocore.session\n"
            "pool = boto3.client('cognito-idp').create_user_pool(PoolName='kt-site')['UserPool']\n"
            "print(pool['Id'], getattr(botocore.session.Session, 'kaleido_cognito_test_hook', False))\n")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    pool_id, installed = result.stdout.split()
    return pool_id, installed == "True"


@pytest.mark.emulator
def test_sitecustomize_installs_the_hook_only_with_the_flag(emulator, tmp_path):
    emulator.reset()
    raw = emulator.client()
    pool_id, installed = python_with_hook(emulator, tmp_path, "1")
    assert installed
    assert raw.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTags"] == {TAG: "kcsite1"}
    assert logged_operations(tmp_path / "site.log") == ["CreateUserPool"]
    (tmp_path / "site.log").unlink()
    for flag in (None, "0"):
        pool_id, installed = python_with_hook(emulator, tmp_path, flag)
        assert not installed
        assert raw.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("UserPoolTags", {}) == {}
        assert not (tmp_path / "site.log").exists()


# The sweep, against the emulator.


def run_sweep(emulator, *args, **extra_env):
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "KALEIDO_")) and name != "PYTHONPATH"}
    env.update(AWS_ENDPOINT_URL=emulator.endpoint_url, AWS_ACCESS_KEY_ID="AKIAEMULATOR00000000",
               AWS_SECRET_ACCESS_KEY="emulator-secret-key", AWS_REGION="us-east-1")
    env.update(extra_env)
    return subprocess.run([sys.executable, SWEEP] + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


# Seconds of --older-than in the sweeps below: the old pools are older, the young one stays younger.
OLDER_THAN = 10
OLD_AGE = OLDER_THAN + 5


@pytest.fixture
def leftovers(emulator):
    """Old pools (tagged with a domain and deletion protection; tagged by another run; untagged), then a young tagged one."""
    emulator.reset()
    raw = emulator.client()
    old = raw.create_user_pool(PoolName="kt-old", DeletionProtection="ACTIVE", UserPoolTags={TAG: "kcA", "Project": "x"},
                               Policies={"PasswordPolicy": {"MinimumLength": 14}})["UserPool"]
    raw.create_user_pool_domain(UserPoolId=old["Id"], Domain="kt-sweep-old")
    other_run = raw.create_user_pool(PoolName="kt-other-run", UserPoolTags={TAG: "kcB"})["UserPool"]
    untagged = raw.create_user_pool(PoolName="kt-untagged", UserPoolTags={"Project": "x"})["UserPool"]
    # The young pool must stay younger than the sweeps' --older-than while three sweeps run, also on a loaded machine.
    time.sleep(OLD_AGE + 1)
    young = raw.create_user_pool(PoolName="kt-young", UserPoolTags={TAG: "kcA"})["UserPool"]
    emulator.reset_calls()
    return {"old": old["Id"], "other_run": other_run["Id"], "untagged": untagged["Id"], "young": young["Id"]}


def pool_ids(emulator):
    return sorted(pool["Id"] for pool in emulator.client().list_user_pools(MaxResults=60)["UserPools"])


@pytest.mark.emulator
def test_sweep_dry_run_lists_and_deletes_nothing_and_delete_removes_only_old_tagged_pools(emulator, leftovers):
    everything = sorted(leftovers.values())

    dry = run_sweep(emulator, "--older-than", "%ds" % OLDER_THAN, "--run-id", "kcA")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "would delete: %s kt-old (run kcA;" % leftovers["old"] in dry.stdout
    assert "domains kt-sweep-old; deletion protection on)" in dry.stdout
    assert "keep (too young): %s kt-young" % leftovers["young"] in dry.stdout
    assert "kt-untagged" not in dry.stdout and "kt-other-run" not in dry.stdout
    assert "dry run: nothing deleted" in dry.stdout
    assert emulator.write_calls() == []
    assert pool_ids(emulator) == everything

    every_run = run_sweep(emulator, "--older-than", "%ds" % OLDER_THAN)
    assert "would delete: %s kt-other-run (run kcB;" % leftovers["other_run"] in every_run.stdout
    assert emulator.write_calls() == []

    deleted = run_sweep(emulator, "--older-than", "%ds" % OLDER_THAN, "--run-id", "kcA", "--delete")
    assert deleted.returncode == 0, deleted.stdout + deleted.stderr
    assert "deleted 1 of 1 user pool(s)" in deleted.stdout
    assert emulator.write_calls() == ["DeleteUserPoolDomain", "UpdateUserPool", "DeleteUserPool"]
    assert pool_ids(emulator) == sorted([leftovers["other_run"], leftovers["untagged"], leftovers["young"]])
    raw = emulator.client()
    assert raw.describe_user_pool_domain(Domain="kt-sweep-old")["DomainDescription"] == {}
    assert raw.list_tags_for_resource(ResourceArn=raw.describe_user_pool(UserPoolId=leftovers["young"])["UserPool"]["Arn"])["Tags"] == {TAG: "kcA"}

    everything_of_a = run_sweep(emulator, "--older-than", "0", "--run-id", "kcA", "--delete")
    assert everything_of_a.returncode == 0, everything_of_a.stdout + everything_of_a.stderr
    assert pool_ids(emulator) == sorted([leftovers["other_run"], leftovers["untagged"]])


@pytest.mark.emulator
def test_sweep_refuses_bad_arguments_and_the_test_hook(emulator):
    emulator.reset()
    bad_age = run_sweep(emulator, "--older-than", "6 hours")
    assert bad_age.returncode == 2 and "--older-than" in bad_age.stderr
    no_region = run_sweep(emulator, AWS_REGION="")
    assert no_region.returncode == 2 and "no region" in no_region.stderr
    with_hook = run_sweep(emulator, "--delete", PYTHONPATH=AWS_DIR, KALEIDO_COGNITO_AWS_TESTS="1")
    assert with_hook.returncode == 2 and "test hook" in with_hook.stderr
    assert emulator.calls() == []


@pytest.mark.unit
def test_sweep_ages():
    sweep = load("sweep")
    assert sweep.parse_age("0") == 0
    assert sweep.parse_age("90m") == 5400
    assert sweep.parse_age("6h") == 21600
    assert sweep.parse_age("2d") == 172800
    for text in ("6", "6 hours", "-1h", "h"):
        with pytest.raises(sweep.UsageError):
            sweep.parse_age(text)
