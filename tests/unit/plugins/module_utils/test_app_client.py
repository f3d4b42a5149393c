# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decisions about app clients (plugins/module_utils/app_client.py)."""

import copy
import json

import pytest

from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import carries_secret
from ansible_collections.kaleido.cognito.plugins.module_utils import app_client as clients
from ansible_collections.kaleido.cognito.plugins.module_utils import transform

POOL = "us-east-1_AbCdEfGhI"
SECRET = "s3cr3tvalue0123456789abcdefghijklmnopqrstuvwxyz0123"

# A client as DescribeUserPoolClient reports it, with settings that differ from the defaults.
CLIENT = {
    "UserPoolId": POOL,
    "ClientName": "kaleido",
    "ClientId": "1example23456789",
    "ClientSecret": SECRET,
    "CreationDate": "2024-01-01T00:00:00+00:00",
    "LastModifiedDate": "2024-01-02T00:00:00+00:00",
    "RefreshTokenValidity": 7,
    "AccessTokenValidity": 30,
    "IdTokenValidity": 30,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": ["https://a.example.com/cb"],
    "LogoutURLs": ["https://a.example.com/bye"],
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "AnalyticsConfiguration": {"ApplicationId": "app", "ExternalId": "ext"},
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
    "EnablePropagateAdditionalUserContextData": False,
    "AuthSessionValidity": 5,
}


def params(**values):
    base = dict((option, None) for option in clients.MUTABLE_OPTIONS)
    base.update(user_pool_id=POOL, name="kaleido", client_id=None, state="present", generate_secret=True)
    base.update(values)
    return base


# update_request: the merge


def test_update_naming_only_callback_urls_sends_every_other_setting_unchanged():
    request, changes = clients.update_request(CLIENT, params(callback_urls=["https://b.example.com/cb"]))
    assert changes == ["CallbackURLs"]
    assert request["CallbackURLs"] == ["https://b.example.com/cb"]
    for key in clients.update_fields():
        if key != "CallbackURLs" and key in CLIENT:
            assert request[key] == CLIENT[key], key
    assert request["ClientName"] == "kaleido"
    assert request["ClientId"] == CLIENT["ClientId"] and request["UserPoolId"] == POOL


def test_update_request_never_carries_the_secret_or_read_only_fields():
    request, dummy = clients.update_request(CLIENT, params(auth_session_validity=10))
    assert SECRET not in json.dumps(request)
    assert not set(request) & {"ClientSecret", "CreationDate", "LastModifiedDate", "GenerateSecret"}


def test_update_request_carries_settings_the_module_has_no_option_for():
    request, dummy = clients.update_request(CLIENT, params(auth_session_validity=10))
    assert request["AnalyticsConfiguration"] == CLIENT["AnalyticsConfiguration"]


def test_same_settings_in_another_order_are_no_change():
    request, changes = clients.update_request(
        CLIENT,
        params(
            callback_urls=["https://a.example.com/cb"],
            allowed_oauth_scopes=["email", "openid"],
            explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            token_validity_units={"access_token": "minutes", "id_token": None, "refresh_token": None},
        ),
    )
    assert changes == []


def test_one_token_validity_unit_changes_only_that_unit():
    request, changes = clients.update_request(CLIENT, params(token_validity_units={"access_token": "hours", "id_token": None, "refresh_token": None}))
    assert changes == ["TokenValidityUnits"]
    assert request["TokenValidityUnits"] == {"AccessToken": "hours", "IdToken": "minutes", "RefreshToken": "days"}


def test_an_empty_list_clears_a_setting():
    request, changes = clients.update_request(CLIENT, params(logout_urls=[]))
    assert changes == ["LogoutURLs"]
    assert request["LogoutURLs"] == []


def test_a_new_name_with_client_id_renames():
    request, changes = clients.update_request(CLIENT, params(client_id=CLIENT["ClientId"], name="kaleido-prod"))
    assert changes == ["ClientName"]
    assert request["ClientName"] == "kaleido-prod"


