# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which module results the action plugins hide from display (plugins/plugin_utils/secret_results.py)."""

from ansible_collections.kaleido.cognito.plugins.action.cognito_app_client import ActionModule as AppClientAction
from ansible_collections.kaleido.cognito.plugins.action.cognito_app_client_info import ActionModule as AppClientInfoAction
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import SecretHidingAction
from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import carries_secret

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
