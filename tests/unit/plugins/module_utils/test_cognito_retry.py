# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy of the service layer (plugins/module_utils/cognito.py): what is
retried, how long it waits, when it gives up, and why a create is never repeated blindly."""

import json

import botocore.exceptions
import boto3
import pytest

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import model
from ansible_collections.kaleido.cognito.plugins.module_utils.modules import CognitoModule

POOL = "us-east-1_AbCdEfGhI"


def client_error(code, status=400, message="message", operation="CreateUserPool"):
    response = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}
    return botocore.exceptions.ClientError(response, operation)


def dropped():
    return botocore.exceptions.ConnectionClosedError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/")


@pytest.fixture(autouse=True)
def sleeps(monkeypatch):
    """The waits the retries asked for (no real sleeping in unit tests)."""
    waits = []
    monkeypatch.setattr(cognito.time, "sleep", waits.append)
    return waits


class ScriptedClient:
    """A Cognito client whose calls raise or return what the script says, in order."""

    def __init__(self, **scripts):
        self.scripts = {name: list(steps) for name, steps in scripts.items()}
        self.calls = []

    def __getattr__(self, name):
        if name not in self.scripts:
            raise AttributeError(name)

        def call(**params):
            self.calls.append(name)
            step = self.scripts[name].pop(0) if len(self.scripts[name]) > 1 else self.scripts[name][0]
            if isinstance(step, Exception):
                raise step
            return step(params) if callable(step) else step

        return call

    def get_paginator(self, name):
        client = self

        class Paginator:
            def paginate(self, **kwargs):
                class Pages:
                    def build_full_result(self):
                        return getattr(client, name)()

                return Pages()

        return Paginator()


@pytest.mark.parametrize("code", ["TooManyRequestsException", "ThrottlingException", "Throttling", "RequestLimitExceeded"])
def test_throttling_is_retried_as_refused_by_rate(code):
    assert cognito.retry_kind(client_error(code)) == cognito.THROTTLED


def test_http_429_without_a_known_code_is_throttling():
    assert cognito.retry_kind(client_error("SomethingNew", status=429)) == cognito.THROTTLED


def test_concurrent_modification_is_retried_and_was_not_carried_out():
    assert cognito.retry_kind(client_error("ConcurrentModificationException")) == cognito.REFUSED


@pytest.mark.parametrize(
    "code, status",
    [("InternalErrorException", 500), ("500", 500), ("502", 502), ("503", 503), ("504", 504), ("ServiceUnavailable", 503)],
)
def test_transient_5xx_is_retried_with_an_unknown_outcome(code, status):
    assert cognito.retry_kind(client_error(code, status=status)) == cognito.UNKNOWN


def test_a_numeric_5xx_code_is_transient_even_without_response_metadata():
    error = botocore.exceptions.ClientError({"Error": {"Code": "503", "Message": "Service Unavailable"}}, "ListUserPools")
    assert cognito.retry_kind(error) == cognito.UNKNOWN


@pytest.mark.parametrize(
    "error",
    [
        dropped(),
        botocore.exceptions.ReadTimeoutError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/"),
    ],
)
def test_a_connection_lost_after_sending_is_retried_with_an_unknown_outcome(error):
    assert cognito.retry_kind(error) == cognito.UNKNOWN


@pytest.mark.parametrize(
    "error",
    [
        botocore.exceptions.EndpointConnectionError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/"),
        botocore.exceptions.ConnectTimeoutError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com/"),
    ],
)
def test_a_connection_that_never_opened_is_retried_as_not_sent(error):
    assert cognito.retry_kind(error) == cognito.REFUSED


@pytest.mark.parametrize(
    "code",
    [
        "InvalidParameterException", "NotAuthorizedException", "ResourceNotFoundException", "LimitExceededException",
        "UserPoolTaggingException", "AccessDeniedException", "UnrecognizedClientException", "FeatureUnavailableInTierException",
    ],
)
def test_errors_that_cannot_succeed_later_are_not_retried(code):
    assert cognito.retry_kind(client_error(code)) is None


@pytest.mark.parametrize(
    "error",
    [
        botocore.exceptions.NoCredentialsError(),
        botocore.exceptions.ParamValidationError(report="bad"),
        botocore.exceptions.SSLError(endpoint_url="https://x", error="certificate verify failed"),
    ],
)
def test_client_side_failures_are_not_retried(error):
    assert cognito.retry_kind(error) is None


@pytest.mark.parametrize("retry", range(1, cognito.ATTEMPTS))
def test_waits_are_jittered_between_zero_and_the_capped_exponential(retry):
    for kind, base in ((cognito.THROTTLED, cognito.THROTTLED_BASE_DELAY), (cognito.UNKNOWN, cognito.BASE_DELAY)):
        cap = min(cognito.MAX_DELAY, base * 2 ** (retry - 1))
        waits = [cognito.backoff_delay(retry, kind) for dummy in range(200)]
        assert all(0 <= wait <= cap for wait in waits)
        assert len(set(waits)) > 150


def test_the_whole_retry_budget_waits_at_most_about_a_minute():
    worst = sum(min(cognito.MAX_DELAY, cognito.THROTTLED_BASE_DELAY * 2 ** (retry - 1)) for retry in range(1, cognito.ATTEMPTS))
    assert worst == pytest.approx(57.5)


def test_botocore_does_not_retry_by_itself():
    config = cognito.client_config()
    assert config.retries["total_max_attempts"] == 1


@pytest.mark.parametrize("user_config", [
    None,
    {"retries": {"max_attempts": 5, "mode": "standard"}},
    {"retries": {"total_max_attempts": 9, "mode": "adaptive"}, "read_timeout": 17},
    {"retries": {"max_attempts": 5, "mode": "legacy"}},
])
def test_no_user_setting_turns_botocores_retries_back_on(user_config, monkeypatch, tmp_path):
    """A user's aws_config, AWS_MAX_ATTEMPTS and max_attempts in the AWS config file all lose to the module's retries."""
    config_file = tmp_path / "config"
    config_file.write_text("[default]\nmax_attempts = 7\nretry_mode = adaptive\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "5")
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")
    client = boto3.session.Session().client(
        "cognito-idp", region_name="us-east-1", aws_access_key_id="AKIAEXAMPLE", aws_secret_access_key="secret",
        config=cognito.client_config(user_config))
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 1}
    if user_config and "read_timeout" in user_config:
        assert client.meta.config.read_timeout == 17


def test_a_non_retryable_error_is_raised_after_one_call_without_waiting(sleeps):
    client = ScriptedClient(update_user_pool=[client_error("InvalidParameterException", message="bad setting")])
    with pytest.raises(cognito.AnsibleCognitoError) as caught:
        cognito.update_user_pool(client, UserPoolId=POOL)
    assert client.calls == ["update_user_pool"]
    assert sleeps == []
    assert caught.value.message == "Failed to update user pool"
    assert "InvalidParameterException" in str(caught.value)


def test_throttling_then_success_returns_the_result(sleeps):
    client = ScriptedClient(describe_user_pool=[client_error("TooManyRequestsException")] * 3 + [{"UserPool": {"Id": POOL}}])
    assert cognito.describe_user_pool(client, POOL) == {"Id": POOL}
    assert client.calls == ["describe_user_pool"] * 4
    assert len(sleeps) == 3


def test_exhausted_retries_fail_naming_the_action_and_the_attempts(sleeps):
    client = ScriptedClient(create_user_pool_client=[client_error("TooManyRequestsException", message="Too many requests", operation="CreateUserPoolClient")])
    with pytest.raises(cognito.AnsibleCognitoError) as caught:
        cognito.create_user_pool_client(client, UserPoolId=POOL, ClientName="kaleido")
    assert client.calls == ["create_user_pool_client"] * cognito.ATTEMPTS
    assert len(sleeps) == cognito.ATTEMPTS - 1
    assert caught.value.message == "Failed to create user pool client after 15 attempts (the retries ran out)"
    assert "TooManyRequestsException" in str(caught.value) and "CreateUserPoolClient" in str(caught.value)


def test_a_create_refused_by_throttling_is_simply_tried_again():
    created = {"Id": POOL, "Name": "kaleido"}
    client = ScriptedClient(create_user_pool=[client_error("TooManyRequestsException"), {"UserPool": created}])
    assert cognito.create_user_pool(client, PoolName="kaleido") == created
    assert client.calls == ["create_user_pool", "create_user_pool"]


def test_a_create_whose_answer_was_lost_adopts_the_pool_it_made_instead_of_creating_another():
    made = {"Id": POOL, "Name": "kaleido"}
    client = ScriptedClient(
        create_user_pool=[dropped()],
        list_user_pools=[{"UserPools": [{"Id": POOL, "Name": "kaleido"}, {"Id": "us-east-1_Other", "Name": "other"}]}],
        describe_user_pool=[{"UserPool": made}],
    )
    assert cognito.create_user_pool(client, PoolName="kaleido") == made
    assert client.calls == ["create_user_pool", "list_user_pools", "describe_user_pool"]


def test_a_create_that_failed_with_5xx_and_made_nothing_is_tried_again_after_looking():
    made = {"Id": POOL, "Name": "kaleido"}
    client = ScriptedClient(
        create_user_pool=[client_error("InternalErrorException", status=500), {"UserPool": made}],
        list_user_pools=[{"UserPools": []}],
    )
    assert cognito.create_user_pool(client, PoolName="kaleido") == made
    assert client.calls == ["create_user_pool", "list_user_pools", "create_user_pool"]


def test_after_a_lost_answer_two_pools_of_the_name_fail_listing_both_and_nothing_is_created():
    client = ScriptedClient(
        create_user_pool=[dropped()],
        list_user_pools=[{"UserPools": [{"Id": "us-east-1_B", "Name": "kaleido"}, {"Id": "us-east-1_A", "Name": "kaleido"}]}],
    )
    with pytest.raises(cognito.AnsibleCognitoError) as caught:
        cognito.create_user_pool(client, PoolName="kaleido")
    assert "2 user pools are named 'kaleido' (us-east-1_A, us-east-1_B)" in str(caught.value)
    assert client.calls == ["create_user_pool", "list_user_pools"]


def test_an_app_client_whose_create_answer_was_lost_is_adopted_with_its_secret():
    made = {"UserPoolId": POOL, "ClientId": "abc", "ClientName": "kaleido", "ClientSecret": "s3cr3t"}
    client = ScriptedClient(
        create_user_pool_client=[dropped()],
        list_user_pool_clients=[{"UserPoolClients": [{"ClientId": "abc", "ClientName": "kaleido", "UserPoolId": POOL}]}],
        describe_user_pool_client=[{"UserPoolClient": made}],
    )
    assert cognito.create_user_pool_client(client, UserPoolId=POOL, ClientName="kaleido", GenerateSecret=True) == made
    assert client.calls == ["create_user_pool_client", "list_user_pool_clients", "describe_user_pool_client"]


def test_a_domain_already_associated_with_this_pool_after_a_lost_answer_counts_as_created():
    client = ScriptedClient(
        create_user_pool_domain=[dropped(), client_error("InvalidParameterException", message="Domain already associated with another user pool.")],
        describe_user_pool_domain=[{"DomainDescription": {"UserPoolId": POOL, "Domain": "kaleido-org", "CloudFrontDistribution": "d1.cloudfront.net"}}],
    )
    assert cognito.create_user_pool_domain(client, UserPoolId=POOL, Domain="kaleido-org") == {"CloudFrontDomain": "d1.cloudfront.net"}
    assert client.calls == ["create_user_pool_domain", "create_user_pool_domain", "describe_user_pool_domain"]


def test_a_domain_of_another_pool_stays_a_taken_error():
    taken = client_error("InvalidParameterException", message="Domain already associated with another user pool.")
    client = ScriptedClient(
        create_user_pool_domain=[taken],
        describe_user_pool_domain=[{"DomainDescription": {"UserPoolId": "us-east-1_Other", "Domain": "kaleido-org"}}],
    )
    with pytest.raises(cognito.AnsibleCognitoError) as caught:
        cognito.create_user_pool_domain(client, UserPoolId=POOL, Domain="kaleido-org")
    assert cognito.error_code(caught.value) == "InvalidParameterException"
    assert "already associated with another user pool" in str(caught.value)


def test_a_domain_that_already_exists_on_this_pool_after_a_lost_answer_counts_as_created_unless_it_is_deleting():
    client = ScriptedClient(
        create_user_pool_domain=[dropped(), client_error("InvalidParameterException", message="Domain already exists.")],
        describe_user_pool_domain=[{"DomainDescription": {"UserPoolId": POOL, "Domain": "kaleido-org", "Status": "CREATING"}}],
    )
    assert cognito.create_user_pool_domain(client, UserPoolId=POOL, Domain="kaleido-org") == {}
    assert client.calls == ["create_user_pool_domain", "create_user_pool_domain", "describe_user_pool_domain"]
    # This pool's domain of the name, DELETING, is the old one going: not one the call made.
    client = ScriptedClient(
        create_user_pool_domain=[client_error("InvalidParameterException", message="Domain already exists.")],
        describe_user_pool_domain=[{"DomainDescription": {"UserPoolId": POOL, "Domain": "kaleido-org", "Status": "DELETING"}}],
    )
    with pytest.raises(cognito.AnsibleCognitoError) as caught:
        cognito.create_user_pool_domain(client, UserPoolId=POOL, Domain="kaleido-org")
    assert "Domain already exists." in str(caught.value)


def test_custom_attributes_added_by_an_attempt_whose_answer_was_lost_are_not_added_again():
    client = ScriptedClient(
        add_custom_attributes=[dropped()],
        describe_user_pool=[{"UserPool": {"Id": POOL, "SchemaAttributes": [{"Name": "email"}, {"Name": "custom:team"}]}}],
    )
    assert cognito.add_custom_attributes(client, POOL, [{"Name": "team", "AttributeDataType": "String"}]) is True
    assert client.calls == ["add_custom_attributes", "describe_user_pool"]


def test_a_delete_whose_answer_was_lost_finds_the_resource_gone_and_succeeds():
    client = ScriptedClient(delete_user_pool=[dropped(), client_error("ResourceNotFoundException")])
    assert cognito.delete_user_pool(client, POOL) is False
    assert client.calls == ["delete_user_pool", "delete_user_pool"]


# The unknown-member guard (refuse_reset_of_unknown_members): an update built from a Describe answer never resets
# what the installed botocore could not see in it, and refuses when it cannot tell.


class GuardFailed(Exception):
    pass


class GuardModule:
    """What the guard uses of a module (it runs as CognitoModule's method on this stand-in)."""

    def __init__(self, check_mode=False):
        self.check_mode = check_mode
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)

    def fail_json(self, **result):
        raise GuardFailed(result["msg"])


