# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decisions about identity providers (plugins/module_utils/identity_provider.py)."""

import json

import pytest

from ansible_collections.kaleido.cognito.plugins.module_utils import identity_provider as providers

POOL = "us-east-1_AbCdEfGhI"
SECRET = "google-secret-0123456789abcdef"
GOOGLE_TASK = {"client_id": "1example.apps.googleusercontent.com", "client_secret": SECRET, "authorize_scopes": "openid email profile"}
# A Google provider as DescribeIdentityProvider reports it (botocore doc of ProviderDetails, "Describe response").
GOOGLE = {
    "UserPoolId": POOL,
    "ProviderName": "Google",
    "ProviderType": "Google",
    "ProviderDetails": dict(GOOGLE_TASK, **providers.AWS_SET_VALUES["Google"]),
    "AttributeMapping": {"email": "email", "username": "sub"},
    "CreationDate": "2024-01-01T00:00:00+00:00",
    "LastModifiedDate": "2024-01-02T00:00:00+00:00",
}


def params(**kwargs):
    base = {"user_pool_id": POOL, "name": "Google", "type": "Google", "details": dict(GOOGLE_TASK), "attribute_mapping": None,
            "idp_identifiers": None, "require_email_mapping": False, "state": "present", "remove_from_clients": False}
    base.update(kwargs)
    return base


@pytest.mark.parametrize("name", ["Google", "Corporate", "My-IdP.1", "a_b", "Ünïcode"])
def test_names_aws_accepts_for_a_new_provider(name):
    assert providers.name_problem(name) is None


@pytest.mark.parametrize("name", ["", "ab", "_Corp", "Corp_x", "Corp x", "x y", " Corp", "a" * 33, "Corp\n"])
def test_names_aws_refuses_for_a_new_provider(name):
    assert providers.name_problem(name) is not None


def test_an_existing_provider_is_found_by_the_looser_name_type():
    assert providers.name_problem("Corp_x", creating=False) is None
    assert providers.name_problem("ab", creating=False) is None


def test_a_valid_google_task_has_no_problem():
    assert providers.input_problems(params()) == []


def test_a_social_provider_must_be_named_after_its_type():
    problems = providers.input_problems(params(name="MyGoogle"))
    assert problems == ["Provider MyGoogle cannot be of type Google: AWS requires a Google identity provider to be named Google (set name: Google)"]


@pytest.mark.parametrize("provider_type, details, expected", [
    ("Google", {"client_id": "x", "authorize_scopes": "openid"}, "missing: client_secret"),
    ("SignInWithApple", {"client_id": "x", "team_id": "t", "key_id": "k", "authorize_scopes": "email"}, "missing: private_key"),
    ("OIDC", {"client_id": "x", "attributes_request_method": "GET", "authorize_scopes": "openid"}, "missing: oidc_issuer"),
    ("SAML", {}, "exactly one of MetadataURL and MetadataFile"),
    ("SAML", {"MetadataURL": "https://x", "MetadataFile": "<x/>"}, "exactly one of MetadataURL and MetadataFile"),
    ("Google", dict(GOOGLE_TASK, team_id="t"), "team_id is not a detail of a Google identity provider"),
    ("Google", dict(GOOGLE_TASK, authorize_url="https://x"), "AWS sets authorize_url of a Google identity provider itself"),
])
def test_details_problems_name_the_detail(provider_type, details, expected):
    problems = providers.details_problems(provider_type, details)
    assert any(expected in problem for problem in problems), problems


def test_the_secret_is_never_in_a_problem():
    problems = providers.input_problems(params(name="MyGoogle", details=dict(GOOGLE_TASK, team_id="t")))
    assert problems and SECRET not in json.dumps(problems)


def test_idp_identifiers_and_attribute_mapping_are_checked():
    problems = providers.input_problems(params(idp_identifiers=["ok.example.com", "bad/one", "x" * 41] + ["d"], attribute_mapping={"x" * 33: "y"}))
    assert len(problems) == 3
    assert len(providers.input_problems(params(idp_identifiers=["i%d" % n for n in range(51)]))) == 1


def test_require_email_mapping_fails_a_mapping_without_email():
    problems = providers.input_problems(params(require_email_mapping=True, attribute_mapping={"name": "name"}))
    assert len(problems) == 1 and "does not map email" in problems[0]


def test_boolean_saml_details_become_aws_strings():
    assert providers.details_of({"IDPSignout": True, "IDPInit": False, "MetadataURL": "https://x", "client_id": None}) == {
        "IDPSignout": "true", "IDPInit": "false", "MetadataURL": "https://x"}


def test_the_same_task_on_the_described_provider_changes_nothing():
    request, changes = providers.update_request(GOOGLE, params(attribute_mapping={"email": "email"}))
    assert changes == []
    assert request == {"UserPoolId": POOL, "ProviderName": "Google"}


def test_a_new_secret_is_a_change_and_the_update_keeps_no_aws_set_detail():
    request, changes = providers.update_request(GOOGLE, params(details=dict(GOOGLE_TASK, client_secret="new-secret")))
    assert changes == ["details.client_secret"]
    assert request["ProviderDetails"] == dict(GOOGLE_TASK, client_secret="new-secret")


def test_a_change_of_scopes_sends_the_current_secret_back():
    current = dict(GOOGLE, ProviderDetails=dict(GOOGLE["ProviderDetails"]))
    request, changes = providers.update_request(current, params(details={"client_id": GOOGLE_TASK["client_id"], "client_secret": SECRET,
                                                                         "authorize_scopes": "openid email"}))
    assert changes == ["details.authorize_scopes"]
    assert request["ProviderDetails"]["client_secret"] == SECRET


