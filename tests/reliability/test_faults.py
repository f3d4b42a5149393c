# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Throttling, faults and interrupted runs: the collection keeps working and loses nothing.

Cognito's request-rate quotas are low and AWX runs many jobs side by side, so
throttling is normal weather.  Here every Cognito request of the modules goes
through the fault proxy (tests/emulator/fault_proxy.py, AWS_ENDPOINT_URL
points at it), which answers a seeded share of them with throttling errors,
HTTP 5xx or a dropped connection (before or after the emulator carried the
request out); see WEATHER in fault_fixtures.py.  The runs must still reach
the desired state, reruns must change nothing, and no user pool, app client
or domain may exist twice.  Runs that die half-way (a fault the modules must
not retry, or a lost answer with the look-up failing) are completed by the
next run without creating anything twice.

The figures (requests faulted, runs converged, duplicates) are printed at the
end of the pytest run.
"""

import functools
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
import yaml

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from tests.emulator.control import DUMMY_CREDENTIALS
from tests.emulator.control import REGION
from tests.emulator.fault_proxy import FaultProxy
from tests.emulator.fault_proxy import FaultProxyError
from tests.reliability.fault_fixtures import WEATHER

pytestmark = [pytest.mark.reliability, pytest.mark.emulator]

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES_PLAYBOOK = os.path.join(HERE, "playbooks", "modules.yml")
CREATES_PLAYBOOK = os.path.join(HERE, "playbooks", "creates.yml")
PREP_PLAYBOOK = "kaleido.cognito.kaleido_prep"
RANDOM_FAULTS = "runs under random faults"
INTERRUPTED = "interrupted runs completed by the next run"
CYCLES = "service-layer cycles under random faults"
READS = ("Describe", "List", "Get")
PREP_NAME, PREP_DOMAIN = "kaleido-faults", "kaleido-faults-org"
PREP_SEEDS = (11, 12, 13)
MODULE_SEEDS = (21, 22, 23)


# ------------------------------------------------------------------ helpers

def recap(result):
    match = re.search(r"localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", result.stdout)
    assert match, (result.stdout + result.stderr)[-5000:]
    return {"ok": int(match.group(1)), "changed": int(match.group(2)), "failed": int(match.group(3))}


def direct_client(emulator):
    """A client of the emulator itself, past the proxy (its own boto3 session: jobs run in threads)."""
    return boto3.session.Session().client("cognito-idp", region_name=REGION, endpoint_url=emulator.endpoint_url, **DUMMY_CREDENTIALS)


def inventory(emulator, name=None):
    """Every pool (DescribeUserPool), or those named ``name``, with their app clients, read past the proxy."""
    client = direct_client(emulator)
    pools = []
    for item in client.list_user_pools(MaxResults=60)["UserPools"]:
        if name is not None and item["Name"] != name:
            continue
        pool = client.describe_user_pool(UserPoolId=item["Id"])["UserPool"]
        pool["clients"] = client.list_user_pool_clients(UserPoolId=item["Id"], MaxResults=60)["UserPoolClients"]
        pools.append(pool)
    return pools


def duplicates(pools):
    """User pools, app clients (per pool) and domains beyond one of a name."""
    extra = 0
    for counts in [Counter(pool["Name"] for pool in pools), Counter(pool["Domain"] for pool in pools if pool.get("Domain"))]:
        extra += sum(count - 1 for count in counts.values())
    for pool in pools:
        extra += sum(count - 1 for count in Counter(item["ClientName"] for item in pool["clients"]).values())
    return extra


def writes(emulator):
    return [name for name in emulator.calls() if not name.startswith(READS)]


def write_requests(stats):
    """Write operations that reached the proxy (faulted or not)."""
    return sorted(name for name in stats["operations"] if not name.startswith(READS))


def prep_variables(name, prefix, handoff, **extra):
    variables = {
        "kaleido_prep_pool_name": name,
        "kaleido_prep_domain_prefix": prefix,
        "kaleido_prep_region": REGION,
        "kaleido_prep_handoff_file": str(handoff),
    }
    variables.update(extra)
    return variables


def prep_converged(emulator, handoff, name=PREP_NAME, prefix=PREP_DOMAIN):
    """True when there is exactly the kaleido_prep result: one pool, one client, one domain, a matching handoff file."""
    pools = inventory(emulator, name)
    if len(pools) != 1 or len(pools[0]["clients"]) != 1 or pools[0].get("Domain") != prefix:
        return False
    pool = pools[0]
    app = direct_client(emulator).describe_user_pool_client(UserPoolId=pool["Id"], ClientId=pool["clients"][0]["ClientId"])["UserPoolClient"]
    data = yaml.safe_load(handoff.read_text()) if handoff.exists() else {}
    return data == {
        "region": REGION,
        "user_pool_id": pool["Id"],
        "user_pool_arn": pool["Arn"],
        "client_id": app["ClientId"],
        "client_secret": app["ClientSecret"],
        "cognito_domain": "{0}.auth.{1}.amazoncognito.com".format(prefix, REGION),
        "user_pool_name": name,
        "client_name": "kaleido",
    }


def modules_converged(emulator, name, domain):
    """True when playbooks/modules.yml's resources exist once each, with their updates."""
    pools = inventory(emulator, name)
    if len(pools) != 1 or len(pools[0]["clients"]) != 1 or pools[0].get("Domain") != domain:
        return False
    pool = pools[0]
    attributes = {item["Name"] for item in pool["SchemaAttributes"]}
    app = direct_client(emulator).describe_user_pool_client(UserPoolId=pool["Id"], ClientId=pool["clients"][0]["ClientId"])["UserPoolClient"]
    return bool(
        pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
        and {"custom:team", "custom:tier"} <= attributes
        and pool["UserPoolTags"] == {"purpose": "reliability"}
        and app["ClientName"] == "web"
        and app.get("ClientSecret")
        and app.get("CallbackURLs") == ["https://reliability.example.com/cb"]
    )


