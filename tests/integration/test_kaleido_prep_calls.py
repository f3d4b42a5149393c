# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""kaleido_prep's dry run, its check of the domain prefix before anything is
created, and the Cognito calls of its reruns (by name, with known ids, with
stale ids, among 1000 other pools), counted by the emulator."""

import pytest
import yaml

from tests.integration.test_kaleido_prep import prep  # noqa: F401  pylint: disable=unused-import
from tests.integration.test_kaleido_prep import recap
from tests.integration.test_kaleido_prep import succeeded

pytestmark = pytest.mark.integration

PREFIX = "kaleido-test-org"
FQDN = PREFIX + ".auth.us-east-1.amazoncognito.com"


def pools_named(client, name):
    return [pool for pool in client.list_user_pools(MaxResults=60)["UserPools"] if pool["Name"] == name]


def summary(result):
    """The lines of the role's last message (what to paste into the Kaleido console)."""
    marker = 'Show what to paste into the Kaleido console'
    assert marker in result.stdout, result.output[-5000:]
    tail = result.stdout.split(marker, 1)[1]
    return tail.split("PLAY RECAP", 1)[0]


def take_prefix_in_another_pool(emulator):
    """Another pool (another team, another account for all the role knows) holds the prefix."""
    client = emulator.client()
    other = client.create_user_pool(PoolName="someone-else")["UserPool"]
    client.create_user_pool_domain(UserPoolId=other["Id"], Domain=PREFIX)
    emulator.reset_calls()
    return other


def test_check_mode_on_an_empty_account_reports_pool_client_and_domain_with_one_domain_read_and_no_write(prep, emulator):
    result = succeeded(prep("--check", "--diff"))
    assert result.writes == []
    assert recap(result)["changed"] == 3
    # One listing (the pool by name) and one read of the prefix (cognito_domain, pending_user_pool).
    assert result.calls == ["ListUserPools", "DescribeUserPoolDomain"]
    # Nothing that needs the pool (it does not exist): no id is made up.
    assert not any(name in result.calls for name in ("DescribeUserPool", "ListUserPoolClients", "DescribeUserPoolClient"))
    text = summary(result)
    assert 'a real run would create the user pool kaleido-test, create the app client kaleido, create the domain {0}'.format(FQDN) in text
    assert "(created when run without check mode)" in text
    # The predicted values are in the diff of each task.
    assert '"username_attributes": [' in result.stdout and '"client_name": "kaleido"' in result.stdout
    assert '"domain": "{0}"'.format(PREFIX) in result.stdout
    assert pools_named(emulator.client(), "kaleido-test") == []
    assert not prep.handoff.exists()


def test_check_mode_on_a_taken_prefix_fails_as_not_available_with_no_write(prep, emulator):
    other = take_prefix_in_another_pool(emulator)
    result = prep("--check")
    assert result.returncode != 0
    assert "not available" in result.output and other["Id"] in result.output
    assert result.writes == []


def test_real_run_on_a_taken_prefix_fails_before_creating_anything(prep, emulator):
    other = take_prefix_in_another_pool(emulator)
    result = prep()
    assert result.returncode != 0
    assert "not available" in result.output and other["Id"] in result.output
    assert result.writes == []
    assert pools_named(emulator.client(), "kaleido-test") == []
    assert emulator.client().describe_user_pool_domain(Domain=PREFIX)["DomainDescription"]["UserPoolId"] == other["Id"]