def test_booleans_false_are_compared_not_dropped():
    request, changes = clients.update_request(CLIENT, params(enable_token_revocation=False))
    assert changes == ["EnableTokenRevocation"]
    assert request["EnableTokenRevocation"] is False


def test_predicted_update_is_the_client_with_the_request_applied():
    request, dummy = clients.update_request(CLIENT, params(client_id=CLIENT["ClientId"], name="renamed", access_token_validity=45))
    predicted = clients.predicted_updated_client(CLIENT, request)
    assert predicted["ClientName"] == "renamed"
    assert predicted["AccessTokenValidity"] == 45
    assert predicted["ClientId"] == CLIENT["ClientId"]
    assert predicted["CallbackURLs"] == CLIENT["CallbackURLs"]


# create


def test_create_request_asks_for_a_secret_by_default_and_sends_only_set_options():
    request = clients.create_request(params(callback_urls=["https://a.example.com/cb"], allowed_oauth_flows_user_pool_client=True))
    assert request == {
        "UserPoolId": POOL,
        "ClientName": "kaleido",
        "GenerateSecret": True,
        "CallbackURLs": ["https://a.example.com/cb"],
        "AllowedOAuthFlowsUserPoolClient": True,
    }


def test_predicted_new_client_has_aws_defaults_and_no_id_or_secret():
    request = clients.create_request(params(token_validity_units={"access_token": "minutes", "id_token": None, "refresh_token": None}))
    predicted = clients.predicted_created_client(request)
    assert "ClientId" not in predicted and "ClientSecret" not in predicted and "GenerateSecret" not in predicted
    assert predicted["RefreshTokenValidity"] == 30
    assert predicted["TokenValidityUnits"] == {"AccessToken": "minutes", "IdToken": "hours", "RefreshToken": "days"}
    assert predicted["ClientName"] == "kaleido"


# create-only


def test_generate_secret_matching_the_client_is_no_conflict():
    assert clients.create_only_conflicts(CLIENT, params(generate_secret=True)) == []
    public = dict(CLIENT)
    del public["ClientSecret"]
    assert clients.create_only_conflicts(public, params(generate_secret=False)) == []


@pytest.mark.parametrize("has_secret", [True, False])
def test_generate_secret_differing_from_the_client_is_a_conflict_without_the_secret(has_secret):
    client = dict(CLIENT)
    if not has_secret:
        del client["ClientSecret"]
    conflicts = clients.create_only_conflicts(client, params(generate_secret=not has_secret))
    assert len(conflicts) == 1
    assert "generate_secret" in conflicts[0] and "cannot" in conflicts[0] and CLIENT["ClientId"] in conflicts[0]
    assert SECRET not in conflicts[0]


# return value and diff


def test_return_value_has_snake_case_names_and_the_secret_only_when_asked():
    with_secret = clients.client_to_ansible(CLIENT, include_secret=True)
    assert with_secret["client_secret"] == SECRET
    assert with_secret["callback_urls"] == CLIENT["CallbackURLs"]
    assert with_secret["allowed_oauth_flows_user_pool_client"] is True
    assert with_secret["token_validity_units"] == {"access_token": "minutes", "id_token": "minutes", "refresh_token": "days"}
    assert "client_secret" not in clients.client_to_ansible(CLIENT)


def test_diff_never_has_the_secret_nor_the_modification_time():
    diff = transform.diff(None, clients.client_to_ansible(CLIENT), clients.VOLATILE_FIELDS)
    assert SECRET not in json.dumps(diff)
    assert "last_modified_date" not in diff["after"]
    assert diff["after"]["client_id"] == CLIENT["ClientId"]
    assert diff["before"] == {}


def test_return_value_names_round_trip_to_the_request_names():
    as_ansible = clients.client_to_ansible(CLIENT)
    options = dict((option, as_ansible.get(option)) for option in clients.MUTABLE_OPTIONS)
    request, changes = clients.update_request(CLIENT, params(**options))
    assert changes == []


