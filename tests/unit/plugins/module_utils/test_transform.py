# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.kaleido.cognito.plugins.module_utils.transform import canonical
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import deep_merge
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import from_boto
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import to_boto

OVERRIDES = {"callback_urls": "CallbackURLs", "invite_message_template.sms_message": "SMSMessage"}


def test_to_boto_drops_unset_options_and_camelizes_nested_keys():
    value = {"password_policy": {"minimum_length": 12, "require_symbols": None}, "mfa_configuration": None}
    assert to_boto(value) == {"PasswordPolicy": {"MinimumLength": 12}}


def test_to_boto_uses_irregular_names_including_ones_that_depend_on_the_parent():
    value = {
        "callback_urls": ["https://a"],
        "invite_message_template": {"sms_message": "x"},
        "verification_message_template": {"sms_message": "y"},
    }
    assert to_boto(value, OVERRIDES) == {
        "CallbackURLs": ["https://a"],
        "InviteMessageTemplate": {"SMSMessage": "x"},
        "VerificationMessageTemplate": {"SmsMessage": "y"},
    }


def test_from_boto_gets_irregular_names_right_and_keeps_tag_keys_as_they_are():
    value = {"CallbackURLs": ["https://a"], "UserPoolTags": {"CostCenter": "1"}, "AllowedOAuthFlows": ["code"],
             "AllowedOAuthFlowsUserPoolClient": True, "LambdaConfig": {"KMSKeyID": "k", "CustomSMSSender": {"LambdaArn": "a"}},
             "AdminCreateUserConfig": {"InviteMessageTemplate": {"SMSMessage": "x"}}, "AWSAccountId": "1"}
    assert from_boto(value, keep_keys=("UserPoolTags",)) == {
        "callback_urls": ["https://a"], "user_pool_tags": {"CostCenter": "1"}, "allowed_oauth_flows": ["code"],
        "allowed_oauth_flows_user_pool_client": True, "lambda_config": {"kms_key_id": "k", "custom_sms_sender": {"lambda_arn": "a"}},
        "admin_create_user_config": {"invite_message_template": {"sms_message": "x"}}, "aws_account_id": "1"}


def test_from_boto_turns_dates_into_iso_text():
    import datetime
    when = datetime.datetime(2026, 12, 1, 5, 0, tzinfo=datetime.timezone.utc)
    assert from_boto({"CreationDate": when}) == {"creation_date": when.isoformat()}


def test_deep_merge_keeps_unnamed_sub_options_and_replaces_lists():
    current = {"Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": True}}, "AutoVerifiedAttributes": ["email", "phone_number"]}
    desired = {"Policies": {"PasswordPolicy": {"MinimumLength": 12}}, "AutoVerifiedAttributes": ["email"]}
    assert deep_merge(current, desired) == {
        "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": True}},
        "AutoVerifiedAttributes": ["email"],
    }


def test_deep_merge_does_not_modify_its_arguments():
    current = {"A": {"B": 1}}
    deep_merge(current, {"A": {"B": 2}})
    assert current == {"A": {"B": 1}}


def test_canonical_ignores_list_order_and_treats_empty_as_absent():
    assert canonical({"A": ["b", "a"], "B": [], "C": {}}) == canonical({"A": ["a", "b"]})
    assert canonical({"A": ["a"]}) != canonical({"A": ["a", "b"]})
