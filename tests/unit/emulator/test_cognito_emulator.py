# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One test per AWS behaviour the Cognito emulator reproduces, plus its controls.

Run against unpatched moto with COGNITO_EMULATOR_RAW_MOTO=1 to see which of
them moto gets wrong by itself.
"""

from __future__ import absolute_import, division, print_function

import os
import time

import pytest
from botocore.exceptions import ClientError

# pylint: disable=invalid-name
__metaclass__ = type

pytestmark = pytest.mark.emulator

OTHER_ACCOUNT = "111122223333"
CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
CERT_ARN_2 = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000"
VOLATILE_POOL_KEYS = ("Id", "Arn", "Name", "CreationDate", "LastModifiedDate", "ResponseMetadata")
VOLATILE_CLIENT_KEYS = ("ClientId", "ClientName", "CreationDate", "LastModifiedDate", "UserPoolId")


def _error(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"].get("Message", "")


def _pool(idp, name="pool", **kwargs):
    return idp.create_user_pool(PoolName=name, **kwargs)["UserPool"]


def _describe(idp, pool_id):
    return idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]


def _stable(data, volatile):
    return dict((key, value) for key, value in data.items() if key not in volatile)


def _client(idp, pool_id, **kwargs):
    kwargs.setdefault("ClientName", "app")
    return idp.create_user_pool_client(UserPoolId=pool_id, **kwargs)["UserPoolClient"]


def _describe_client(idp, pool_id, client_id):
    return idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]


# --------------------------------------------------------------------- a. UpdateUserPool

def test_update_user_pool_resets_every_omitted_field_to_the_new_pool_default(idp):
    fresh = _stable(_describe(idp, _pool(idp, "fresh")["Id"]), VOLATILE_POOL_KEYS)
    pool = _pool(
        idp, "configured",
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": False, "RequireLowercase": True,
                                     "RequireNumbers": False, "RequireSymbols": False, "TemporaryPasswordValidityDays": 3}},
        DeletionProtection="ACTIVE",
        LambdaConfig={"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"},
        AutoVerifiedAttributes=["email"],
        VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_LINK", "EmailMessageByLink": "{##Click##}"},
        DeviceConfiguration={"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True},
        UserPoolTags={"team": "id"},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True, "UnusedAccountValidityDays": 3},
        AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    )
    idp.update_user_pool(UserPoolId=pool["Id"])
    updated = _describe(idp, pool["Id"])
    assert _stable(updated, VOLATILE_POOL_KEYS + ("UserPoolTags",)) == _stable(fresh, ("UserPoolTags",))
    assert (updated["DeletionProtection"], updated["LambdaConfig"], updated["UserPoolTags"]) == ("INACTIVE", {}, {"team": "id"})
    assert "AutoVerifiedAttributes" not in updated and "DeviceConfiguration" not in updated


def test_update_user_pool_keeps_create_only_settings_and_schema(idp):
    pool = _pool(
        idp,
        UsernameAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        Schema=[{"Name": "team", "AttributeDataType": "String", "Mutable": True}],
    )
    before = _describe(idp, pool["Id"])
    idp.update_user_pool(UserPoolId=pool["Id"], MfaConfiguration="OFF")
    after = _describe(idp, pool["Id"])
    assert after["UsernameAttributes"] == ["email"]
    assert after["UsernameConfiguration"] == {"CaseSensitive": False}
    assert "custom:team" in [attribute["Name"] for attribute in after["SchemaAttributes"]]
    assert after["SchemaAttributes"] == before["SchemaAttributes"]
    for key in ("Id", "Arn", "CreationDate", "EstimatedNumberOfUsers"):
        assert after[key] == before[key]


def test_update_user_pool_keeps_alias_attributes(idp):
    pool = _pool(idp, AliasAttributes=["email", "preferred_username"])
    idp.update_user_pool(UserPoolId=pool["Id"])
    assert sorted(_describe(idp, pool["Id"])["AliasAttributes"]) == ["email", "preferred_username"]


def test_update_user_pool_keeps_tier_and_name_when_omitted(idp):
    pool = _pool(idp, "keep-me", UserPoolTier="PLUS")
    idp.update_user_pool(UserPoolId=pool["Id"], AutoVerifiedAttributes=["email"])
    described = _describe(idp, pool["Id"])
    assert described["UserPoolTier"] == "PLUS"
    assert described["Name"] == "keep-me"


def test_update_user_pool_renames_the_pool_with_pool_name(idp):
    pool = _pool(idp, "old-name")
    idp.update_user_pool(UserPoolId=pool["Id"], PoolName="new-name")
    assert _describe(idp, pool["Id"])["Name"] == "new-name"


def test_update_user_pool_keeps_the_domain(idp):
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="kept-prefix")
    idp.update_user_pool(UserPoolId=pool["Id"])
    assert _describe(idp, pool["Id"])["Domain"] == "kept-prefix"


# ----------------------------------------------------------------------- b. defaults

def test_describe_user_pool_of_minimal_pool_reports_aws_defaults(idp):
    described = _describe(idp, _pool(idp)["Id"])
    expected = {
        "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
                                        "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}},
        "DeletionProtection": "INACTIVE",
        "LambdaConfig": {},
        "MfaConfiguration": "OFF",
        "EstimatedNumberOfUsers": 0,
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
        "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
        "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
        "UserPoolTags": {},
        "UserPoolTier": "ESSENTIALS",
    }
    reported = _stable(described, VOLATILE_POOL_KEYS + ("SchemaAttributes",))
    assert reported == expected
    standard = [attribute["Name"] for attribute in described["SchemaAttributes"]]
    for name in ("sub", "email", "email_verified", "phone_number", "name", "updated_at"):
        assert name in standard


def test_describe_user_pool_client_of_minimal_client_reports_aws_defaults(idp):
    """Defaults moto does not set, as the botocore docs of CreateUserPoolClient state them."""
    pool = _pool(idp)
    client = _client(idp, pool["Id"])
    described = _describe_client(idp, pool["Id"], client["ClientId"])
    units = described["TokenValidityUnits"]
    # "your access tokens are valid for one hour"; "The default RefreshTokenValidity time unit is days"
    assert (described["AccessTokenValidity"], units["AccessToken"], units["RefreshToken"]) == (1, "hours", "days")
    # "If you don't specify a value for ExplicitAuthFlows, your app client supports
    # ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, and ALLOW_CUSTOM_AUTH."
    assert sorted(described["ExplicitAuthFlows"]) == ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
    # "Defaults to LEGACY"
    assert described["PreventUserExistenceErrors"] == "LEGACY"
    assert "ClientSecret" not in described and "AllowedOAuthFlows" not in described


def test_user_pool_client_reports_creation_and_last_modified_dates(idp):
    pool = _pool(idp)
    client = _client(idp, pool["Id"])
    time.sleep(0.01)
    idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientName="renamed")
    described = _describe_client(idp, pool["Id"], client["ClientId"])
    assert described["CreationDate"] == client["CreationDate"]
    assert described["LastModifiedDate"] > described["CreationDate"]


# ----------------------------------------------------------------- c. UpdateUserPoolClient

def test_update_user_pool_client_resets_every_omitted_field_to_the_default(idp):
    pool = _pool(idp)
    fresh = _stable(_describe_client(idp, pool["Id"], _client(idp, pool["Id"], ClientName="fresh")["ClientId"]), VOLATILE_CLIENT_KEYS)
    client = _client(
        idp, pool["Id"], ClientName="configured",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"],
        CallbackURLs=["https://example.com/cb"], SupportedIdentityProviders=["COGNITO"],
        AccessTokenValidity=30, TokenValidityUnits={"AccessToken": "minutes"},
        PreventUserExistenceErrors="ENABLED", EnableTokenRevocation=False, AuthSessionValidity=10,
    )
    idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert _stable(_describe_client(idp, pool["Id"], client["ClientId"]), VOLATILE_CLIENT_KEYS) == fresh


def test_update_user_pool_client_keeps_name_and_secret(idp):
    pool = _pool(idp)
    client = _client(idp, pool["Id"], ClientName="named", GenerateSecret=True)
    idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], AuthSessionValidity=5)
    described = _describe_client(idp, pool["Id"], client["ClientId"])
    assert described["ClientName"] == "named"
    assert described["ClientSecret"] == client["ClientSecret"]


def test_update_user_pool_client_keeps_a_custom_client_secret(idp):
    pool = _pool(idp)
    client = _client(idp, pool["Id"], ClientSecret="my_own_secret_0123456789")
    assert client["ClientSecret"] == "my_own_secret_0123456789"
    idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientName="other")
    assert _describe_client(idp, pool["Id"], client["ClientId"])["ClientSecret"] == "my_own_secret_0123456789"


# --------------------------------------------------------------- d./e. DeleteUserPool

def test_delete_user_pool_with_deletion_protection_fails_and_deletes_nothing(idp):
    pool = _pool(idp, DeletionProtection="ACTIVE")
    with pytest.raises(ClientError) as excinfo:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    code, message = _error(excinfo)
    assert code == "InvalidParameterException"
    assert "deletion protection" in message.lower()
    assert _describe(idp, pool["Id"])["Id"] == pool["Id"]
    idp.update_user_pool(UserPoolId=pool["Id"], DeletionProtection="INACTIVE")
    idp.delete_user_pool(UserPoolId=pool["Id"])


@pytest.mark.parametrize("domain, config", [
    ("pool-with-prefix", None),
    ("auth.example.com", {"CertificateArn": CERT_ARN}),
], ids=["prefix", "custom"])
def test_delete_user_pool_with_a_domain_fails_and_deletes_nothing(idp, domain, config):
    pool = _pool(idp)
    kwargs = {"CustomDomainConfig": config} if config else {}
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain, **kwargs)
    with pytest.raises(ClientError) as excinfo:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert _describe(idp, pool["Id"])["Id"] == pool["Id"]
    assert idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]["UserPoolId"] == pool["Id"]
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.delete_user_pool(UserPoolId=pool["Id"])


# ------------------------------------------------------------ f. domain validation

@pytest.mark.parametrize("domain", ["Upper", "-lead", "trail-", "under_score", "a" * 64, "sp ace"])
def test_create_prefix_domain_rejects_names_outside_the_pattern(idp, domain):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert "Domain" not in _describe(idp, pool["Id"])


@pytest.mark.parametrize("word", ["aws", "amazon", "cognito"])
def test_create_prefix_domain_rejects_reserved_words(idp, word):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="my-%s-login" % word)
    assert _error(excinfo) == ("InvalidParameterException", "Domain cannot contain reserved word: %s" % word)


def test_create_prefix_domain_accepts_valid_names(idp):
    for index, domain in enumerate(["a", "a1-b2", "x" * 63]):
        pool = _pool(idp, "p%d" % index)
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
        assert _describe(idp, pool["Id"])["Domain"] == domain


def test_create_custom_domain_requires_a_certificate(idp):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com")
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert "CustomDomain" not in _describe(idp, pool["Id"])


# ------------------------------------------------------------ g. domain uniqueness

def test_domain_used_by_another_pool_is_refused_and_stays_with_it(idp):
    first, second = _pool(idp, "first"), _pool(idp, "second")
    idp.create_user_pool_domain(UserPoolId=first["Id"], Domain="shared-prefix")
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=second["Id"], Domain="shared-prefix")
    assert _error(excinfo) == ("InvalidParameterException", "Domain already associated with another user pool.")
    assert idp.describe_user_pool_domain(Domain="shared-prefix")["DomainDescription"]["UserPoolId"] == first["Id"]
    assert "Domain" not in _describe(idp, second["Id"])


def test_domain_used_in_another_account_is_refused(emulator, idp):
    other = emulator.client(account=OTHER_ACCOUNT)
    theirs = other.create_user_pool(PoolName="theirs")["UserPool"]
    assert ":%s:" % OTHER_ACCOUNT in theirs["Arn"]
    other.create_user_pool_domain(UserPoolId=theirs["Id"], Domain="their-prefix")
    ours = _pool(idp, "ours")
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=ours["Id"], Domain="their-prefix")
    assert _error(excinfo) == ("InvalidParameterException", "Domain already associated with another user pool.")
    assert other.describe_user_pool(UserPoolId=theirs["Id"])["UserPool"]["Domain"] == "their-prefix"


def test_same_prefix_in_another_region_is_allowed(emulator, idp):
    idp.create_user_pool_domain(UserPoolId=_pool(idp)["Id"], Domain="regional-prefix")
    west = emulator.client(region="us-west-2")
    pool = west.create_user_pool(PoolName="west")["UserPool"]
    west.create_user_pool_domain(UserPoolId=pool["Id"], Domain="regional-prefix")
    assert west.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == "regional-prefix"


def test_pool_cannot_get_a_second_prefix_domain(idp):
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="first-prefix")
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="second-prefix")
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert _describe(idp, pool["Id"])["Domain"] == "first-prefix"


def test_pool_cannot_get_a_second_custom_domain(idp):
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": CERT_ARN})
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="login.example.com", CustomDomainConfig={"CertificateArn": CERT_ARN})
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert _describe(idp, pool["Id"])["CustomDomain"] == "auth.example.com"


# ----------------------------------------------------------- h. domain descriptions

def test_describe_user_pool_shows_prefix_and_custom_domain_until_deleted(idp):
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="both-kinds")
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.org", CustomDomainConfig={"CertificateArn": CERT_ARN})
    described = _describe(idp, pool["Id"])
    assert (described["Domain"], described["CustomDomain"]) == ("both-kinds", "auth.example.org")
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.org")
    described = _describe(idp, pool["Id"])
    assert described["Domain"] == "both-kinds" and "CustomDomain" not in described
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="both-kinds")
    assert "Domain" not in _describe(idp, pool["Id"])


def test_describe_unknown_domain_returns_empty_description(idp):
    response = idp.describe_user_pool_domain(Domain="nobody-has-this")
    assert response["DomainDescription"] == {}


def test_delete_user_pool_domain_requires_the_matching_pool_id(idp):
    owner, stranger = _pool(idp, "owner"), _pool(idp, "stranger")
    idp.create_user_pool_domain(UserPoolId=owner["Id"], Domain="owned-prefix")
    with pytest.raises(ClientError) as excinfo:
        idp.delete_user_pool_domain(UserPoolId=stranger["Id"], Domain="owned-prefix")
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert idp.describe_user_pool_domain(Domain="owned-prefix")["DomainDescription"]["UserPoolId"] == owner["Id"]


def test_describe_user_pool_domain_reports_status_version_account_and_distribution(idp):
    pool = _pool(idp)
    created = idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.net", CustomDomainConfig={"CertificateArn": CERT_ARN})
    assert created["ManagedLoginVersion"] == 1
    assert created["CloudFrontDomain"].endswith(".cloudfront.net")
    description = idp.describe_user_pool_domain(Domain="auth.example.net")["DomainDescription"]
    assert description["Status"] == "ACTIVE"
    assert description["ManagedLoginVersion"] == 1
    assert description["AWSAccountId"] == "123456789012"
    assert description["CustomDomainConfig"]["CertificateArn"] == CERT_ARN
    distribution = description["CloudFrontDistribution"]
    assert distribution.startswith("d") and distribution.endswith(".cloudfront.net")
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="versioned-prefix", ManagedLoginVersion=2)
    assert idp.describe_user_pool_domain(Domain="versioned-prefix")["DomainDescription"]["ManagedLoginVersion"] == 2


def test_domain_reports_creating_then_updating_then_active_with_the_knob(emulator, idp):
    assert emulator.configure(domain_creating_seconds=0.6)["domain_creating_seconds"] == 0.6
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="slow-prefix")
    assert idp.describe_user_pool_domain(Domain="slow-prefix")["DomainDescription"]["Status"] == "CREATING"
    time.sleep(0.7)
    assert idp.describe_user_pool_domain(Domain="slow-prefix")["DomainDescription"]["Status"] == "ACTIVE"
    idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain="slow-prefix", ManagedLoginVersion=2)
    assert idp.describe_user_pool_domain(Domain="slow-prefix")["DomainDescription"]["Status"] == "UPDATING"
    time.sleep(0.7)
    assert idp.describe_user_pool_domain(Domain="slow-prefix")["DomainDescription"]["Status"] == "ACTIVE"


def test_update_user_pool_domain_changes_version_and_certificate_in_place(idp):
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.io", CustomDomainConfig={"CertificateArn": CERT_ARN})
    before = idp.describe_user_pool_domain(Domain="auth.example.io")["DomainDescription"]
    updated = idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.io", ManagedLoginVersion=2)
    assert updated["ManagedLoginVersion"] == 2
    description = idp.describe_user_pool_domain(Domain="auth.example.io")["DomainDescription"]
    assert description["ManagedLoginVersion"] == 2
    assert description["CustomDomainConfig"]["CertificateArn"] == CERT_ARN
    idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.io", CustomDomainConfig={"CertificateArn": CERT_ARN_2})
    description = idp.describe_user_pool_domain(Domain="auth.example.io")["DomainDescription"]
    assert description["CustomDomainConfig"]["CertificateArn"] == CERT_ARN_2
    assert description["ManagedLoginVersion"] == 2
    assert description["CloudFrontDistribution"] == before["CloudFrontDistribution"]


# ------------------------------------------------------------------------- i. speed

def test_creating_20_user_pools_takes_under_2_seconds(idp):
    _pool(idp, "warm-up")
    start = time.monotonic()
    for index in range(20):
        _pool(idp, "fast-%d" % index)
    assert time.monotonic() - start < 2.0


# -------------------------------------------------------------------------- j. tags

def test_user_pool_tags_follow_create_update_and_describe_and_an_update_without_them_keeps_them(idp):
    pool = _pool(idp, UserPoolTags={"env": "test"})
    assert _describe(idp, pool["Id"])["UserPoolTags"] == {"env": "test"}
    idp.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"env": "prod", "team": "id"})
    assert _describe(idp, pool["Id"])["UserPoolTags"] == {"env": "prod", "team": "id"}
    idp.update_user_pool(UserPoolId=pool["Id"])
    assert _describe(idp, pool["Id"])["UserPoolTags"] == {"env": "prod", "team": "id"}
    idp.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={})
    assert _describe(idp, pool["Id"])["UserPoolTags"] == {}


def test_tag_resource_untag_resource_and_list_tags_for_resource_act_on_pool_tags(idp):
    pool = _pool(idp, UserPoolTags={"env": "test"})
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={"team": "id"})
    assert idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"env": "test", "team": "id"}
    idp.untag_resource(ResourceArn=pool["Arn"], TagKeys=["env"])
    assert idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"team": "id"}
    assert _describe(idp, pool["Id"])["UserPoolTags"] == {"team": "id"}


# -------------------------------------------------------------------- the controls

def test_calls_are_recorded_in_order_and_can_be_reset(emulator, idp):
    pool = _pool(idp)
    idp.describe_user_pool(UserPoolId=pool["Id"])
    idp.list_user_pools(MaxResults=10)
    idp.update_user_pool(UserPoolId=pool["Id"])
    assert emulator.calls() == ["CreateUserPool", "DescribeUserPool", "ListUserPools", "UpdateUserPool"]
    assert emulator.write_calls() == ["CreateUserPool", "UpdateUserPool"]
    emulator.reset_calls()
    assert emulator.calls() == []


def test_moto_reset_clears_all_state(emulator, idp):
    _pool(idp)
    emulator.reset()
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []
    assert emulator.calls() == ["ListUserPools"]


def test_client_for_another_account_sees_only_that_account(emulator, idp):
    other = emulator.client(account=OTHER_ACCOUNT)
    pool = other.create_user_pool(PoolName="elsewhere")["UserPool"]
    assert pool["Arn"].startswith("arn:aws:cognito-idp:us-east-1:%s:userpool/" % OTHER_ACCOUNT)
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []
    assert [p["Id"] for p in other.list_user_pools(MaxResults=10)["UserPools"]] == [pool["Id"]]


def test_call_endpoint_makes_the_boto3_call_in_the_emulator_as_the_account_asked_and_logs_it(emulator, idp):
    """POST /_emulator/call (the test helper emulator_api): a boto3 answer as JSON, AWS errors as data, logged calls."""
    other = emulator.client(account=OTHER_ACCOUNT)
    theirs = other.create_user_pool(PoolName="theirs")["UserPool"]["Id"]
    emulator.reset_calls()
    created = emulator._request("POST", "/_emulator/call", {"call": "create_user_pool", "params": {"PoolName": "called"}})
    pool = created["result"]["UserPool"]
    assert isinstance(pool["CreationDate"], str) and "ResponseMetadata" not in created["result"]
    assert [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]] == [pool["Id"]]
    listed = emulator._request("POST", "/_emulator/call", {"call": "list_user_pools", "params": {"MaxResults": 10}, "account": OTHER_ACCOUNT})
    assert [p["Id"] for p in listed["result"]["UserPools"]] == [theirs]
    missing = emulator._request("POST", "/_emulator/call", {"call": "describe_user_pool", "params": {"UserPoolId": "us-east-1_missing"}})
    assert missing["error"]["Code"] == "ResourceNotFoundException"
    refused = emulator._request("POST", "/_emulator/call", {"call": "describe_user_pool", "params": {}})
    assert "UserPoolId" in refused["failed"]
    assert emulator.calls() == ["CreateUserPool", "ListUserPools", "ListUserPools", "DescribeUserPool"]


def test_configure_rejects_unknown_knobs(emulator):
    with pytest.raises(Exception) as excinfo:
        emulator.configure(no_such_knob=1)
    assert "unknown knob" in str(excinfo.value)


def test_emulator_process_is_stopped_by_pid(emulator_class):
    with emulator_class() as private:
        pid = private.pid
        assert private.client().list_user_pools(MaxResults=1)["UserPools"] == []
    assert private.pid is None and private.port is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