def test_action_plugin_hides_only_results_that_carry_a_secret():
    assert carries_secret({"app_client": {"client_id": "x", "client_secret": SECRET}})
    assert not carries_secret({"app_client": {"client_id": "x"}})
    assert not carries_secret({"app_client": {}})
    assert not carries_secret({"failed": True, "msg": "x"})


# input_problems: refused before any AWS call


@pytest.mark.parametrize(
    "url",
    ["https://a.example.com/cb", "https://a.example.com:8443/cb?x=1", "http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb",
     "myapp://callback"],
)
def test_accepted_redirect_urls(url):
    assert clients.input_problems(params(callback_urls=[url], logout_urls=[url])) == []


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://a.example.com/cb", "http"),
        ("https://a.example.com/cb#frag", "fragment"),
        ("/relative/cb", "absolute"),
        ("a.example.com/cb", "absolute"),
        ("https:///cb", "host"),
        ("https://a.example.com/c b", "white space"),
        ("https://a.example.com/" + "x" * 1100, "1024"),
        ("javascript://a.example.com/%0aalert(1)", "scheme javascript:"),
        ("file:///etc/passwd", "scheme file:"),
        ("http://evil.example\\@localhost/cb", "backslash"),
        ("https://user:password@a.example.com/cb", "user info"),
    ],
)
def test_refused_redirect_urls_name_the_option_and_the_reason(url, words):
    for option in ("callback_urls", "logout_urls"):
        problems = clients.input_problems(params(**{option: [url]}))
        assert len(problems) == 1
        assert problems[0].startswith(option) and words in problems[0]
    problems = clients.input_problems(params(default_redirect_uri=url))
    assert problems and problems[0].startswith("default_redirect_uri") and words in problems[0]


def test_default_redirect_uri_must_be_a_callback_url():
    problems = clients.input_problems(params(callback_urls=["https://a.example.com/cb"], default_redirect_uri="https://b.example.com/cb"))
    assert problems == ["default_redirect_uri 'https://b.example.com/cb' must be one of callback_urls"]


def test_oauth_settings_with_oauth_turned_off_are_refused():
    problems = clients.input_problems(params(allowed_oauth_flows=["code"], allowed_oauth_scopes=["openid"], allowed_oauth_flows_user_pool_client=False))
    assert len(problems) == 1 and "allowed_oauth_flows_user_pool_client must be true" in problems[0]
    assert "allowed_oauth_flows" in problems[0] and "allowed_oauth_scopes" in problems[0]


def test_client_credentials_must_be_the_only_flow():
    problems = clients.input_problems(params(allowed_oauth_flows=["code", "client_credentials"], allowed_oauth_flows_user_pool_client=True))
    assert len(problems) == 1 and problems[0].startswith("allowed_oauth_flows")
    assert clients.input_problems(params(allowed_oauth_flows=["client_credentials"], allowed_oauth_flows_user_pool_client=True)) == []