class Phase:
    """One ansible-playbook run of a job: its result, what went through its proxy, what it left."""

    def __init__(self, label, result, stats, converged, found):
        self.label = label
        self.result = result
        self.output = result.stdout + result.stderr
        self.stats = stats
        self.converged = converged
        self.duplicates = found


def side_by_side(jobs):
    """Run the jobs (functions returning lists of Phase) at the same time, as AWX runs jobs; their phases, in job order."""
    with ThreadPoolExecutor(max_workers=len(jobs)) as executor:
        futures = [executor.submit(job) for job in jobs]
        return [future.result() for future in futures]


@pytest.fixture
def prep(run_playbook, faults, tmp_path):
    """Run the kaleido_prep playbook through the fault proxy."""
    handoff = tmp_path / "handoff.yml"

    def run(**extra_vars):
        result = run_playbook(PREP_PLAYBOOK, extra_vars=prep_variables(PREP_NAME, PREP_DOMAIN, handoff, **extra_vars),
                              env={"AWS_ENDPOINT_URL": faults.endpoint_url})
        result.output = result.stdout + result.stderr
        return result

    run.handoff = handoff
    return run


@pytest.fixture
def modules(run_playbook, faults):
    """Run playbooks/modules.yml through the fault proxy."""

    def run(state, name="reliability-pool", domain="reliability-org"):
        variables = {"reliability_state": state, "reliability_name": name, "reliability_domain": domain}
        result = run_playbook(MODULES_PLAYBOOK, extra_vars=variables, env={"AWS_ENDPOINT_URL": faults.endpoint_url})
        result.output = result.stdout + result.stderr
        return result

    return run


# ------------------------------------------------------- the proxy itself

def proxied_client(proxy):
    return boto3.client("cognito-idp", region_name=REGION, endpoint_url=proxy.endpoint_url, config=cognito.client_config(), **DUMMY_CREDENTIALS)


def outcomes(client, count):
    result = []
    for dummy in range(count):
        try:
            client.list_user_pools(MaxResults=10)
            result.append("ok")
        except client.exceptions.ClientError as e:
            result.append(e.response["Error"]["Code"])
        except Exception as e:  # pylint: disable=broad-except
            result.append(type(e).__name__)
    return result


def test_the_proxy_faults_the_same_requests_for_the_same_seed_and_about_the_chosen_share(faults):
    client = proxied_client(faults)
    faults.configure(seed=5, rules={"*": {"throttle": 0.2, "503": 0.1, "drop_before": 0.1}})
    first = outcomes(client, 300)
    stats = faults.stats()
    faults.configure(seed=5, rules={"*": {"throttle": 0.2, "503": 0.1, "drop_before": 0.1}})
    assert outcomes(client, 300) == first
    assert stats["requests"] == 300
    assert 0.3 <= stats["faulted"] / 300.0 <= 0.5
    assert set(first) == {"ok", "TooManyRequestsException", "503", "ConnectionClosedError"}
    assert stats["operations"]["ListUserPools"]["faulted"]["throttle"] == first.count("TooManyRequestsException")


