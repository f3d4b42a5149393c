# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs that start at the same time converge on one pool, one app client, one domain.

Cognito names are not unique, so runs that start together may each create a
pool (and an app client) of the same name.  Every run applies the rule of
plugins/module_utils/cognito.py (SETTLE_DELAYS): the oldest of a name wins, a
run deletes its own new one when it lost, and a look-up that finds several
waits for the losers to go.  Three runs start at the same moment (a barrier; the emulator answers
their look-ups together, so each creates), directly against the emulator and through the fault proxy
with throttling; afterwards there is exactly one of each, every run
succeeded, and the next run changes nothing and writes nothing.  The figures
(how many rounds really raced: more than one CreateUserPool) are printed at
the end.
"""

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.emulator.control import REGION
from tests.emulator.fault_proxy import FaultProxy
from tests.reliability.test_faults import direct_client
from tests.reliability.test_faults import inventory
from tests.reliability.test_faults import recap

pytestmark = [pytest.mark.reliability, pytest.mark.emulator]

HERE = os.path.dirname(os.path.abspath(__file__))
CREATES_PLAYBOOK = os.path.join(HERE, "playbooks", "creates.yml")
PROVIDER_PLAYBOOK = os.path.join(HERE, "playbooks", "provider.yml")
PREP_PLAYBOOK = "kaleido.cognito.kaleido_prep"
RUNS = 3
# One round per test: the emulator's lookup_gather knob makes every round
# race (each run creates), so a second round added time, not cases.
ROUNDS = 1
# ListUserPools / ListUserPoolClients / DescribeIdentityProvider answers are
# held until the three runs asked, or 5 seconds passed, then sent together
# (the emulator's lookup_gather knob): each run finds nothing and creates,
# however unevenly a loaded machine starts the three, so every round races.
GATHER = {"requests": RUNS, "seconds": 5}
ALONE = {"requests": 0, "seconds": 0}
RACES = {"user pools": 0, "app clients": 0, "rounds": 0}
THROTTLING = {"*": {"throttle": 0.25, "throttling": 0.1}}


def at_once(jobs):
    """Start the jobs (functions) at the same moment, in threads; their results in order."""
    barrier = threading.Barrier(len(jobs))

    def start(job):
        barrier.wait()
        return job()

    with ThreadPoolExecutor(max_workers=len(jobs)) as executor:
        return [future.result() for future in [executor.submit(start, job) for job in jobs]]


def count_races(calls):
    """Record whether the round raced; every round must have (more than one run created a user pool)."""
    RACES["rounds"] += 1
    RACES["user pools"] += int(calls.count("CreateUserPool") > 1)
    RACES["app clients"] += int(calls.count("CreateUserPoolClient") > 1)
    assert calls.count("CreateUserPool") > 1, "the runs did not race: {0}".format(calls)


def writes(calls):
    return [name for name in calls if not re.match("(Describe|List|Get)", name)]


def prep_variables(name, tmp_path, number):
    return {
        "kaleido_prep_pool_name": name,
        "kaleido_prep_domain_prefix": name + "-org",
        "kaleido_prep_region": REGION,
        "kaleido_prep_handoff_file": str(tmp_path / "handoff-{0}.yml".format(number)),
    }


def assert_one_of_each(emulator, name, domain=None):
    pools = inventory(emulator, name)
    assert len(pools) == 1, [pool["Id"] for pool in pools]
    clients = pools[0]["clients"]
    assert len(clients) == 1, clients
    if domain:
        assert pools[0].get("Domain") == domain
        assert direct_client(emulator).describe_user_pool_domain(Domain=domain)["DomainDescription"]["UserPoolId"] == pools[0]["Id"]
    return pools[0], clients[0]


def all_succeeded(results):
    for result in results:
        assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]


def assert_next_run_changes_nothing(emulator, run):
    """The run after the race, alone (its look-ups not held): changed=0 and not one write call."""
    emulator.configure(lookup_gather=ALONE)
    emulator.reset_calls()
    again = run()
    emulator.configure(lookup_gather=GATHER)
    assert again.returncode == 0 and recap(again)["changed"] == 0, again.stdout[-4000:]
    assert writes(emulator.calls()) == []


def test_three_cognito_user_pool_runs_at_once_leave_one_pool_and_one_client(emulator, run_playbook):
    emulator.reset()
    emulator.configure(lookup_gather=GATHER)
    for round_number in range(ROUNDS):
        name = "together-{0}".format(round_number)
        emulator.reset_calls()
        results = at_once([lambda: run_playbook(CREATES_PLAYBOOK, extra_vars={"reliability_name": name})] * RUNS)
        count_races(emulator.calls())
        all_succeeded(results)
        assert_one_of_each(emulator, name)
        assert_next_run_changes_nothing(emulator, lambda: run_playbook(CREATES_PLAYBOOK, extra_vars={"reliability_name": name}))


def test_three_cognito_app_client_runs_at_once_in_one_pool_leave_one_client(emulator, run_playbook):
    emulator.reset()
    emulator.configure(lookup_gather=GATHER)
    name = "clients-together"
    direct_client(emulator).create_user_pool(PoolName=name, UsernameAttributes=["email"])
    emulator.reset_calls()
    results = at_once([lambda: run_playbook(CREATES_PLAYBOOK, extra_vars={"reliability_name": name})] * RUNS)
    calls = emulator.calls()
    RACES["rounds"] += 1
    RACES["app clients"] += int(calls.count("CreateUserPoolClient") > 1)
    assert calls.count("CreateUserPoolClient") > 1, "the runs did not race: {0}".format(calls)
    all_succeeded(results)
    assert_one_of_each(emulator, name)
    assert_next_run_changes_nothing(emulator, lambda: run_playbook(CREATES_PLAYBOOK, extra_vars={"reliability_name": name}))


def test_three_cognito_identity_provider_runs_at_once_leave_one_provider(emulator, run_playbook):
    """Provider names are unique in a pool: the runs that lose the race (DuplicateProviderException) go on with it."""
    emulator.reset()
    pool_id = direct_client(emulator).create_user_pool(PoolName="providers-together")["UserPool"]["Id"]
    variables = {"reliability_pool_id": pool_id, "reliability_google_secret": "together-secret-0123456789"}
    emulator.configure(lookup_gather=GATHER)
    emulator.reset_calls()
    results = at_once([lambda: run_playbook(PROVIDER_PLAYBOOK, extra_vars=variables)] * RUNS)
    assert emulator.calls().count("CreateIdentityProvider") > 1, "the runs did not race"
    all_succeeded(results)
    providers = direct_client(emulator).list_identity_providers(UserPoolId=pool_id, MaxResults=60)["Providers"]
    assert [provider["ProviderName"] for provider in providers] == ["Google"]
    assert_next_run_changes_nothing(emulator, lambda: run_playbook(PROVIDER_PLAYBOOK, extra_vars=variables))


def test_three_kaleido_prep_runs_at_once_leave_one_pool_one_client_and_the_domain_on_it(emulator, run_playbook, tmp_path):
    emulator.reset()
    emulator.configure(lookup_gather=GATHER)
    for round_number in range(ROUNDS):
        name = "prep-together-{0}".format(round_number)
        emulator.reset_calls()
        results = at_once([lambda number=number: run_playbook(PREP_PLAYBOOK, extra_vars=prep_variables(name, tmp_path, number))
                           for number in range(RUNS)])
        count_races(emulator.calls())
        all_succeeded(results)
        pool, app = assert_one_of_each(emulator, name, name + "-org")
        # Every run handed off the survivors.
        for number in range(RUNS):
            handoff = (tmp_path / "handoff-{0}.yml".format(number)).read_text()
            assert pool["Id"] in handoff and app["ClientId"] in handoff
        assert_next_run_changes_nothing(emulator, lambda: run_playbook(PREP_PLAYBOOK, extra_vars=prep_variables(name, tmp_path, 0)))


def test_three_kaleido_prep_runs_at_once_while_requests_are_throttled_converge(emulator, run_playbook, tmp_path):
    emulator.reset()
    emulator.configure(lookup_gather=GATHER)
    with FaultProxy(emulator.endpoint_url) as proxy:
        for round_number in range(ROUNDS):
            name = "prep-throttled-{0}".format(round_number)
            proxy.configure(seed=700 + round_number, rules=THROTTLING)
            emulator.reset_calls()
            results = at_once([lambda number=number: run_playbook(PREP_PLAYBOOK, extra_vars=prep_variables(name, tmp_path, number),
                                                                  env={"AWS_ENDPOINT_URL": proxy.endpoint_url})
                               for number in range(RUNS)])
            count_races(emulator.calls())
            assert proxy.stats()["faulted"] > 0
            all_succeeded(results)
            assert_one_of_each(emulator, name, name + "-org")
            proxy.reset()
            assert_next_run_changes_nothing(emulator, lambda: run_playbook(
                PREP_PLAYBOOK, extra_vars=prep_variables(name, tmp_path, 0), env={"AWS_ENDPOINT_URL": proxy.endpoint_url}))


def test_a_pool_made_by_hand_with_the_same_name_is_never_deleted(emulator, run_playbook):
    """Two pools of one name that no run created: the run fails listing them, and both stay."""
    emulator.reset()
    emulator.configure(lookup_gather=ALONE)
    cognito = direct_client(emulator)
    made = sorted(cognito.create_user_pool(PoolName="by-hand")["UserPool"]["Id"] for dummy in range(2))
    result = run_playbook(CREATES_PLAYBOOK, extra_vars={"reliability_name": "by-hand"})
    assert result.returncode != 0
    assert "matches 2 user pools" in result.stdout + result.stderr
    assert sorted(pool["Id"] for pool in inventory(emulator, "by-hand")) == made


def merge_races(other):
    """Add the RACES of another process (pytest-xdist's workers, see tests/conftest.py)."""
    for key, count in other.items():
        RACES[key] += count


def pytest_terminal_summary_lines():
    if not RACES["rounds"]:
        return []
    return ["simultaneous runs: {0} rounds of {1} runs; rounds where more than one run created a user pool: {2},"
            " an app client: {3}; each round ended with one of each, and the next run changed nothing".format(
                RACES["rounds"], RUNS, RACES["user pools"], RACES["app clients"])]
