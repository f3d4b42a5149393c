# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS behaviours the emulator reproduces beyond moto: model validation, OAuth
flows, feature plans, domain deletion, certificates, unknown members, and the
operations file.

Run against unpatched moto with COGNITO_EMULATOR_RAW_MOTO=1: every test of an
AWS behaviour fails there; the tests of the pattern translation (in-process)
and of the operations file (a control, like the call log) pass.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import sys
import time
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError

# pylint: disable=invalid-name
__metaclass__ = type

pytestmark = pytest.mark.emulator

CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
TARGET_PREFIX = "AWSCognitoIdentityProviderService."
SIGV4 = ("AWS4-HMAC-SHA256 Credential=AKIAEMULATOR00000000/20250101/us-east-1/cognito-idp/aws4_request, "
         "SignedHeaders=host;x-amz-target, Signature=0")
# The model patterns the emulator cannot translate to Python (so does not check).
KNOWN_UNCOMPILABLE_PATTERNS = []
CERTIFICATE_MESSAGE = ("The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, "
                       "or doesn't include a valid certificate chain.")
OAUTH_MESSAGE = "CallbackUrls can not be empty when code flow or implicit flow is selected"
UNKNOWN = {"UserPool": {"FutureSetting": {"Enabled": True}}, "UserPoolClient": {"FutureClientSetting": "ON"}}


def _emulator_module():
    """tests/emulator/cognito_emulator.py, imported in this process (it does not import moto until patched)."""
    try:
        from ansible_collections.kaleido.cognito.tests.emulator import cognito_emulator  # pylint: disable=import-outside-toplevel
    except ImportError:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator"))
        try:
            import cognito_emulator  # pylint: disable=import-outside-toplevel,import-error
        finally:
            del sys.path[0]
    return cognito_emulator


def _error(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"].get("Message", "")


def _pool(idp, name="pool", **kwargs):
    return idp.create_user_pool(PoolName=name, **kwargs)["UserPool"]


def _raw(emulator, operation, body):
    """POST one cognito-idp operation as plain JSON: (HTTP status, decoded answer), nothing dropped by botocore."""
    request = urllib.request.Request(
        emulator.endpoint_url + "/", data=json.dumps(body).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET_PREFIX + operation, "Authorization": SIGV4})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read().decode("utf-8") or "{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode("utf-8") or "{}")


# ------------------------------------------------------------- 1. model validation

def test_too_long_pool_name_is_refused_with_the_aws_validation_message(idp):
    name = "p" * 129
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool(PoolName=name)
    assert _error(excinfo) == (
        "InvalidParameterException",
        "1 validation error detected: Value '%s' at 'poolName' failed to satisfy constraint: "
        "Member must have length less than or equal to 128" % name)
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []


def test_enum_outside_the_model_sent_as_raw_json_is_refused(emulator, idp):
    status, answer = _raw(emulator, "CreateUserPool", {"PoolName": "enum-pool", "MfaConfiguration": "MAYBE"})
    assert status == 400
    assert answer == {
        "__type": "InvalidParameterException",
        "message": "1 validation error detected: Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: "
                   "Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    }
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []


def test_several_violations_are_counted_and_joined_pattern_enum_and_range(idp):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="bad/name", ExplicitAuthFlows=["NOPE"], AccessTokenValidity=100000)
    code, message = _error(excinfo)
    assert code == "InvalidParameterException"
    assert message.startswith("3 validation errors detected: ")
    # in the model's member order (AWS's order is not documented)
    assert sorted(message.split(": ", 1)[1].split("; ")) == sorted([
        "Value 'bad/name' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
        "Value '[NOPE]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: "
        "[Member must satisfy enum value set: [%s]]" % ", ".join(_emulator_module().service_model()["shapes"]["ExplicitAuthFlowsType"]["enum"]),
        "Value '100000' at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400",
    ])
    assert idp.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=10)["UserPoolClients"] == []


def test_a_sensitive_value_is_never_echoed(idp):
    pool = _pool(idp)
    secret = "not-a-valid-secret-because-of-dashes"
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", ClientSecret=secret)
    code, message = _error(excinfo)
    assert (code, message) == (
        "InvalidParameterException",
        "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\w+]+")
    assert secret not in message


def test_list_members_of_list_items_and_list_length_are_checked(idp):
    pool = _pool(idp)
    attributes = [{"Name": "attr%d" % index, "AttributeDataType": "String"} for index in range(26)]
    with pytest.raises(ClientError) as excinfo:
        idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=attributes)
    assert _error(excinfo)[1].endswith(
        "at 'customAttributes' failed to satisfy constraint: Member must have length less than or equal to 25")
    with pytest.raises(ClientError) as excinfo:
        idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=[{"Name": "ok", "AttributeDataType": "Strange"}])
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value 'Strange' at 'customAttributes.1.member.attributeDataType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [String, Number, DateTime, Boolean]")


