# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Identity provider behaviours of AWS that the emulator reproduces beyond moto
(the sources are in the emulator's "identity providers" section).

Run against unpatched moto with COGNITO_EMULATOR_RAW_MOTO=1: every test fails
there.
"""

from __future__ import absolute_import, division, print_function

import pytest
from botocore.exceptions import ClientError

# pylint: disable=invalid-name
__metaclass__ = type

pytestmark = pytest.mark.emulator

GOOGLE = {"client_id": "1example.apps.googleusercontent.com", "client_secret": "google-secret", "authorize_scopes": "openid email profile"}
FACEBOOK = {"client_id": "1example23456789", "client_secret": "facebook-secret", "authorize_scopes": "public_profile, email"}
OIDC = {"client_id": "oidc-client", "client_secret": "oidc-secret", "attributes_request_method": "GET",
        "oidc_issuer": "https://issuer.example.com", "authorize_scopes": "openid email"}
APPLE = {"client_id": "com.example.cognito", "team_id": "TEAM123456", "key_id": "KEY1234567",
         "private_key": "-----BEGIN PRIVATE KEY-----\nMIGTAgEA\n-----END PRIVATE KEY-----", "authorize_scopes": "email name"}


def _error(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"].get("Message", "")


def _pool(idp):
    return idp.create_user_pool(PoolName="idp-pool")["UserPool"]["Id"]


def _describe(idp, pool_id, name):
    return idp.describe_identity_provider(UserPoolId=pool_id, ProviderName=name)["IdentityProvider"]


def test_an_unknown_provider_type_is_refused(idp):
    pool_id = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_identity_provider(UserPoolId=pool_id, ProviderName="GitHub", ProviderType="GitHub", ProviderDetails=GOOGLE)
    code, message = _error(excinfo)
    assert code == "InvalidParameterException"
    assert "providerType" in message and "enum value set" in message


def test_a_social_provider_must_be_named_after_its_type(idp):
    pool_id = _pool(idp)
    with pytest.raises(ClientError) as excinfo:
        idp.create_identity_provider(UserPoolId=pool_id, ProviderName="MyGoogle", ProviderType="Google", ProviderDetails=GOOGLE)
    assert _error(excinfo) == ("InvalidParameterException", "Provider MyGoogle cannot be of type Google.")
    assert idp.list_identity_providers(UserPoolId=pool_id, MaxResults=60)["Providers"] == []


@pytest.mark.parametrize("provider_type, details, missing", [
    ("Google", dict(GOOGLE, client_secret=""), "client_id, client_secret and authorize_scopes"),
    ("SignInWithApple", dict((key, value) for key, value in APPLE.items() if key != "team_id"),
     "client_id, team_id, key_id, private_key and authorize_scopes"),
    ("OIDC", dict((key, value) for key, value in OIDC.items() if key != "oidc_issuer"),
     "client_id, attributes_request_method, oidc_issuer and authorize_scopes"),
    ("SAML", {"IDPSignout": "true"}, "MetadataFile or MetadataURL"),
])
def test_a_provider_without_the_details_its_type_needs_is_refused(idp, provider_type, details, missing):
    pool_id = _pool(idp)
    name = provider_type if provider_type in ("Google", "SignInWithApple") else "Corporate"
    with pytest.raises(ClientError) as excinfo:
        idp.create_identity_provider(UserPoolId=pool_id, ProviderName=name, ProviderType=provider_type, ProviderDetails=details)
    code, message = _error(excinfo)
    assert code == "InvalidParameterException"
    assert message.startswith(missing) and "required idp detail" in message


def test_an_update_that_drops_a_needed_detail_is_refused_and_changes_nothing(idp):
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE)
    with pytest.raises(ClientError) as excinfo:
        idp.update_identity_provider(UserPoolId=pool_id, ProviderName="Google", ProviderDetails={"authorize_scopes": "openid"})
    assert _error(excinfo)[0] == "InvalidParameterException"
    assert _describe(idp, pool_id, "Google")["ProviderDetails"]["client_secret"] == "google-secret"


def test_a_second_provider_of_a_name_is_refused(idp):
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Corporate", ProviderType="OIDC", ProviderDetails=OIDC)
    with pytest.raises(ClientError) as excinfo:
        idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Corporate", ProviderType="SAML",
                                     ProviderDetails={"MetadataURL": "https://idp.example.com/metadata"})
    assert _error(excinfo)[0] == "DuplicateProviderException"
    assert _describe(idp, pool_id, "Corporate")["ProviderType"] == "OIDC"


def test_google_is_described_with_the_details_aws_adds(idp):
    """The "Describe response" of Google in the botocore doc of ProviderDetails: a few of the keys AWS adds."""
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE,
                                 AttributeMapping={"email": "email"})
    details = _describe(idp, pool_id, "Google")["ProviderDetails"]
    assert dict((key, details[key]) for key in GOOGLE) == GOOGLE
    assert details["authorize_url"] == "https://accounts.google.com/o/oauth2/v2/auth"
    assert details["oidc_issuer"] == "https://accounts.google.com"
    assert details["attributes_url_add_attributes"] == "true"


def test_facebook_is_described_with_urls_of_its_api_version(idp):
    """The "Describe response" of Facebook (api_version v17.0): "token_url": "https://graph.facebook.com/v17.0/oauth/access_token"."""
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Facebook", ProviderType="Facebook",
                                 ProviderDetails=dict(FACEBOOK, api_version="v19.0"))
    details = _describe(idp, pool_id, "Facebook")["ProviderDetails"]
    assert details["token_url"] == "https://graph.facebook.com/v19.0/oauth/access_token"
    assert details["authorize_url"] == "https://www.facebook.com/v19.0/dialog/oauth"
    assert details["token_request_method"] == "GET"
    idp.update_identity_provider(UserPoolId=pool_id, ProviderName="Facebook", ProviderDetails=FACEBOOK)
    details = _describe(idp, pool_id, "Facebook")["ProviderDetails"]
    assert "api_version" not in details and "token_url" not in details
    assert details["token_request_method"] == "GET"


def test_oidc_is_described_with_attributes_url_add_attributes(idp):
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Corporate", ProviderType="OIDC", ProviderDetails=OIDC)
    assert _describe(idp, pool_id, "Corporate")["ProviderDetails"] == dict(OIDC, attributes_url_add_attributes="false")


def test_sign_in_with_apple_is_described_without_its_private_key(idp):
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="SignInWithApple", ProviderType="SignInWithApple", ProviderDetails=APPLE)
    details = _describe(idp, pool_id, "SignInWithApple")["ProviderDetails"]
    assert "private_key" not in details
    assert details["oidc_issuer"] == "https://appleid.apple.com" and details["team_id"] == "TEAM123456"


def test_an_update_replaces_the_details_it_sends_and_keeps_what_it_omits(idp):
    pool_id = _pool(idp)
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Corporate", ProviderType="OIDC",
                                 ProviderDetails=dict(OIDC, jwks_uri="https://issuer.example.com/jwks"), AttributeMapping={"email": "email"})
    idp.update_identity_provider(UserPoolId=pool_id, ProviderName="Corporate", ProviderDetails=dict(OIDC, authorize_scopes="openid"))
    described = _describe(idp, pool_id, "Corporate")
    assert described["ProviderDetails"] == dict(OIDC, authorize_scopes="openid", attributes_url_add_attributes="false")
    assert described["AttributeMapping"] == {"email": "email"}


@pytest.mark.parametrize("operation", ["create", "update"])
def test_an_app_client_may_list_only_providers_of_its_pool(idp, operation):
    pool_id = _pool(idp)
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as excinfo:
        if operation == "create":
            idp.create_user_pool_client(UserPoolId=pool_id, ClientName="other", SupportedIdentityProviders=["COGNITO", "Google"])
        else:
            idp.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, SupportedIdentityProviders=["COGNITO", "Google"])
    assert _error(excinfo) == ("InvalidParameterException", "The provider Google does not exist for User Pool {0}".format(pool_id))
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE)
    updated = idp.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, SupportedIdentityProviders=["COGNITO", "Google"])
    assert updated["UserPoolClient"]["SupportedIdentityProviders"] == ["COGNITO", "Google"]
