# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decisions about managed login branding styles (plugins/module_utils/managed_login_branding.py)."""

import datetime

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.kaleido.cognito.plugins.module_utils import input_checks as checks
from ansible_collections.kaleido.cognito.plugins.module_utils import managed_login_branding as brandings
from ansible_collections.kaleido.cognito.plugins.modules import cognito_managed_login_branding

POOL = "us-east-1_AbCdEfGhI"
CLIENT = "1example23456789"
BRANDING_ID = "6f1a2b3c-4d5e-4f60-8a7b-8c9d0e1f2a3b"
WHEN = datetime.datetime(2025, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)


def params(**values):
    base = dict(user_pool_id=POOL, client_id=CLIENT, use_cognito_provided_values=False, state="present")
    base.update(values)
    return base


def style(default=True, **values):
    base = dict(ManagedLoginBrandingId=BRANDING_ID, UserPoolId=POOL, UseCognitoProvidedValues=default, Assets=[],
                CreationDate=WHEN, LastModifiedDate=WHEN)
    if not default:
        base["Settings"] = {"components": {"pageHeader": {}}}
    base.update(values)
    return base


@pytest.mark.parametrize("client_id", [CLIENT, "a", "a+b_c", "x" * 128])
def test_client_ids_aws_accepts(client_id):
    assert checks.client_id_problem("client_id", client_id) is None


@pytest.mark.parametrize("client_id", ["", "x" * 129, "not/a client", "abc\n"])
def test_client_ids_aws_refuses_are_named(client_id):
    assert "client_id" in checks.client_id_problem("client_id", client_id)


@pytest.mark.parametrize("tier", [None, "ESSENTIALS", "PLUS"])
def test_essentials_and_plus_pools_may_have_styles(tier):
    pool = {"Id": POOL, "UserPoolTier": tier} if tier else {"Id": POOL}
    assert brandings.tier_problem(pool) is None


def test_a_lite_pool_is_refused_naming_the_pool_and_the_plans():
    problem = brandings.tier_problem({"Id": POOL, "UserPoolTier": "LITE"})
    assert POOL in problem and "LITE" in problem and "ESSENTIALS or PLUS" in problem


@pytest.mark.parametrize("current, task, expected", [
    (None, params(), brandings.CREATE),
    (None, params(use_cognito_provided_values=True), brandings.CREATE),
    (style(), params(), None),
    (style(), params(use_cognito_provided_values=True), None),
    (style(default=False), params(), None),
    (style(default=False), params(use_cognito_provided_values=True), brandings.RESET),
    (None, params(state="absent"), None),
    (style(default=False), params(state="absent"), brandings.DELETE),
])
def test_action(current, task, expected):
    assert brandings.action(current, task) == expected


def task_as_the_module_reads_it(**options):
    """The module's params for a task with ``options``, defaults filled in by the module's own argument spec."""
    result = ArgumentSpecValidator(cognito_managed_login_branding.ARGUMENT_SPEC).validate(dict(user_pool_id=POOL, client_id=CLIENT, **options))
    assert result.error_messages == []
    return result.validated_parameters


def test_a_task_without_use_cognito_provided_values_keeps_a_customised_style():
    task = task_as_the_module_reads_it()
    assert task["use_cognito_provided_values"] is False
    assert brandings.action(style(default=False), task) is None
    assert brandings.action(style(), task) is None
    assert brandings.action(None, task) == brandings.CREATE


def test_only_an_explicit_use_cognito_provided_values_resets_a_customised_style():
    assert brandings.action(style(default=False), task_as_the_module_reads_it(use_cognito_provided_values=True)) == brandings.RESET
    assert brandings.action(style(default=False), task_as_the_module_reads_it(use_cognito_provided_values=False)) is None


def test_requests_ask_for_the_default_style():
    assert brandings.create_request(params()) == {"UserPoolId": POOL, "ClientId": CLIENT, "UseCognitoProvidedValues": True}
    assert brandings.reset_request(style(default=False)) == {
        "UserPoolId": POOL, "ManagedLoginBrandingId": BRANDING_ID, "UseCognitoProvidedValues": True}


def test_prediction_of_a_new_style_has_no_id():
    assert brandings.predicted(None, brandings.create_request(params())) == {
        "UserPoolId": POOL, "UseCognitoProvidedValues": True, "Assets": []}


def test_prediction_of_a_reset_drops_settings_and_images_and_keeps_the_id():
    current = style(default=False, Assets=[{"Category": "FORM_LOGO", "ColorMode": "DARK", "Extension": "PNG", "Bytes": b"x"}])
    result = brandings.predicted(current, brandings.reset_request(current))
    assert result["ManagedLoginBrandingId"] == BRANDING_ID
    assert result["UseCognitoProvidedValues"] is True
    assert "Settings" not in result and result["Assets"] == []
    assert current["Settings"] and current["Assets"]


def test_return_value_is_snake_case_with_client_id_without_settings_or_bytes():
    current = style(default=False, Assets=[{"Category": "FORM_LOGO", "ColorMode": "DARK", "Extension": "PNG", "Bytes": b"x" * 1000, "ResourceId": "logo"}])
    result = brandings.branding_to_ansible(current, CLIENT)
    assert result == {
        "managed_login_branding_id": BRANDING_ID, "user_pool_id": POOL, "client_id": CLIENT, "use_cognito_provided_values": False,
        "assets": [{"category": "FORM_LOGO", "color_mode": "DARK", "extension": "PNG", "resource_id": "logo"}],
        "creation_date": "2025-01-01T12:00:00+00:00", "last_modified_date": "2025-01-01T12:00:00+00:00",
    }
    assert "Bytes" in current["Assets"][0]


def test_no_style_is_an_empty_return_value():
    assert brandings.branding_to_ansible(None, CLIENT) == {}