def test_java_unicode_classes_are_translated(idp):
    pool = _pool(idp)
    idp.create_group(UserPoolId=pool["Id"], GroupName="Équipe-研究")
    with pytest.raises(ClientError) as excinfo:
        idp.create_group(UserPoolId=pool["Id"], GroupName="with space")
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value 'with space' at 'groupName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")
    assert [group["GroupName"] for group in idp.list_groups(UserPoolId=pool["Id"])["Groups"]] == ["Équipe-研究"]


def test_a_valid_request_with_many_constrained_members_is_accepted(idp):
    pool = _pool(
        idp, "valid pool.name@x",
        Policies={"PasswordPolicy": {"MinimumLength": 12, "TemporaryPasswordValidityDays": 3}},
        MfaConfiguration="OFF", AutoVerifiedAttributes=["email"],
        VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_LINK", "EmailMessageByLink": "Click {##here##}",
                                     "EmailSubjectByLink": "Verify", "SmsMessage": "Code {####}"},
        UserPoolTags={"team": "identity"}, UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"},
    )
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web app", ClientSecret="abcdefghijklmnopqrstuvwxyz0123456789",
        AllowedOAuthFlows=["code"], AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=["https://example.com/callback"], SupportedIdentityProviders=["COGNITO"], AccessTokenValidity=86400,
        TokenValidityUnits={"AccessToken": "seconds"})["UserPoolClient"]
    assert client["ClientName"] == "web app"


def test_every_model_pattern_translates_but_the_known_ones():
    module = _emulator_module()
    assert module.uncompilable_patterns() == KNOWN_UNCOMPILABLE_PATTERNS
    attribute_name = module.compiled_pattern(module.service_model()["shapes"]["AttributeNameType"]["pattern"])
    assert attribute_name.fullmatch("名前") and attribute_name.fullmatch("custom:café")
    assert not attribute_name.fullmatch("a\x00b")
    # Java's \w is ASCII.
    assert not module.compiled_pattern("[\\w\\s+=,.@-]+").fullmatch("Pööl")


# ---------------------------------------------------------------- 2. OAuth flows

@pytest.mark.parametrize("flow", ["code", "implicit"])
def test_code_or_implicit_flow_without_callback_urls_is_refused(idp, flow):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", AllowedOAuthFlows=[flow],
                                    AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["openid"])
    assert _error(excinfo) == ("InvalidOAuthFlowException", OAUTH_MESSAGE)
    assert idp.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=10)["UserPoolClients"] == []


def test_update_to_code_flow_without_callback_urls_is_refused_and_changes_nothing(idp):
    pool = _pool(idp)
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", AllowedOAuthFlows=["client_credentials"],
                                         AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["api/read"],
                                         GenerateSecret=True)["UserPoolClient"]
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], AllowedOAuthFlows=["code"],
                                    AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["openid"])
    assert _error(excinfo) == ("InvalidOAuthFlowException", OAUTH_MESSAGE)
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described["AllowedOAuthFlows"] == ["client_credentials"]
    idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], AllowedOAuthFlows=["code"],
                                AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["openid"], CallbackURLs=["https://example.com/cb"])


# -------------------------------------------------------------- 3. feature plans

def test_managed_login_version_2_on_a_lite_pool_is_refused(idp):
    lite = _pool(idp, "lite", UserPoolTier="LITE")
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=lite["Id"], Domain="lite-managed", ManagedLoginVersion=2)
    code, message = _error(excinfo)
    assert code == "FeatureUnavailableInTierException"
    assert message == "The following features need to be disabled for the LITE pricing tier configured: Managed Login"
    assert "Domain" not in idp.describe_user_pool(UserPoolId=lite["Id"])["UserPool"]
    idp.create_user_pool_domain(UserPoolId=lite["Id"], Domain="lite-classic", ManagedLoginVersion=1)
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool_domain(UserPoolId=lite["Id"], Domain="lite-classic", ManagedLoginVersion=2)
    assert _error(excinfo)[0] == "FeatureUnavailableInTierException"
    assert idp.describe_user_pool_domain(Domain="lite-classic")["DomainDescription"]["ManagedLoginVersion"] == 1