def test_a_once_rule_fails_exactly_the_chosen_call_once_and_max_faults_bounds_the_random_ones(faults):
    client = proxied_client(faults)
    faults.configure(seed=1, once=[{"operation": "ListUserPools", "call": 3, "kind": "error", "code": "NotAuthorizedException"}])
    assert outcomes(client, 5) == ["ok", "ok", "NotAuthorizedException", "ok", "ok"]
    faults.configure(seed=1, rules={"*": {"throttle": 1.0}}, max_faults=4)
    assert outcomes(client, 6) == ["TooManyRequestsException"] * 4 + ["ok", "ok"]


def test_the_proxy_refuses_a_configuration_it_cannot_honour(faults):
    for config in ({"rules": {"*": {"throttle": 0.7, "500": 0.5}}}, {"rules": {"*": {"meteor": 0.1}}}, {"once": [{"operation": "X", "kind": "error"}]}):
        with pytest.raises(FaultProxyError, match="400"):
            faults.configure(**config)


def test_drop_after_carries_the_request_out_and_loses_the_answer_so_botocore_retries_make_a_second_pool(faults, emulator):
    """Why creates must not be retried blindly: botocore's default retries turn one lost answer into two pools."""
    faults.configure(once=[{"operation": "CreateUserPool", "call": 1, "kind": "drop_after"}])
    default = boto3.client("cognito-idp", region_name=REGION, endpoint_url=faults.endpoint_url, **DUMMY_CREDENTIALS)
    default.create_user_pool(PoolName="blind-retry")
    assert [pool["Name"] for pool in inventory(emulator)] == ["blind-retry", "blind-retry"]


RETRY_SETTINGS = [
    ("aws_config", {"reliability_aws_config": {"retries": {"max_attempts": 5, "mode": "standard"}}}, {}),
    ("AWS_MAX_ATTEMPTS", {}, {"AWS_MAX_ATTEMPTS": "5", "AWS_RETRY_MODE": "standard"}),
    ("AWS config file", {}, {"AWS_CONFIG_FILE": "max_attempts = 5\nretry_mode = standard\n"}),
]


