# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which module results the action plugins hide from display (plugins/plugin_utils/secret_results.py)."""

from ansible.playbook.task import Task

from ansible_collections.kaleido.cognito.plugins.action.cognito_app_client import ActionModule as AppClientAction
from ansible_collections.kaleido.cognito.plugins.action.cognito_app_client_info import ActionModule as AppClientInfoAction
from ansible_collections.kaleido.cognito.plugins.action.cognito_identity_provider import ActionModule as IdentityProviderAction
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import SecretHidingAction
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import carries_secret
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import hide
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import holds_secret
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import loop_data
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import task_secrets

SECRET = "s3cr3tvalue0123456789abcdefghijklmnopqrstuvwxyz0123"


def test_a_cognito_app_client_result_carries_a_secret_only_in_app_client():
    assert carries_secret({"app_client": {"client_id": "x", "client_secret": SECRET}})
    assert not carries_secret({"app_client": {"client_id": "x"}})
    assert not carries_secret({"app_client": {"client_id": "x", "client_secret": ""}})
    assert not carries_secret({"app_client": {}})
    assert not carries_secret({"failed": True, "msg": "x"})


def test_a_cognito_app_client_info_result_carries_a_secret_when_any_item_has_one():
    assert carries_secret({"app_clients": [{"client_id": "a"}, {"client_id": "b", "client_secret": SECRET}]})
    assert carries_secret({"app_clients": [{"client_id": "b", "client_secret": SECRET}]})
    assert not carries_secret({"app_clients": [{"client_id": "a"}, {"client_id": "b"}]})
    assert not carries_secret({"app_clients": []})
    assert not carries_secret({"app_clients": None})
    assert not carries_secret({"app_clients": ["not a dict"]})
    assert not carries_secret({"changed": False, "user_pools": [{"id": "us-east-1_AbCdEfGhI"}]})


def test_both_action_plugins_use_the_one_rule():
    assert issubclass(AppClientAction, SecretHidingAction)
    assert issubclass(AppClientInfoAction, SecretHidingAction)
    assert AppClientAction.run is SecretHidingAction.run and AppClientInfoAction.run is SecretHidingAction.run
    assert SecretHidingAction._supports_async is False


def test_the_secrets_a_task_sends_are_the_values_under_a_secret_key_at_any_depth():
    args = {"name": "Google", "details": {"client_id": "id", "client_secret": SECRET, "authorize_scopes": "openid"}}
    assert task_secrets(args) == [SECRET]
    assert task_secrets({"details": {"private_key": "-----BEGIN PRIVATE KEY-----\nabc", "client_secret": ""}}) == ["-----BEGIN PRIVATE KEY-----\nabc"]
    assert task_secrets({"providers": [{"details": {"client_secret": SECRET}}]}) == [SECRET]
    assert task_secrets({"user_pool_id": "us-east-1_AbCdEfGhI", "name": "client", "details": None}) == []
    assert task_secrets({"details": {"client_secret": None}}) == []


def test_loop_data_holds_a_secret_under_a_secret_key_or_as_a_value_the_task_sends():
    assert holds_secret([{"name": "Google", "details": {"client_secret": "other"}}, None], [])
    assert holds_secret([{"index": 0, "ansible_loop": {"nextitem": {"details": {"private_key": "key"}}}}], [])
    assert holds_secret(["Google:" + SECRET], [SECRET])
    assert holds_secret([("Google", SECRET)], [SECRET])
    assert not holds_secret(["Google", 0, None], [SECRET])
    assert not holds_secret([{"name": "Google", "details": {"client_secret": ""}}], [SECRET])
    assert not holds_secret([{"name": "client", "client_id": "abc"}], [])


def test_the_loop_data_is_the_item_and_the_extended_loop_variable_of_the_task_vars():
    assert loop_data({"item": "a"}) == []
    assert loop_data(None) == []
    assert loop_data({"ansible_loop_var": "provider", "provider": {"name": "Google"}}) == [{"name": "Google"}, None]
    extended = {"index": 1, "allitems": ["a", "b"]}
    assert loop_data({"ansible_loop_var": "item", "item": "a", "ansible_loop": extended}) == ["a", extended]


def test_hiding_marks_the_result_no_log_and_the_task_no_log():
    task = Task()
    result = {"changed": True, "app_client": {"client_secret": SECRET}}
    hide(task, result)
    assert result["_ansible_no_log"] is True and task.no_log is True
    assert result["app_client"] == {"client_secret": SECRET}


def test_the_identity_provider_action_plugin_uses_the_one_rule():
    assert issubclass(IdentityProviderAction, SecretHidingAction) and IdentityProviderAction.run is SecretHidingAction.run