def test_update_user_pool_domain_to_version_2_on_a_lite_pool_is_refused(idp):
    lite = _pool(idp, "lite", UserPoolTier="LITE")
    idp.create_user_pool_domain(UserPoolId=lite["Id"], Domain="auth.lite.example.com", CustomDomainConfig={"CertificateArn": CERT_ARN})
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool_domain(UserPoolId=lite["Id"], Domain="auth.lite.example.com", ManagedLoginVersion=2,
                                    CustomDomainConfig={"CertificateArn": CERT_ARN})
    assert _error(excinfo)[0] == "FeatureUnavailableInTierException"
    assert idp.describe_user_pool_domain(Domain="auth.lite.example.com")["DomainDescription"]["ManagedLoginVersion"] == 1


def test_a_pool_with_a_managed_login_domain_cannot_move_to_lite(idp):
    pool = _pool(idp, "essentials")
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="managed-ess", ManagedLoginVersion=2)
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool(UserPoolId=pool["Id"], UserPoolTier="LITE")
    assert _error(excinfo)[0] == "FeatureUnavailableInTierException"
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTier"] == "ESSENTIALS"


@pytest.mark.parametrize("tier", ["LITE", "ESSENTIALS", None])
@pytest.mark.parametrize("mode", ["AUDIT", "ENFORCED"])
def test_threat_protection_below_plus_is_refused(idp, tier, mode):
    kwargs = {"UserPoolTier": tier} if tier else {}
    with pytest.raises(ClientError) as excinfo:
        _pool(idp, "threat", UserPoolAddOns={"AdvancedSecurityMode": mode}, **kwargs)
    assert _error(excinfo) == (
        "FeatureUnavailableInTierException",
        "The following features need to be disabled for the %s pricing tier configured: Threat Protection" % (tier or "ESSENTIALS"))
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []


def test_threat_protection_on_plus_is_accepted_and_kept_to_plus_on_update(idp):
    pool = _pool(idp, "plus", UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"})
    idp.update_user_pool(UserPoolId=pool["Id"], UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolAddOns"]["AdvancedSecurityMode"] == "AUDIT"
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool(UserPoolId=pool["Id"], UserPoolTier="ESSENTIALS", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})
    assert _error(excinfo)[0] == "FeatureUnavailableInTierException"
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTier"] == "PLUS"
    idp.update_user_pool(UserPoolId=pool["Id"], UserPoolTier="ESSENTIALS", UserPoolAddOns={"AdvancedSecurityMode": "OFF"})


# ------------------------------------------------------------- 4. domain deletion

def test_deleted_domain_is_deleting_keeps_its_name_and_pool_then_is_gone(emulator, idp):
    assert emulator.configure(domain_deleting_seconds=1.0)["domain_deleting_seconds"] == 1.0
    pool, other = _pool(idp, "owner"), _pool(idp, "other")
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="going-prefix")
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="going-prefix")
    started = time.monotonic()
    description = idp.describe_user_pool_domain(Domain="going-prefix")["DomainDescription"]
    assert (description["Status"], description["UserPoolId"]) == ("DELETING", pool["Id"])
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == "going-prefix"
    for pool_id in (other["Id"], pool["Id"]):
        with pytest.raises(ClientError) as excinfo:
            idp.create_user_pool_domain(UserPoolId=pool_id, Domain="going-prefix")
        assert _error(excinfo) == ("InvalidParameterException", "Domain already exists.")
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="next-prefix")
    assert _error(excinfo)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    assert _error(excinfo)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="going-prefix")
    assert _error(excinfo) == ("InvalidParameterException", "No such domain")
    assert time.monotonic() - started < 1.0, "the machine was too slow to see the DELETING state"
    time.sleep(1.1)
    assert idp.describe_user_pool_domain(Domain="going-prefix")["DomainDescription"] == {}
    assert "Domain" not in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    idp.create_user_pool_domain(UserPoolId=other["Id"], Domain="going-prefix")
    idp.delete_user_pool(UserPoolId=pool["Id"])


def test_a_name_the_pool_already_has_answers_domain_already_exists(idp):
    """Another pool's name answers "Domain already associated with another user pool." (test_cognito_emulator.py)."""
    pool = _pool(idp, "owner")
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="kept-prefix")
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="kept-prefix")
    assert _error(excinfo) == ("InvalidParameterException", "Domain already exists.")


def test_deleting_a_domain_that_does_not_exist_answers_no_such_domain(idp):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="never-created")
    assert _error(excinfo) == ("InvalidParameterException", "No such domain")


# ---------------------------------------------------------- 5. custom domain certificates