def test_reruns_of_a_converged_account_change_nothing_with_the_fewest_reads(prep, emulator):
    """One first run, then each kind of rerun on it (one ansible-playbook launch each, no first run per case).

    With the handoff file: 3 reads. Check mode --diff: no change, and the
    summary says so. By name (no handoff file): 5 reads. With the client id
    in a variable: the pool by name, the client by id; with both ids: 3 reads.
    Among 1000 other pools, with the handoff file: the same 3 reads.
    """
    first = succeeded(prep())
    # Three module runs. The pool module looks the pool up, checks the prefix, creates the pool and looks for a pool
    # of the same name that a simultaneous run made. The new pool has no client or domain yet (new_user_pool): the
    # client module creates the client and looks for one that a simultaneous run made; the domain module creates
    # the domain and reads it until it is ACTIVE.
    assert first.calls == ["ListUserPools", "DescribeUserPoolDomain", "CreateUserPool", "ListUserPools",
                           "CreateUserPoolClient", "ListUserPoolClients", "CreateUserPoolDomain", "DescribeUserPoolDomain"]
    handoff = yaml.safe_load(prep.handoff.read_text())
    known_ids = ["DescribeUserPool", "DescribeUserPoolClient", "DescribeUserPoolDomain"]

    result = succeeded(prep())
    assert recap(result)["changed"] == 0
    assert sorted(result.calls) == known_ids
    assert yaml.safe_load(prep.handoff.read_text())["cognito_domain"] == FQDN

    result = succeeded(prep("--check", "--diff"))
    assert recap(result)["changed"] == 0
    assert result.writes == []
    assert "a real run would change nothing" in summary(result)

    result = succeeded(prep(kaleido_prep_handoff_file=""))
    assert recap(result)["changed"] == 0
    # The pool already has the prefix (DescribeUserPool says so): the pool module does not read it again.
    assert result.calls == ["ListUserPools", "DescribeUserPool", "ListUserPoolClients", "DescribeUserPoolClient", "DescribeUserPoolDomain"]

    result = succeeded(prep(kaleido_prep_handoff_file="", kaleido_prep_client_id=handoff["client_id"]))
    # Without the pool id, the pool is found by name; the client by its id.
    assert sorted(result.calls) == sorted(["ListUserPools"] + known_ids)
    result = succeeded(prep(kaleido_prep_handoff_file="", kaleido_prep_user_pool_id=handoff["user_pool_id"],
                            kaleido_prep_client_id=handoff["client_id"]))
    assert recap(result)["changed"] == 0
    assert sorted(result.calls) == known_ids

    client = emulator.client()
    for index in range(1000):
        client.create_user_pool(PoolName="other-{0:04d}".format(index))
    result = succeeded(prep())
    assert recap(result)["changed"] == 0
    assert sorted(result.calls) == known_ids


def test_a_handoff_file_of_another_pool_name_or_region_is_not_used(prep, emulator, tmp_path):
    succeeded(prep())
    data = yaml.safe_load(prep.handoff.read_text())
    for change in ({"user_pool_name": "another-pool"}, {"region": "eu-west-1"}):
        prep.handoff.write_text(yaml.safe_dump(dict(data, **change)))
        result = succeeded(prep())
        assert "ListUserPools" in result.calls, change
        assert recap(result)["changed"] == 1, change  # only the handoff file, written again
    assert yaml.safe_load(prep.handoff.read_text()) == data


def test_stale_client_id_falls_back_to_the_name(prep, emulator):
    succeeded(prep())
    data = yaml.safe_load(prep.handoff.read_text())
    client = emulator.client()
    client.delete_user_pool_client(UserPoolId=data["user_pool_id"], ClientId=data["client_id"])
    result = succeeded(prep())
    assert result.writes == ["CreateUserPoolClient"]
    assert result.calls.index("DescribeUserPoolClient") < result.calls.index("ListUserPoolClients")
    after = yaml.safe_load(prep.handoff.read_text())
    assert after["user_pool_id"] == data["user_pool_id"]
    assert after["client_id"] != data["client_id"]
    clients = client.list_user_pool_clients(UserPoolId=data["user_pool_id"], MaxResults=60)["UserPoolClients"]
    assert [item["ClientId"] for item in clients] == [after["client_id"]]
    # And the next run reads by the new ids again.
    assert sorted(succeeded(prep()).calls) == ["DescribeUserPool", "DescribeUserPoolClient", "DescribeUserPoolDomain"]


def test_stale_pool_id_falls_back_to_the_name_after_checking_the_prefix(prep, emulator):
    succeeded(prep(kaleido_prep_deletion_protection=False))
    data = yaml.safe_load(prep.handoff.read_text())
    client = emulator.client()
    client.delete_user_pool_domain(UserPoolId=data["user_pool_id"], Domain=PREFIX)
    client.delete_user_pool(UserPoolId=data["user_pool_id"])
    result = succeeded(prep())
    calls = result.calls
    # The stale id is read once, the prefix is checked before the first write, then the pool is found by name.
    assert calls.index("DescribeUserPoolDomain") < calls.index("CreateUserPool")
    assert calls.index("DescribeUserPool") < calls.index("ListUserPools") < calls.index("CreateUserPool")
    assert sorted(result.writes) == ["CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain"]
    after = yaml.safe_load(prep.handoff.read_text())
    assert after["user_pool_id"] != data["user_pool_id"]
    assert [pool["Id"] for pool in pools_named(client, "kaleido-test")] == [after["user_pool_id"]]


def test_a_reused_pool_id_that_no_longer_exists_fails_without_writing(prep, emulator):
    """kaleido_prep_user_pool_id names a pool the role does not own: it is never replaced by a new one."""
    result = prep(kaleido_prep_user_pool_id="us-east-1_Gone12345", kaleido_prep_handoff_file="")
    assert result.returncode != 0
    assert "no such user pool" in result.output
    assert result.writes == []
