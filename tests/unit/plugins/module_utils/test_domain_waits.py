# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain waits of the service layer (plugins/module_utils/cognito.py): a botocore waiter that reads
DescribeUserPoolDomain through a client of its own, with botocore's retries on, until the domain is ACTIVE or gone."""

import boto3
import botocore.waiter
import pytest
from botocore.stub import Stubber

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils.modules import CognitoModule

POOL = "us-east-1_AbCdEfGhI"
DOMAIN = "kaleido-example"


def described(status=None, domain=DOMAIN):
    """A DescribeUserPoolDomain answer; without a status, the empty description of a domain that no pool has."""
    if status is None:
        return {"DomainDescription": {}}
    return {"DomainDescription": {"UserPoolId": POOL, "Domain": domain, "Status": status}}


class Module:
    """What CognitoModule.waiter_client() uses of a module: its aws_config and module.client(), here a stubbed client."""

    waiter_client = CognitoModule.waiter_client

    def __init__(self, client):
        self.params = {"aws_config": None}
        self.stubbed = client
        self.configs = []

    def client(self, service, aws_config=None):
        assert service == "cognito-idp"
        self.configs.append(aws_config)
        return self.stubbed


class Reads:
    """The module's own client, for the read after the wait."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = 0

    def describe_user_pool_domain(self, Domain):
        self.calls += 1
        return self.answers.pop(0)


@pytest.fixture
def sleeps(monkeypatch):
    waits = []
    monkeypatch.setattr(botocore.waiter.time, "sleep", waits.append)
    monkeypatch.setattr(cognito.time, "sleep", waits.append)
    return waits


@pytest.fixture
def waiter_client():
    client = boto3.client("cognito-idp", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(client) as stubber:
        client.stubber = stubber
        yield client
        stubber.assert_no_pending_responses()


def answers(client, *items, **kwargs):
    """The waiter's reads get these answers (an error code: that error), in order."""
    expected = {"Domain": kwargs.get("domain", DOMAIN)}
    for item in items:
        if isinstance(item, str):
            client.stubber.add_client_error("describe_user_pool_domain", service_error_code=item, http_status_code=400, expected_params=expected)
        else:
            client.stubber.add_response("describe_user_pool_domain", item, expected)


def test_the_waiter_client_has_botocores_retries_on_and_the_users_other_settings():
    config = cognito.client_config({"connect_timeout": 7}, cognito.READ_RETRIES)
    assert config.retries == {"mode": "standard", "total_max_attempts": cognito.ATTEMPTS}
    assert config.connect_timeout == 7
    assert cognito.client_config({"retries": {"max_attempts": 9}}).retries == cognito.NO_RETRIES


def test_waiting_until_a_deleted_domain_is_gone(waiter_client, sleeps):
    answers(waiter_client, described("DELETING"), described("DELETING"), described())
    module, reads = Module(waiter_client), Reads()
    description, waited = cognito.wait_until_domain_gone(module.waiter_client(), reads, DOMAIN, 300)
    assert description is None and waited >= 0
    assert sleeps == [2, 2]
    assert reads.calls == 0
    assert module.configs[0].retries == cognito.READ_RETRIES


@pytest.mark.parametrize("code", ["TooManyRequestsException", "ThrottlingException", "InternalErrorException"])
def test_a_throttled_or_failed_read_does_not_end_the_wait(waiter_client, sleeps, code):
    answers(waiter_client, described("CREATING"), code, described("ACTIVE"))
    reads = Reads(described("ACTIVE"))
    description, dummy = cognito.wait_until_domain_active(Module(waiter_client).waiter_client(), reads, DOMAIN, 300)
    assert description["Status"] == "ACTIVE"
    assert sleeps == [2, 2]


def test_the_time_running_out_returns_the_status_read_last(waiter_client, sleeps):
    # wait_timeout=1: two reads one second apart (amazon.aws custom_waiter_config), then the read that tells the status.
    answers(waiter_client, described("CREATING"), described("CREATING"))
    reads = Reads(described("CREATING"))
    description, dummy = cognito.wait_until_domain_active(Module(waiter_client).waiter_client(), reads, DOMAIN, 1)
    assert description["Status"] == "CREATING"
    assert sleeps == [1]


def test_a_custom_domain_is_read_every_ten_seconds(waiter_client, sleeps):
    custom = "auth.example.com"
    answers(waiter_client, described("CREATING", custom), described("ACTIVE", custom), domain=custom)
    reads = Reads(described("ACTIVE", custom))
    description, dummy = cognito.wait_until_domain_active(Module(waiter_client).waiter_client(), reads, "auth.example.com", 3600)
    assert description["Status"] == "ACTIVE"
    assert sleeps == [10]


@pytest.mark.parametrize("last, expected", [(described("FAILED"), "FAILED"), (described(), None)])
def test_a_failed_or_vanished_domain_ends_the_wait_for_active_at_once(waiter_client, sleeps, last, expected):
    answers(waiter_client, described("CREATING"), last)
    reads = Reads(last)
    description, dummy = cognito.wait_until_domain_active(Module(waiter_client).waiter_client(), reads, DOMAIN, 300)
    assert (description or {}).get("Status") == expected
    assert sleeps == [2]


def test_an_answer_that_no_wait_gets_past_fails_naming_it(waiter_client, sleeps):
    answers(waiter_client, described("DELETING"), "NotAuthorizedException")
    with pytest.raises(cognito.AnsibleCognitoError, match="Failed to wait for user pool domain"):
        cognito.wait_until_domain_gone(Module(waiter_client).waiter_client(), Reads(), DOMAIN, 300)
    assert sleeps == [2]