@pytest.mark.parametrize("label, extra_vars, env", RETRY_SETTINGS, ids=[item[0] for item in RETRY_SETTINGS])
def test_no_retry_setting_of_the_user_makes_a_create_whose_answer_was_lost_run_twice(
        label, extra_vars, env, faults, emulator, run_playbook, tmp_path):
    """The user's aws_config, AWS_MAX_ATTEMPTS or the AWS config file's max_attempts do not turn botocore's retries back on."""
    env = dict(env)
    if "AWS_CONFIG_FILE" in env:
        config_file = tmp_path / "aws-config"
        config_file.write_text("[default]\n" + env["AWS_CONFIG_FILE"])
        env["AWS_CONFIG_FILE"] = str(config_file)
    faults.configure(once=[{"operation": operation, "call": 1, "kind": "drop_after"} for operation in ("CreateUserPool", "CreateUserPoolClient")])
    env["AWS_ENDPOINT_URL"] = faults.endpoint_url
    result = run_playbook(CREATES_PLAYBOOK, extra_vars=dict(extra_vars, reliability_name="lost-" + label.replace(" ", "-")), env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    stats = faults.stats()
    assert stats["by_kind"] == {"drop_after": 2}
    # Each create was sent once: the lost answer was recovered by looking the resource up, not by sending it again.
    assert stats["operations"]["CreateUserPool"]["requests"] == 1
    assert stats["operations"]["CreateUserPoolClient"]["requests"] == 1
    pools = inventory(emulator)
    assert [pool["Name"] for pool in pools] == ["lost-" + label.replace(" ", "-")]
    assert [item["ClientName"] for item in pools[0]["clients"]] == ["web"]


def test_the_proxy_stops_by_itself_after_its_lifetime_and_after_its_request_cap(emulator):
    with FaultProxy(emulator.endpoint_url, max_lifetime=1.0) as short:
        assert short.wait(timeout=10) == 0
    with FaultProxy(emulator.endpoint_url, max_requests=2) as capped:
        assert outcomes(proxied_client(capped), 3)[:2] == ["ok", "ok"]
        assert capped.wait(timeout=10) == 0


# ------------------------------------------------- the service layer, in bulk

def test_service_layer_cycles_under_random_faults_create_everything_once_and_remove_it(faults, emulator, figures, monkeypatch):
    """Create, update and delete pools, clients and domains many times, in process, through the proxy.

    The waits between retries are scaled down 50 times here (the policy is the
    same; the suite's playbook runs below use the real waits).
    """
    monkeypatch.setattr(cognito, "THROTTLED_BASE_DELAY", cognito.THROTTLED_BASE_DELAY / 50)
    monkeypatch.setattr(cognito, "BASE_DELAY", cognito.BASE_DELAY / 50)
    monkeypatch.setattr(cognito, "MAX_DELAY", cognito.MAX_DELAY / 50)
    client = proxied_client(faults)
    direct = emulator.client()
    faults.configure(seed=2024, rules=WEATHER)
    cycles, converged, found = 25, 0, 0
    for cycle in range(cycles):
        name = "cycle-{0}".format(cycle)
        cycle_ok = False
        try:
            pool = cognito.create_user_pool(
                client, PoolName=name, UsernameAttributes=["email"],
                Schema=[{"Name": "team", "AttributeDataType": "String", "Mutable": True}],
            )
            cognito.add_custom_attributes(client, pool["Id"], [{"Name": "tier", "AttributeDataType": "String"}])
            cognito.update_user_pool(client, UserPoolId=pool["Id"], Policies={"PasswordPolicy": {"MinimumLength": 12}})
            app = cognito.create_user_pool_client(client, UserPoolId=pool["Id"], ClientName="web", GenerateSecret=True)
            cognito.update_user_pool_client(client, UserPoolId=pool["Id"], ClientId=app["ClientId"], ClientName="web",
                                            CallbackURLs=["https://cycle.example.com/cb"])
            cognito.create_user_pool_domain(client, UserPoolId=pool["Id"], Domain=name)
            pools = inventory(emulator)
            found += duplicates(pools)
            created = (
                len(pools) == 1
                and pools[0]["Domain"] == name
                and [item["ClientName"] for item in pools[0]["clients"]] == ["web"]
                and "custom:tier" in {item["Name"] for item in pools[0]["SchemaAttributes"]}
                and pools[0]["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
                and direct.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=app["ClientId"])["UserPoolClient"]["CallbackURLs"]
                == ["https://cycle.example.com/cb"]
            )
            cognito.delete_user_pool_domain(client, pool["Id"], name)
            cognito.delete_user_pool_client(client, pool["Id"], app["ClientId"])
            cognito.delete_user_pool(client, pool["Id"])
            cycle_ok = created and inventory(emulator) == []
        except cognito.AnsibleCognitoError:
            found += duplicates(inventory(emulator))
        # Whatever a failed cycle left behind goes, so that the next one starts empty.
        for leftover in inventory(emulator):
            if leftover.get("Domain"):
                direct.delete_user_pool_domain(UserPoolId=leftover["Id"], Domain=leftover["Domain"])
            direct.delete_user_pool(UserPoolId=leftover["Id"])
        converged += int(cycle_ok)
        figures.run(CYCLES, cycle_ok)
    figures.duplicates += found
    stats = faults.stats()
    assert stats["faulted"] / float(stats["requests"]) > 0.35
    assert stats["by_kind"].get("drop_after", 0) > 10
    assert found == 0
    assert converged == cycles


# ------------------------------------------------------- playbook runs
#
# Each job has its own proxy with its own seed, so that its faults do not
# depend on how the jobs interleave: the jobs run side by side, and each one
# meets the same faults every time.

def prep_job(emulator, run_playbook, tmp_path, seed):
    """kaleido_prep under random faults: first run, rerun, teardown."""
    name, prefix = "kaleido-faults-{0}".format(seed), "kaleido-faults-org-{0}".format(seed)
    handoff = tmp_path / "handoff-{0}.yml".format(seed)
    runs = [("first run", {}), ("rerun", {}), ("teardown", {"kaleido_prep_state": "absent", "kaleido_prep_deletion_protection": False})]
    phases = []
    with FaultProxy(emulator.endpoint_url) as proxy:
        for number, (label, extra) in enumerate(runs):
            proxy.configure(seed=seed * 10 + number, rules=WEATHER)
            result = run_playbook(PREP_PLAYBOOK, extra_vars=prep_variables(name, prefix, handoff, **extra), env={"AWS_ENDPOINT_URL": proxy.endpoint_url})
            pools = inventory(emulator, name)
            if label == "teardown":
                converged = result.returncode == 0 and pools == [] and not handoff.exists()
            else:
                converged = result.returncode == 0 and prep_converged(emulator, handoff, name, prefix)
            phases.append(Phase(label, result, proxy.stats(), converged, duplicates(pools)))
    return phases


def modules_job(emulator, run_playbook, seed):
    """playbooks/modules.yml under random faults: present, present again, absent."""
    name, domain = "reliability-pool-{0}".format(seed), "reliability-org-{0}".format(seed)
    phases = []
    with FaultProxy(emulator.endpoint_url) as proxy:
        for number, (label, state) in enumerate([("first run", "present"), ("rerun", "present"), ("teardown", "absent")]):
            proxy.configure(seed=seed * 10 + number, rules=WEATHER)
            variables = {"reliability_state": state, "reliability_name": name, "reliability_domain": domain}
            result = run_playbook(MODULES_PLAYBOOK, extra_vars=variables, env={"AWS_ENDPOINT_URL": proxy.endpoint_url})
            pools = inventory(emulator, name)
            if state == "absent":
                converged = result.returncode == 0 and pools == []
            else:
                converged = result.returncode == 0 and modules_converged(emulator, name, domain)
            phases.append(Phase(label, result, proxy.stats(), converged, duplicates(pools)))
    return phases


def record(figures, jobs):
    for phases in jobs:
        for phase in phases:
            figures.add_traffic(phase.stats)
            figures.run(RANDOM_FAULTS, phase.converged)
            figures.duplicates += phase.duplicates


def assert_converged_reran_unchanged_and_removed(phases):
    for phase in phases:
        assert phase.result.returncode == 0, "{0}: {1}".format(phase.label, phase.output[-6000:])
        assert phase.duplicates == 0, phase.label
        assert phase.converged, phase.label
    assert sum(phase.stats["faulted"] for phase in phases) > 0
    rerun = phases[1]
    assert recap(rerun.result)["changed"] == 0
    assert write_requests(rerun.stats) == []


def test_kaleido_prep_jobs_side_by_side_under_random_faults_converge_rerun_unchanged_and_tear_down(emulator, run_playbook, figures, tmp_path):
    emulator.reset()
    jobs = side_by_side([functools.partial(prep_job, emulator, run_playbook, tmp_path, seed) for seed in PREP_SEEDS])
    record(figures, jobs)
    for phases in jobs:
        assert_converged_reran_unchanged_and_removed(phases)
    assert inventory(emulator) == []


def test_every_module_side_by_side_under_random_faults_creates_updates_and_deletes_exactly_once(emulator, run_playbook, figures):
    emulator.reset()
    jobs = side_by_side([functools.partial(modules_job, emulator, run_playbook, seed) for seed in MODULE_SEEDS])
    record(figures, jobs)
    for phases in jobs:
        assert_converged_reran_unchanged_and_removed(phases)
        assert {"CreateUserPool", "AddCustomAttributes", "UpdateUserPool", "CreateUserPoolClient", "UpdateUserPoolClient",
                "CreateUserPoolDomain"} <= set(write_requests(phases[0].stats))
        assert {"DeleteUserPoolDomain", "DeleteUserPoolClient", "DeleteUserPool"} <= set(write_requests(phases[2].stats))
    assert inventory(emulator) == []


def test_lost_answers_to_every_create_are_adopted_within_the_run(prep, faults, emulator):
    faults.configure(once=[{"operation": operation, "call": 1, "kind": "drop_after"}
                           for operation in ("CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain")])
    result = prep()
    assert result.returncode == 0, result.output[-6000:]
    assert faults.stats()["by_kind"] == {"drop_after": 3}
    assert sorted(writes(emulator)) == ["CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain", "CreateUserPoolDomain"]
    assert prep_converged(emulator, prep.handoff)


# ------------------------------------------------ errors that end a run

def test_a_non_retryable_error_is_not_retried_and_fails_naming_the_operation(modules, faults, emulator):
    faults.configure(once=[{"operation": "CreateUserPool", "call": 1, "kind": "error", "code": "InvalidParameterException"}])
    result = modules("present")
    assert result.returncode != 0
    assert faults.stats()["operations"]["CreateUserPool"]["requests"] == 1
    assert "Failed to create user pool: An error occurred (InvalidParameterException) when calling the CreateUserPool operation" in result.output
    assert "attempts (the retries ran out)" not in result.output
    assert inventory(emulator) == []


# ------------------------------------------------------ interrupted runs
#
# Each run is cut short by a fault it cannot get past, then run again without
# faults.  (label, once rules, app clients left, domain left, the failure.)
INTERRUPTIONS = [
    # The run dies after the pool was created, before the app client.
    ("refused-client", [{"operation": "CreateUserPoolClient", "call": 1, "kind": "error", "code": "LimitExceededException"}],
     0, False, "Failed to create user pool client: An error occurred (LimitExceededException)"),
    # The client is created but its answer lost, and every look-up for it fails until the retries run out:
    # the run dies with the client made, naming the operation and the attempts.
    ("lost-client-retries-ran-out", [{"operation": "CreateUserPoolClient", "call": 1, "kind": "drop_after"}]
     + [{"operation": "ListUserPoolClients", "call": call, "kind": "503"} for call in range(2, cognito.ATTEMPTS + 2)],
     1, False, "Failed to list user pool clients after {0} attempts (the retries ran out)".format(cognito.ATTEMPTS)),
    # The run dies after the client, before the domain.
    ("refused-domain", [{"operation": "CreateUserPoolDomain", "call": 1, "kind": "error", "code": "LimitExceededException"}],
     1, False, "Failed to create user pool domain: An error occurred (LimitExceededException)"),
    # The domain is created but its answer lost, and the check whose pool it is refused (the role's prefix check and the
    # module's read came first): the run dies with the domain made.
    ("lost-domain", [{"operation": "CreateUserPoolDomain", "call": 1, "kind": "drop_after"},
                     {"operation": "DescribeUserPoolDomain", "call": 3, "kind": "error", "code": "NotAuthorizedException"}],
     1, True, "Failed to describe user pool domain: An error occurred (NotAuthorizedException)"),
]


def interrupted_job(emulator, run_playbook, tmp_path, number, once):
    """kaleido_prep cut short by the ``once`` faults, then run again without faults."""
    name, prefix = "kaleido-cut-{0}".format(number), "kaleido-cut-org-{0}".format(number)
    handoff = tmp_path / "handoff-cut-{0}.yml".format(number)
    variables = prep_variables(name, prefix, handoff)
    with FaultProxy(emulator.endpoint_url) as proxy:
        proxy.configure(once=once)
        broken = run_playbook(PREP_PLAYBOOK, extra_vars=variables, env={"AWS_ENDPOINT_URL": proxy.endpoint_url})
        broken.output = broken.stdout + broken.stderr
        broken.stats = proxy.stats()
        broken.left = inventory(emulator, name)
        proxy.reset()
        again = run_playbook(PREP_PLAYBOOK, extra_vars=variables, env={"AWS_ENDPOINT_URL": proxy.endpoint_url})
        again.output = again.stdout + again.stderr
        again.stats = proxy.stats()
        again.converged = again.returncode == 0 and prep_converged(emulator, handoff, name, prefix)
        again.duplicates = duplicates(inventory(emulator, name))
    return broken, again, prefix


def test_interrupted_runs_are_completed_by_the_next_run_without_a_second_pool_client_or_domain(emulator, run_playbook, figures, tmp_path):
    emulator.reset()
    jobs = side_by_side([functools.partial(interrupted_job, emulator, run_playbook, tmp_path, number, once)
                         for number, (dummy, once, dummy, dummy, dummy) in enumerate(INTERRUPTIONS)])
    for broken, again, dummy in jobs:
        figures.add_traffic(broken.stats)
        figures.add_traffic(again.stats)
        figures.run(INTERRUPTED, again.converged)
        figures.duplicates += again.duplicates
    for (label, dummy, clients, has_domain, failure), (broken, again, prefix) in zip(INTERRUPTIONS, jobs):
        assert broken.returncode != 0, label
        assert failure in broken.output, "{0}: {1}".format(label, broken.output[-4000:])
        left = broken.left
        assert len(left) == 1 and len(left[0]["clients"]) == clients and left[0].get("Domain") == (prefix if has_domain else None), label
        assert again.returncode == 0, "{0}: {1}".format(label, again.output[-6000:])
        assert again.duplicates == 0, label
        assert again.converged, label
        expected = (["CreateUserPoolClient"] if clients == 0 else []) + ([] if has_domain else ["CreateUserPoolDomain"])
        assert write_requests(again.stats) == expected, label
    assert duplicates(inventory(emulator)) == 0