@pytest.mark.parametrize("arn", [
    "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
    "arn:aws:iam::123456789012:server-certificate/mine",
    "arn:aws:acm:us-east-1:123456789012:key/11111111",
    "arn:aws:acm:us-east-1:123456789012:cert/1",
], ids=["other-region", "iam", "not-a-certificate", "not-an-arn"])
def test_custom_domain_certificate_must_be_an_acm_certificate_in_us_east_1(idp, arn):
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": arn})
    assert _error(excinfo) == ("InvalidParameterException", CERTIFICATE_MESSAGE)
    assert "CustomDomain" not in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]


def _self_signed(name):
    """A self-signed certificate for ``name`` and its key, PEM (what ImportCertificate takes)."""
    import datetime  # pylint: disable=import-outside-toplevel
    from cryptography import x509  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import hashes, serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ec  # pylint: disable=import-outside-toplevel
    from cryptography.x509.oid import NameOID  # pylint: disable=import-outside-toplevel
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=30))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
                   .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def test_a_certificate_acm_has_not_issued_is_refused_and_an_issued_one_accepted(emulator, idp):
    import boto3  # pylint: disable=import-outside-toplevel
    acm = boto3.client("acm", region_name="us-east-1", endpoint_url=emulator.endpoint_url, **emulator.credentials())
    pending = acm.request_certificate(DomainName="auth.example.com", ValidationMethod="DNS")["CertificateArn"]
    assert acm.describe_certificate(CertificateArn=pending)["Certificate"]["Status"] == "PENDING_VALIDATION"
    certificate, key = _self_signed("auth.example.com")
    issued = acm.import_certificate(Certificate=certificate, PrivateKey=key)["CertificateArn"]
    assert acm.describe_certificate(CertificateArn=issued)["Certificate"]["Status"] == "ISSUED"
    pool = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": pending})
    assert _error(excinfo) == ("InvalidParameterException", CERTIFICATE_MESSAGE)
    assert "CustomDomain" not in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": issued})
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": pending})
    assert _error(excinfo) == ("InvalidParameterException", CERTIFICATE_MESSAGE)
    assert idp.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]["CustomDomainConfig"]["CertificateArn"] == issued


def test_update_with_a_certificate_outside_us_east_1_is_refused_and_other_partitions_work(idp):
    pool = _pool(idp)
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": CERT_ARN})
    with pytest.raises(ClientError) as excinfo:
        idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com",
                                    CustomDomainConfig={"CertificateArn": CERT_ARN.replace("us-east-1", "us-west-2")})
    assert _error(excinfo) == ("InvalidParameterException", CERTIFICATE_MESSAGE)
    assert idp.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]["CustomDomainConfig"]["CertificateArn"] == CERT_ARN
    gov = CERT_ARN.replace("arn:aws:", "arn:aws-us-gov:")
    idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com", CustomDomainConfig={"CertificateArn": gov})
    assert idp.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]["CustomDomainConfig"]["CertificateArn"] == gov


# ------------------------------------------------------------- 6. unknown members

def test_unknown_members_appear_until_an_update_without_them(emulator, idp):
    kept = _pool(idp, "kept")
    updated = _pool(idp, "updated")
    client = idp.create_user_pool_client(UserPoolId=kept["Id"], ClientName="app")["UserPoolClient"]
    assert emulator.configure(unknown_members=UNKNOWN)["unknown_members"] == UNKNOWN
    for pool in (kept, updated):
        status, answer = _raw(emulator, "DescribeUserPool", {"UserPoolId": pool["Id"]})
        assert status == 200 and answer["UserPool"]["FutureSetting"] == {"Enabled": True}
    status, answer = _raw(emulator, "DescribeUserPoolClient", {"UserPoolId": kept["Id"], "ClientId": client["ClientId"]})
    assert status == 200 and answer["UserPoolClient"]["FutureClientSetting"] == "ON"
    assert "FutureSetting" not in idp.describe_user_pool(UserPoolId=kept["Id"])["UserPool"]  # botocore drops it

    idp.update_user_pool(UserPoolId=updated["Id"])
    idp.update_user_pool_client(UserPoolId=kept["Id"], ClientId=client["ClientId"], ClientName="app")
    assert "FutureSetting" not in _raw(emulator, "DescribeUserPool", {"UserPoolId": updated["Id"]})[1]["UserPool"]
    assert "FutureSetting" in _raw(emulator, "DescribeUserPool", {"UserPoolId": kept["Id"]})[1]["UserPool"]
    client_answer = _raw(emulator, "DescribeUserPoolClient", {"UserPoolId": kept["Id"], "ClientId": client["ClientId"]})[1]
    assert "FutureClientSetting" not in client_answer["UserPoolClient"]
    newer = _pool(idp, "newer")
    assert _raw(emulator, "DescribeUserPool", {"UserPoolId": newer["Id"]})[1]["UserPool"]["FutureSetting"] == {"Enabled": True}