class RawAnswer:
    """The HTTP response of botocore's after-call event: the raw body."""

    def __init__(self, content):
        self.content = content


def recorded(operation, raw_body, parsed):
    """A client stand-in whose recorder saw one answer of ``operation`` (the after-call event, as CognitoModule.connect() registers it)."""
    client = type("Client", (), {})()
    client.kaleido_unknown_members = model.UnknownMembers()
    client.kaleido_unknown_members.inspect(http_response=RawAnswer(raw_body), parsed=parsed, model=model.service_model().operation_model(operation))
    return client


DOMAIN_ANSWER = {"DomainDescription": {"UserPoolId": POOL, "Domain": "auth.example.com", "CustomDomainConfig": {"CertificateArn": "arn"}}}


def test_a_custom_domain_setting_botocore_does_not_know_refuses_update_user_pool_domain():
    client = recorded("DescribeUserPoolDomain", json.dumps(DOMAIN_ANSWER).encode(), DOMAIN_ANSWER)
    CognitoModule.refuse_reset_of_unknown_members(GuardModule(), client, "custom domain", "auth.example.com", "UpdateUserPoolDomain")
    raw = {"DomainDescription": dict(DOMAIN_ANSWER["DomainDescription"], CustomDomainConfig={"CertificateArn": "arn", "FutureTlsSetting": "TLS13"})}
    client = recorded("DescribeUserPoolDomain", json.dumps(raw).encode(), DOMAIN_ANSWER)
    with pytest.raises(GuardFailed, match="custom domain auth.example.com has settings .* CustomDomainConfig.FutureTlsSetting. UpdateUserPoolDomain"):
        CognitoModule.refuse_reset_of_unknown_members(GuardModule(), client, "custom domain", "auth.example.com", "UpdateUserPoolDomain")