def test_attribute_mapping_is_the_whole_value_but_aws_username_sub():
    request, changes = providers.update_request(GOOGLE, params(details=None, attribute_mapping={"email": "email", "name": "name"}))
    assert changes == ["attribute_mapping"] and request["AttributeMapping"] == {"email": "email", "name": "name"}
    request, changes = providers.update_request(GOOGLE, params(details=None, attribute_mapping={"email": "email", "username": "email"}))
    assert changes == ["attribute_mapping"]


def test_apple_private_key_that_aws_does_not_report_is_no_change_but_is_sent_with_a_change():
    task = {"client_id": "com.example", "team_id": "T", "key_id": "K", "private_key": "PEM", "authorize_scopes": "email name"}
    reported = dict((key, value) for key, value in task.items() if key != "private_key")
    reported.update(providers.AWS_SET_VALUES["SignInWithApple"])
    current = {"UserPoolId": POOL, "ProviderName": "SignInWithApple", "ProviderType": "SignInWithApple", "ProviderDetails": reported}
    apple = params(name="SignInWithApple", type="SignInWithApple", details=task)
    assert providers.update_request(current, apple)[1] == []
    request, changes = providers.update_request(current, dict(apple, details=dict(task, key_id="K2")))
    assert changes == ["details.key_id"] and request["ProviderDetails"]["private_key"] == "PEM"
    assert "oidc_issuer" not in request["ProviderDetails"]


def test_oidc_issuer_change_drops_the_endpoints_found_at_the_old_issuer():
    current = {"client_id": "c", "oidc_issuer": "https://old", "authorize_url": "https://old/auth", "attributes_url_add_attributes": "false"}
    merged = providers.merged_details("OIDC", current, {"oidc_issuer": "https://new"})
    assert merged == {"client_id": "c", "oidc_issuer": "https://new"}


def test_saml_metadata_named_by_the_task_replaces_the_other_one():
    merged = providers.merged_details("SAML", {"MetadataURL": "https://x", "IDPSignout": "true", "SSORedirectBindingURI": "https://sso"},
                                      {"MetadataFile": "<md/>"})
    assert merged == {"MetadataFile": "<md/>", "IDPSignout": "true"}


def test_a_different_type_fails_naming_both():
    message = providers.type_conflict(GOOGLE, params(type="OIDC"))
    assert "of type Google" in message and "type OIDC" in message and "nothing was changed" in message
    assert providers.type_conflict(GOOGLE, params()) is None


def test_check_mode_prediction_of_a_google_provider_has_the_aws_details():
    predicted = providers.predicted_created_provider(providers.create_request(params(attribute_mapping={"email": "email"})))
    assert predicted["ProviderDetails"]["authorize_url"] == "https://accounts.google.com/o/oauth2/v2/auth"
    assert predicted["AttributeMapping"] == {"email": "email"}


FACEBOOK_TASK = {"client_id": "1example23456789", "client_secret": "facebook-secret", "authorize_scopes": "public_profile, email"}


def test_check_mode_prediction_of_a_facebook_provider_has_the_urls_of_its_api_version():
    task = params(name="Facebook", type="Facebook", details=dict(FACEBOOK_TASK, api_version="v19.0"))
    details = providers.predicted_created_provider(providers.create_request(task))["ProviderDetails"]
    assert details["token_url"] == "https://graph.facebook.com/v19.0/oauth/access_token"
    assert details["token_request_method"] == "GET" and details["attributes_url_add_attributes"] == "true"
    current = dict(GOOGLE, ProviderName="Facebook", ProviderType="Facebook", ProviderDetails=details)
    request, changes = providers.update_request(current, dict(task, details=dict(FACEBOOK_TASK, api_version="v20.0")))
    assert changes == ["details.api_version"] and "token_url" not in request["ProviderDetails"]
    updated = providers.predicted_updated_provider(current, request)["ProviderDetails"]
    assert updated["authorize_url"] == "https://www.facebook.com/v20.0/dialog/oauth"


def test_check_mode_prediction_of_a_facebook_provider_without_api_version_leaves_its_urls_to_aws():
    task = params(name="Facebook", type="Facebook", details=FACEBOOK_TASK)
    details = providers.predicted_created_provider(providers.create_request(task))["ProviderDetails"]
    assert details["token_request_method"] == "GET"
    assert not set(details) & set(providers.AWS_SET_VERSIONED_VALUES["Facebook"])


def test_the_return_value_and_the_diff_never_hold_a_secret():
    returned = providers.provider_to_ansible(GOOGLE)
    assert returned["provider_name"] == "Google" and returned["attribute_mapping"] == {"email": "email", "username": "sub"}
    assert "client_secret" not in returned["provider_details"] and returned["provider_details"]["client_id"] == GOOGLE_TASK["client_id"]
    assert SECRET not in json.dumps(returned)
    before = providers.diff_view(GOOGLE)
    after = providers.diff_view(dict(GOOGLE, ProviderDetails=dict(GOOGLE["ProviderDetails"], client_secret="other")), ("client_secret",))
    assert before["provider_details"]["client_secret"] == providers.SECRET_MARKER
    assert after["provider_details"]["client_secret"] == providers.CHANGED_SECRET_MARKER
    assert SECRET not in json.dumps([before, after]) and "other" not in json.dumps(after)


def test_clients_listing_a_provider_are_named_with_ids():
    found = providers.clients_listing([
        {"ClientId": "a1", "ClientName": "web", "SupportedIdentityProviders": ["COGNITO", "Google"]},
        {"ClientId": "b2", "ClientName": "api", "SupportedIdentityProviders": ["COGNITO"]},
    ], "Google")
    message = providers.in_use_message("Google", POOL, found)
    assert "a1 (web)" in message and "b2" not in message and "remove_from_clients" in message