@pytest.mark.parametrize("knobs", [
    {"unknown_members": "FutureSetting"},
    {"unknown_members": {"Pool": {"FutureSetting": 1}}},
    {"unknown_members": {"UserPool": {"MfaConfiguration": "ON"}}},
    {"unknown_members": {"UserPoolClient": ["FutureClientSetting"]}},
    {"domain_deleting_seconds": -1},
    {"domain_creating_seconds": "1"},
], ids=["not-an-object", "unknown-kind", "known-member", "members-not-an-object", "negative-seconds", "text-seconds"])
def test_configure_validates_each_knob(emulator, knobs):
    with pytest.raises(Exception) as excinfo:
        emulator.configure(**knobs)
    assert "knob" in str(excinfo.value)
    config = emulator.configure()
    assert (config["unknown_members"], config["domain_deleting_seconds"], config["domain_creating_seconds"]) == ({}, 0, 0)


# ---------------------------------------------------------------- 7. operations file

def test_operations_file_collects_the_operations_of_several_emulators(emulator_class, monkeypatch, tmp_path):
    operations = tmp_path / "operations.txt"
    monkeypatch.setenv("COGNITO_EMULATOR_OPERATIONS_FILE", str(operations))
    raw_moto = os.environ.get("COGNITO_EMULATOR_RAW_MOTO") == "1"
    with emulator_class(raw_moto=raw_moto) as first, emulator_class(raw_moto=raw_moto) as second:
        clients = [first.client(), second.client()]
        for round_number in range(20):
            for client in clients:
                pool = client.create_user_pool(PoolName="ops-%d" % round_number)["UserPool"]
                client.describe_user_pool(UserPoolId=pool["Id"])
    lines = operations.read_text().splitlines()
    assert sorted(lines) == sorted(["CreateUserPool", "DescribeUserPool"] * 40)


# ---------------------------------------------------------------- 8. look-ups answered together

def test_lookup_gather_holds_listing_answers_until_enough_arrived_each_showing_its_arrival(emulator, idp):
    """The lookup_gather knob: three ListUserPools answers are sent together, none shows a pool created meanwhile.

    Runs that a loaded machine starts unevenly still each find nothing: the
    race of test_concurrency.py happens whatever the start-up times.  A lone
    look-up is held only for the knob's seconds.
    """
    from concurrent.futures import ThreadPoolExecutor  # pylint: disable=import-outside-toplevel
    emulator.configure(lookup_gather={"requests": 3, "seconds": 10})
    with ThreadPoolExecutor(max_workers=3) as executor:
        started = time.monotonic()
        first = executor.submit(idp.list_user_pools, MaxResults=60)
        time.sleep(0.5)
        created = idp.create_user_pool(PoolName="made-meanwhile")["UserPool"]["Id"]
        second = executor.submit(emulator.client().list_user_pools, MaxResults=60)
        time.sleep(0.5)
        assert not first.done() and not second.done()
        third = executor.submit(emulator.client().list_user_pools, MaxResults=60)
        answers = [future.result()["UserPools"] for future in (first, second, third)]
    assert time.monotonic() - started < 5
    assert created not in [pool["Id"] for pool in answers[0]]
    assert created in [pool["Id"] for pool in answers[1]] and created in [pool["Id"] for pool in answers[2]]
    emulator.configure(lookup_gather={"requests": 3, "seconds": 0.5})
    started = time.monotonic()
    idp.list_user_pools(MaxResults=60)
    assert 0.5 <= time.monotonic() - started < 5
    for bad in ({"requests": -1, "seconds": 1}, {"requests": 3}, {"requests": True, "seconds": 1}, 3):
        with pytest.raises(Exception, match="lookup_gather"):
            emulator.configure(lookup_gather=bad)


def test_a_botocore_doc_that_no_longer_states_a_default_stops_the_emulator():
    """The emulator reads defaults from the botocore docs; a sentence it cannot find is an error, not a guess."""
    emulator = _emulator_module()
    assert emulator.documented("CreateUserPoolClientRequest", "PreventUserExistenceErrors", r"Defaults to <code>(\w+)</code>").group(1) == "LEGACY"
    with pytest.raises(RuntimeError, match="PreventUserExistenceErrors"):
        emulator.documented("CreateUserPoolClientRequest", "PreventUserExistenceErrors", r"Defaults to <code>NEVER</code>")