def test_legacy_auth_flows_cannot_mix_with_allow_flows():
    problems = clients.input_problems(params(explicit_auth_flows=["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]))
    assert len(problems) == 1 and problems[0].startswith("explicit_auth_flows") and "USER_PASSWORD_AUTH" in problems[0]
    assert clients.input_problems(params(explicit_auth_flows=["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"])) == []


UNITS = {"access_token": None, "id_token": None, "refresh_token": None}


@pytest.mark.parametrize(
    "option, value, unit, valid",
    [
        ("access_token_validity", 5, "minutes", True),
        ("access_token_validity", 4, "minutes", False),
        ("access_token_validity", 24, "hours", True),
        ("access_token_validity", 25, "hours", False),
        ("access_token_validity", 1, "days", True),
        ("access_token_validity", 2, "days", False),
        ("access_token_validity", 299, "seconds", False),
        ("id_token_validity", 300, "seconds", True),
        ("id_token_validity", 86401, "seconds", False),
        ("refresh_token_validity", 60, "minutes", True),
        ("refresh_token_validity", 59, "minutes", False),
        ("refresh_token_validity", 3650, "days", True),
        ("refresh_token_validity", 3651, "days", False),
        ("refresh_token_validity", 0, "days", False),
    ],
)
def test_token_validity_is_checked_in_its_unit(option, value, unit, valid):
    units = dict(UNITS)
    units[option.replace("_validity", "")] = unit
    problems = clients.input_problems(params(**{option: value, "token_validity_units": units}))
    assert (problems == []) == valid
    if not valid:
        assert option in problems[0] and unit in problems[0]


@pytest.mark.parametrize("option, value, valid", [("access_token_validity", 86400, True), ("access_token_validity", 86401, False),
                                                  ("access_token_validity", 0, False), ("refresh_token_validity", 0, False)])
def test_token_validity_without_a_unit_is_refused_only_when_no_unit_fits(option, value, valid):
    problems = clients.input_problems(params(**{option: value}))
    assert (problems == []) == valid
    if not valid:
        assert problems[0].startswith(option)


@pytest.mark.parametrize("value, valid", [(2, False), (3, True), (15, True), (16, False)])
def test_auth_session_validity_range(value, valid):
    problems = clients.input_problems(params(auth_session_validity=value))
    assert (problems == []) == valid
    if not valid:
        assert problems[0].startswith("auth_session_validity")


def test_user_context_data_needs_a_secret():
    problems = clients.input_problems(params(enable_propagate_additional_user_context_data=True, generate_secret=False))
    assert len(problems) == 1 and "generate_secret" in problems[0]


# configuration_problems: checked on the merged configuration before any write


def test_a_unit_change_that_makes_the_current_validity_too_short_is_refused():
    merged = clients.merged_settings(CLIENT, params(token_validity_units={"access_token": "seconds", "id_token": None, "refresh_token": None}))
    problems = clients.configuration_problems(merged, params(token_validity_units={"access_token": "seconds", "id_token": None, "refresh_token": None}))
    assert len(problems) == 1 and "access_token_validity=30 seconds" in problems[0]


def test_a_validity_is_read_in_the_clients_current_unit():
    task = params(access_token_validity=1500)
    assert clients.input_problems(task) == []
    problems = clients.configuration_problems(clients.merged_settings(CLIENT, task), task)
    assert len(problems) == 1 and "access_token_validity=1500 minutes" in problems[0]


def test_callback_urls_that_drop_the_default_redirect_uri_are_refused():
    client = dict(CLIENT, DefaultRedirectURI="https://a.example.com/cb")
    task = params(callback_urls=["https://b.example.com/cb"])
    problems = clients.configuration_problems(clients.merged_settings(client, task), task)
    assert len(problems) == 1 and problems[0].startswith("default_redirect_uri")


def test_oauth_settings_on_a_client_without_oauth_are_refused():
    client = copy.deepcopy(CLIENT)
    for key in ("CallbackURLs", "LogoutURLs", "AllowedOAuthFlows", "AllowedOAuthScopes"):
        del client[key]
    client["AllowedOAuthFlowsUserPoolClient"] = False
    task = params(callback_urls=["https://b.example.com/cb"])
    problems = clients.configuration_problems(clients.merged_settings(client, task), task)
    assert len(problems) == 1 and "allowed_oauth_flows_user_pool_client must be true" in problems[0] and "callback_urls" in problems[0]
    task = params(callback_urls=["https://b.example.com/cb"], allowed_oauth_flows_user_pool_client=True)
    assert clients.configuration_problems(clients.merged_settings(client, task), task) == []


def test_callback_urls_on_a_client_with_oauth_need_no_flag_in_the_task():
    task = params(callback_urls=["https://b.example.com/cb"])
    assert clients.configuration_problems(clients.merged_settings(CLIENT, task), task) == []


def test_settings_the_task_does_not_touch_are_not_second_guessed():
    client = dict(CLIENT, AllowedOAuthFlowsUserPoolClient=False, AccessTokenValidity=1, TokenValidityUnits={"AccessToken": "seconds"})
    task = params(auth_session_validity=10)
    assert clients.configuration_problems(clients.merged_settings(client, task), task) == []
