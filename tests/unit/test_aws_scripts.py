# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""scripts/test-aws refusals, its call log (tests/aws/call_log.py) and the sweep (tests/aws/sweep.py).

test-aws itself cannot run against the emulator (it refuses any
AWS_ENDPOINT_URL); its refusals are checked here with a local socket standing
in for AWS (as the endpoint and as the HTTPS proxy), which must see no
connection.  The call log and the sweep run against the emulator.
"""

import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time

import botocore.config
import botocore.session
import pytest

from tests.aws import call_log
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


# The call log (tests/aws/call_log.py), against the emulator.


@pytest.fixture(scope="module")
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def logged(emulator, tmp_path, monkeypatch):
    """The call log's listener; its environment in this process; a factory of clients whose calls it logs."""
    emulator.reset()
    log = tmp_path / "calls.log"
    log.write_text("")
    with call_log.running(log) as env:
        for name, value in dict(env, AWS_ENDPOINT_URL=emulator.endpoint_url).items():
            monkeypatch.setenv(name, value)

        def client(config=None):
            # botocore reads AWS_CSM_* when a session creates its first client.
            return botocore.session.Session().create_client(
                "cognito-idp", region_name="us-east-1", endpoint_url=emulator.endpoint_url, config=config,
                aws_access_key_id="AKIAEMULATOR00000000", aws_secret_access_key="emulator-secret-key")

        yield client, log


def logged_operations():
    return [operation for operation, dummy in call_log.take()]


@pytest.mark.emulator
def test_call_log_logs_each_cognito_call_like_the_emulator(logged, emulator):
    client = logged[0]()
    emulator.reset_calls()
    pool = client.create_user_pool(PoolName="kt-log", UserPoolTags={"Project": "kaleido"})["UserPool"]
    client.describe_user_pool(UserPoolId=pool["Id"])
    created = client.create_user_pool_client(UserPoolId=pool["Id"], ClientName="c")["UserPoolClient"]
    client.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=10)
    client.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=created["ClientId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_user_pool(UserPoolId="us-east-1_doesnotexist")
    with pytest.raises(botocore.exceptions.ParamValidationError):
        client.describe_user_pool()  # refused by botocore: never sent, never logged
    logged_now = logged_operations()
    assert logged_now == ["CreateUserPool", "DescribeUserPool", "CreateUserPoolClient", "ListUserPoolClients",
                          "DeleteUserPoolClient", "DescribeUserPool"]
    assert logged_now == emulator.calls()
    assert logged_operations() == []  # take empties the log
    # Only observed: the pool got what was asked, nothing more.
    assert emulator.client().list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"Project": "kaleido"}


@pytest.mark.unit
def test_call_log_keeps_only_cognito_api_calls():
    line = call_log.log_line(json.dumps({"Version": 1, "Type": "ApiCall", "Service": "Cognito Identity Provider",
                                         "Api": "CreateUserPool", "UserAgent": "Boto3/1.0  app/run-1"}).encode())
    assert line == "CreateUserPool\tBoto3/1.0 app/run-1\n"
    for event in ({"Type": "ApiCallAttempt", "Service": "Cognito Identity Provider", "Api": "CreateUserPool"},
                  {"Type": "ApiCall", "Service": "STS", "Api": "GetCallerIdentity"}):
        assert call_log.log_line(json.dumps(event).encode()) is None
    assert call_log.log_line(b"not json") is None


@pytest.mark.emulator
def test_the_calls_lookup_tells_apart_the_runs_of_a_looped_task_on_the_emulator_and_in_the_call_log(logged, emulator, monkeypatch):
    """A run's tag is app/<tag> in its User-Agent (aws_config's user_agent_extra, with amazon.aws's own User-Agent)."""
    new_client, log = logged
    spec = importlib.util.spec_from_file_location("emulator_calls", os.path.join(ROOT, "tests", "integration", "lookup_plugins", "emulator_calls.py"))
    lookup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lookup)

    def client(tag=None):
        return new_client(botocore.config.Config(user_agent="APN/1.0 Ansible/2.19.0 kaleido.cognito/1.0.0",
                                                 user_agent_extra="app/" + tag if tag else None))

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
    assert log.read_text() == ""
    monkeypatch.delenv("KALEIDO_COGNITO_CALL_LOG")
    assert lookup.LookupModule().run(["take"]) == [expected]  # from the emulator, which it resets
    assert emulator.calls() == []


@pytest.mark.unit
def test_tests_aws_installs_nothing_into_python_startup(tmp_path):
    """Nothing in tests/aws runs when Python starts, and test-aws puts nothing on PYTHONPATH: the modules run as users run them."""
    startup = [name for name in os.listdir(AWS_DIR) if name in ("sitecustomize.py", "usercustomize.py") or name.endswith(".pth")]
    assert startup == []
    with open(TEST_AWS, encoding="utf-8") as script:
        assert "PYTHONPATH" not in script.read()
    code = "import sys; print([m.__name__ for m in list(sys.modules.values()) if (getattr(m, '__file__', None) or '').startswith(sys.argv[1])])"
    env = dict(os.environ, PYTHONPATH=AWS_DIR, KALEIDO_COGNITO_AWS_TESTS="1", KALEIDO_TEST_RUN_ID="kcstart1")
    result = subprocess.run([sys.executable, "-c", code, AWS_DIR], env=env, capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


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
def test_sweep_refuses_bad_arguments(emulator):
    emulator.reset()
    bad_age = run_sweep(emulator, "--older-than", "6 hours")
    assert bad_age.returncode == 2 and "--older-than" in bad_age.stderr
    no_region = run_sweep(emulator, AWS_REGION="")
    assert no_region.returncode == 2 and "no region" in no_region.stderr
    assert emulator.calls() == []


@pytest.mark.unit
def test_sweep_prints_the_run_tags_that_test_aws_gives_the_pools(capsys):
    assert load("sweep").main(["--run-tags", "kcA"]) == 0
    assert json.loads(capsys.readouterr().out) == {TAG: "kcA"}


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
