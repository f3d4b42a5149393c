# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The request_quotas knob: Cognito's request-rate quotas per account, Region
and category, and per operation on one pool (tests/emulator/cognito_emulator.py,
section "request quotas").

Time is the quota_clock knob: every request of a test happens at the instant
it sets, so the counts are exact. The clients here do not retry, so that each
call is one request.
"""

from __future__ import absolute_import, division, print_function

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

# pylint: disable=invalid-name
__metaclass__ = type

pytestmark = pytest.mark.emulator

NOW = 1000.0
OTHER_ACCOUNT = "111122223333"


def _client(emulator, account=None, region="us-east-1"):
    """A cognito-idp client of the emulator that sends each call once."""
    return boto3.client("cognito-idp", region_name=region, endpoint_url=emulator.endpoint_url,
                        config=Config(retries={"mode": "standard", "total_max_attempts": 1}), **emulator.credentials(account))


def _outcomes(call, times):
    """"ok" or the error code of each of ``times`` calls."""
    results = []
    for _attempt in range(times):
        try:
            call()
            results.append("ok")
        except ClientError as e:
            results.append(e.response["Error"]["Code"])
    return results


def _pools_with_clients(client, count):
    """``count`` pools with one app client each: [(pool id, client id)]."""
    made = []
    for index in range(count):
        pool = client.create_user_pool(PoolName="quota-%d" % index)["UserPool"]["Id"]
        app = client.create_user_pool_client(UserPoolId=pool, ClientName="app")["UserPoolClient"]["ClientId"]
        made.append((pool, app))
    return made


def test_off_by_default_a_burst_on_one_pool_is_served(emulator):
    client = _client(emulator)
    [(pool, app)] = _pools_with_clients(client, 1)
    config = emulator.configure(quota_clock=NOW)
    assert config["request_quotas"] is False
    assert _outcomes(lambda: client.describe_user_pool_client(UserPoolId=pool, ClientId=app), 30) == ["ok"] * 30
    assert emulator.throttled_calls() == []


def test_thirty_client_reads_in_one_second_on_one_pool_are_throttled_past_five(emulator):
    client = _client(emulator)
    [(pool, app)] = _pools_with_clients(client, 1)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    emulator.reset_calls()
    outcomes = _outcomes(lambda: client.describe_user_pool_client(UserPoolId=pool, ClientId=app), 30)
    assert outcomes == ["ok"] * 5 + ["TooManyRequestsException"] * 25
    assert emulator.throttled_calls() == ["DescribeUserPoolClient"] * 25
    assert emulator.calls() == ["DescribeUserPoolClient"] * 30


def test_the_throttling_answer_is_the_one_botocore_parses_for_cognito(emulator):
    client = _client(emulator)
    [(pool, _app)] = _pools_with_clients(client, 1)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    for _attempt in range(5):
        client.list_user_pool_clients(UserPoolId=pool, MaxResults=10)
    with pytest.raises(ClientError) as excinfo:
        client.list_user_pool_clients(UserPoolId=pool, MaxResults=10)
    assert excinfo.value.response["Error"] == {"Code": "TooManyRequestsException", "Message": "Rate exceeded"}
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert isinstance(excinfo.value, client.exceptions.TooManyRequestsException)


def test_client_reads_on_different_pools_are_served_up_to_the_category_rate(emulator):
    client = _client(emulator)
    made = _pools_with_clients(client, 6)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    outcomes = []
    for pool, app in made:
        outcomes += _outcomes(lambda pool=pool, app=app: client.describe_user_pool_client(UserPoolId=pool, ClientId=app), 3)
    assert outcomes == ["ok"] * 15 + ["TooManyRequestsException"] * 3


def test_each_operation_on_one_pool_has_its_own_five_per_second(emulator):
    client = _client(emulator)
    [(pool, app)] = _pools_with_clients(client, 1)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    assert _outcomes(lambda: client.describe_user_pool_client(UserPoolId=pool, ClientId=app), 6) == ["ok"] * 5 + ["TooManyRequestsException"]
    assert _outcomes(lambda: client.list_user_pool_clients(UserPoolId=pool, MaxResults=10), 6) == ["ok"] * 5 + ["TooManyRequestsException"]


def test_pool_reads_have_no_per_pool_limit_only_the_category_rate(emulator):
    # UserPoolRead is not one of the categories with the 5 per second per pool constraint.
    client = _client(emulator)
    [(pool, _app)] = _pools_with_clients(client, 1)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    outcomes = _outcomes(lambda: client.describe_user_pool(UserPoolId=pool), 30)
    assert outcomes == ["ok"] * 15 + ["TooManyRequestsException"] * 15
    # ListUserPools shares the category.
    assert _outcomes(lambda: client.list_user_pools(MaxResults=10), 1) == ["TooManyRequestsException"]


def test_categories_are_counted_apart(emulator):
    client = _client(emulator)
    [(pool, app)] = _pools_with_clients(client, 1)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    assert _outcomes(lambda: client.describe_user_pool(UserPoolId=pool), 16)[-1] == "TooManyRequestsException"
    assert _outcomes(lambda: client.describe_user_pool_client(UserPoolId=pool, ClientId=app), 1) == ["ok"]
    assert _outcomes(lambda: client.list_tags_for_resource(ResourceArn=client.describe_user_pool(UserPoolId=pool)["UserPool"]["Arn"]), 1) \
        == ["TooManyRequestsException"]


def test_the_window_is_one_second_and_slides(emulator):
    client = _client(emulator)
    [(pool, app)] = _pools_with_clients(client, 1)

    def describe():
        return client.describe_user_pool_client(UserPoolId=pool, ClientId=app)

    emulator.configure(request_quotas=True, quota_clock=NOW)
    assert _outcomes(describe, 3) == ["ok"] * 3
    emulator.configure(quota_clock=NOW + 0.5)
    assert _outcomes(describe, 3) == ["ok", "ok", "TooManyRequestsException"]
    emulator.configure(quota_clock=NOW + 0.999)
    assert _outcomes(describe, 1) == ["TooManyRequestsException"]
    # The three requests of NOW left the window; the two of NOW + 0.5 are still in it.
    emulator.configure(quota_clock=NOW + 1.0)
    assert _outcomes(describe, 4) == ["ok"] * 3 + ["TooManyRequestsException"]
    emulator.configure(quota_clock=NOW + 2.0)
    assert _outcomes(describe, 5) == ["ok"] * 5


def test_each_account_and_region_has_its_own_quotas(emulator):
    here = _client(emulator)
    there = _client(emulator, account=OTHER_ACCOUNT)
    elsewhere = _client(emulator, region="eu-west-1")
    pools = [c.create_user_pool(PoolName="quota")["UserPool"]["Id"] for c in (here, there, elsewhere)]
    emulator.configure(request_quotas=True, quota_clock=NOW)
    for client, pool in zip((here, there, elsewhere), pools):
        assert _outcomes(lambda client=client, pool=pool: client.describe_user_pool(UserPoolId=pool), 16) \
            == ["ok"] * 15 + ["TooManyRequestsException"]


def test_a_refused_request_does_nothing_and_does_not_count(emulator):
    client = _client(emulator)
    emulator.configure(request_quotas=True, quota_clock=NOW)
    names = ["quota-%d" % index for index in range(20)]
    outcomes = [_outcomes(lambda name=name: client.create_user_pool(PoolName=name), 1)[0] for name in names]
    assert outcomes == ["ok"] * 15 + ["TooManyRequestsException"] * 5
    emulator.configure(quota_clock=NOW + 1.0)
    listed = client.list_user_pools(MaxResults=60)["UserPools"]
    assert sorted(pool["Name"] for pool in listed) == sorted(names[:15])
    # The five refused creations did not fill the next second's window.
    assert _outcomes(lambda: client.create_user_pool(PoolName="later"), 15) == ["ok"] * 15


def test_operations_outside_the_pool_categories_are_not_limited(emulator):
    client = _client(emulator)
    pool = client.create_user_pool(PoolName="quota")["UserPool"]["Id"]
    emulator.configure(request_quotas=True, quota_clock=NOW)
    assert _outcomes(lambda: client.list_users(UserPoolId=pool), 30) == ["ok"] * 30


@pytest.mark.parametrize("knobs", [{"request_quotas": "yes"}, {"request_quotas": 1}, {"quota_clock": -1}, {"quota_clock": "now"}])
def test_bad_knob_values_are_refused(emulator, emulator_class, knobs):
    with pytest.raises(emulator_class.error_class) as excinfo:
        emulator.configure(**knobs)
    assert ": 400 " in str(excinfo.value)
    assert emulator.configure()["request_quotas"] is False