@pytest.mark.parametrize("raw_body", [b"<html>proxy error</html>", b'{"Other": {}}', None], ids=["not-json", "member-missing", "no-body"])
def test_an_answer_that_cannot_be_read_refuses_the_update(raw_body):
    """Fail closed: what botocore dropped from an answer it parsed but the guard cannot read is unknown."""
    parsed = {"UserPool": {"Id": POOL, "Name": "p"}}
    client = recorded("DescribeUserPool", raw_body, parsed)
    with pytest.raises(GuardFailed, match="user pool {0}: the answer .* could not be read .* UpdateUserPool could reset".format(POOL)):
        CognitoModule.refuse_reset_of_unknown_members(GuardModule(), client, "user pool", POOL, "UpdateUserPool")


def test_a_client_that_records_no_answers_refuses_the_update():
    with pytest.raises(GuardFailed, match="could not be read"):
        CognitoModule.refuse_reset_of_unknown_members(GuardModule(), object(), "app client", "abc", "UpdateUserPoolClient")


def test_a_readable_answer_after_an_unreadable_one_lets_the_update_through_and_check_mode_only_warns():
    parsed = {"UserPool": {"Id": POOL}}
    client = recorded("DescribeUserPool", b"not json", parsed)
    module = GuardModule(check_mode=True)
    CognitoModule.refuse_reset_of_unknown_members(module, client, "user pool", POOL, "UpdateUserPool")
    assert len(module.warnings) == 1 and module.warnings[0].startswith("The real run will fail: ")
    client.kaleido_unknown_members.inspect(http_response=RawAnswer(json.dumps(parsed).encode()), parsed=parsed,
                                           model=model.service_model().operation_model("DescribeUserPool"))
    CognitoModule.refuse_reset_of_unknown_members(GuardModule(), client, "user pool", POOL, "UpdateUserPool")
