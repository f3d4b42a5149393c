# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import copy

from ansible_collections.kaleido.cognito.plugins.module_utils import transform
from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool as pools

POOL = {
    "Id": "us-east-1_abc",
    "Name": "kaleido",
    "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc",
    "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}},
    "DeletionProtection": "ACTIVE",
    "LambdaConfig": {},
    "AutoVerifiedAttributes": ["email"],
    "UsernameAttributes": ["email"],
    "UsernameConfiguration": {"CaseSensitive": False},
    "MfaConfiguration": "OFF",
    "EmailVerificationMessage": "code {####}",
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE", "EmailMessage": "code {####}"},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
    "UserPoolTags": {"Project": "kaleido"},
    "UserPoolTier": "ESSENTIALS",
    "SchemaAttributes": [
        {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
        {"Name": "phone_number", "AttributeDataType": "String", "Required": False, "Mutable": True},
        {"Name": "custom:tenant", "AttributeDataType": "String", "Required": False, "Mutable": True},
    ],
    "LastModifiedDate": "2026-11-26T00:00:00",
}


def params(**kwargs):
    base = {"name": None, "tags": None, "purge_tags": True}
    base.update(kwargs)
    return base


def test_update_request_carries_every_current_setting_with_the_change():
    request, changes = pools.update_request(POOL, params(password_policy={"minimum_length": 12}))
    assert changes == ["Policies"]
    assert request["UserPoolId"] == "us-east-1_abc"
    assert request["Policies"]["PasswordPolicy"] == {"MinimumLength": 12, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}
    assert request["AutoVerifiedAttributes"] == ["email"]
    assert request["DeletionProtection"] == "ACTIVE"
    assert "UserPoolTags" not in request
    assert request["UserPoolTier"] == "ESSENTIALS"


def test_update_request_never_sends_create_only_or_read_only_fields():
    request, dummy = pools.update_request(POOL, params(mfa_configuration="OPTIONAL"))
    for key in ("UsernameAttributes", "UsernameConfiguration", "SchemaAttributes", "Arn", "Name", "LastModifiedDate", "Id"):
        assert key not in request


def test_update_request_drops_superseded_fields_that_aws_refuses_together():
    request, dummy = pools.update_request(POOL, params(mfa_configuration="OPTIONAL"))
    assert "EmailVerificationMessage" not in request
    assert "UnusedAccountValidityDays" not in request["AdminCreateUserConfig"]


def test_update_request_finds_no_change_when_the_task_matches_the_pool():
    task = params(
        name="kaleido",
        password_policy={"minimum_length": 8},
        auto_verified_attributes=["email"],
        deletion_protection=True,
        tags={"Project": "kaleido"},
    )
    assert pools.update_request(POOL, task)[1] == []


def test_update_request_renames_when_name_differs():
    request, changes = pools.update_request(POOL, params(name="renamed"))
    assert request["PoolName"] == "renamed"
    assert changes == ["PoolName"]


def test_update_fields_are_the_update_members_that_describe_reports_from_the_model_without_tags():
    fields = pools.update_fields()
    assert {"Policies", "AutoVerifiedAttributes", "DeletionProtection", "UserPoolTier", "AccountRecoverySetting"} <= set(fields)
    # Fixed at creation, read-only, sent separately, or left to the tag API.
    for name in ("UsernameAttributes", "AliasAttributes", "Schema", "Id", "Arn", "PoolName", "UserPoolId", "UserPoolTags", "EstimatedNumberOfUsers"):
        assert name not in fields


def test_tag_changes_are_what_tag_resource_and_untag_resource_get():
    assert pools.tag_changes({"a": "1", "b": "2"}, {"a": "3"}, True) == ({"a": "3"}, ["b"])
    assert pools.tag_changes({"a": "1", "b": "2"}, {"a": "3"}, False) == ({"a": "3"}, [])
    assert pools.tag_changes({"a": "1"}, {"a": "1"}, True) == ({}, [])
    assert pools.tag_changes({"a": "1"}, None, True) == ({}, [])


def test_tags_to_restore_are_the_expected_tags_that_are_missing_or_different():
    assert pools.tags_to_restore({"a": "1", "b": "2"}, {"a": "1"}) == {"b": "2"}
    assert pools.tags_to_restore({"a": "1"}, {"a": "9", "c": "3"}) == {"a": "1"}
    assert pools.tags_to_restore({"a": "1"}, {"a": "1", "c": "3"}) == {}
    assert pools.tags_to_restore(None, None) == {}


def test_threat_protection_needs_the_plus_tier():
    assert pools.tier_problems({"UserPoolAddOns": {"AdvancedSecurityMode": "OFF"}}) == []
    assert pools.tier_problems({"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}) == []
    problems = pools.tier_problems({"UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"}})
    assert len(problems) == 1 and "user_pool_tier PLUS" in problems[0] and "ESSENTIALS" in problems[0]
    assert pools.tier_problems({"UserPoolTier": "LITE", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}})


def test_desired_tags_purges_or_keeps_tags_not_named():
    assert pools.desired_tags({"a": "1", "b": "2"}, {"a": "3"}, True) == {"a": "3"}
    assert pools.desired_tags({"a": "1", "b": "2"}, {"a": "3"}, False) == {"a": "3", "b": "2"}
    assert pools.desired_tags({"a": "1"}, None, True) == {"a": "1"}


def test_create_only_conflicts_names_setting_current_and_desired_values():
    conflicts = pools.create_only_conflicts(POOL, params(username_attributes=["phone_number"]))
    assert len(conflicts) == 1
    assert "username_attributes" in conflicts[0]
    assert "['email']" in conflicts[0] and "['phone_number']" in conflicts[0]
    assert "cannot change" in conflicts[0]


def test_create_only_conflicts_accepts_matching_settings_in_any_order():
    task = params(username_attributes=["email"], username_case_sensitive=False, schema=[{"name": "email", "required": True, "mutable": True}])
    assert pools.create_only_conflicts(POOL, task) == []


def test_create_only_conflicts_catches_a_standard_attribute_that_would_become_required():
    conflicts = pools.create_only_conflicts(POOL, params(schema=[{"name": "phone_number", "required": True}]))
    assert conflicts and "phone_number" in conflicts[0]


def test_pools_created_without_username_configuration_count_as_case_sensitive():
    pool = copy.deepcopy(POOL)
    del pool["UsernameConfiguration"]
    assert pools.create_only_conflicts(pool, params(username_case_sensitive=True)) == []
    assert pools.create_only_conflicts(pool, params(username_case_sensitive=False))


def test_custom_attributes_to_add_lists_only_new_custom_attributes_without_prefix():
    task = params(schema=[{"name": "email", "required": True}, {"name": "custom:tenant"}, {"name": "org", "mutable": True}])
    assert pools.custom_attributes_to_add(POOL, task) == [{"Name": "org", "Mutable": True, "AttributeDataType": "String"}]


def test_create_request_strips_custom_prefix_and_sets_create_only_fields():
    task = params(
        name="kaleido",
        username_attributes=["email"],
        username_case_sensitive=False,
        schema=[{"name": "email", "required": True}, {"name": "custom:tenant", "attribute_data_type": "String"}],
        deletion_protection=True,
        tags={"a": "b"},
    )
    request = pools.create_request(task)
    assert request["PoolName"] == "kaleido"
    assert request["UsernameAttributes"] == ["email"]
    assert request["UsernameConfiguration"] == {"CaseSensitive": False}
    assert request["Schema"] == [{"Name": "email", "Required": True}, {"Name": "tenant", "AttributeDataType": "String"}]
    assert request["DeletionProtection"] == "ACTIVE"
    assert request["UserPoolTags"] == {"a": "b"}


def test_predicted_created_pool_looks_like_describe_user_pool():
    request = pools.create_request(params(name="kaleido", schema=[{"name": "tenant"}]))
    predicted = pools.pool_to_ansible(pools.predicted_created_pool(request))
    assert predicted["name"] == "kaleido"
    assert predicted["schema_attributes"] == [{"name": "custom:tenant", "attribute_data_type": "String"}]
    assert "id" not in predicted


def test_predicted_updated_pool_applies_the_request_and_new_attributes():
    request, dummy = pools.update_request(POOL, params(name="renamed", deletion_protection=False))
    predicted = pools.predicted_updated_pool(POOL, request, [{"Name": "org", "AttributeDataType": "String"}])
    assert predicted["Name"] == "renamed"
    assert predicted["DeletionProtection"] == "INACTIVE"
    assert predicted["SchemaAttributes"][-1]["Name"] == "custom:org"
    assert predicted["UsernameAttributes"] == ["email"]


def test_pool_to_ansible_returns_tags_as_dict_and_protection_as_bool():
    result = pools.pool_to_ansible(POOL)
    assert result["tags"] == {"Project": "kaleido"}
    assert result["deletion_protection"] is True
    assert result["id"] == "us-east-1_abc"
    diff = transform.diff(pools.pool_to_ansible(POOL), None, pools.VOLATILE_FIELDS)
    assert "last_modified_date" not in diff["before"] and diff["before"]["id"] == "us-east-1_abc" and diff["after"] == {}


CREATION_DEFAULTS = {
    "password_policy": {"minimum_length": 8, "require_symbols": True, "temporary_password_validity_days": 7},
    "deletion_protection": True,
    "tags": {"kaleido.cognito:created-by": "kaleido_prep"},
    "schema": [{"name": "email", "required": True, "mutable": True}],
}


def test_creation_defaults_fill_what_the_task_leaves_unset():
    merged = pools.with_creation_defaults(params(name="kaleido", deletion_protection=None, password_policy=None), CREATION_DEFAULTS)
    request = pools.create_request(merged)
    assert request["DeletionProtection"] == "ACTIVE"
    assert request["Policies"]["PasswordPolicy"] == {"MinimumLength": 8, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}
    assert request["UserPoolTags"] == {"kaleido.cognito:created-by": "kaleido_prep"}


def test_creation_defaults_lose_to_what_the_task_sets_and_dictionaries_merge_key_by_key():
    task = params(
        name="kaleido",
        deletion_protection=False,
        # Sub-options the task leaves unset are None in module.params: they must not erase the defaults.
        password_policy={"minimum_length": 14, "require_symbols": None, "temporary_password_validity_days": None},
        tags={"owner": "ops"},
        schema=[{"name": "email", "required": True, "mutable": None}, {"name": "tenant", "mutable": True}],
    )
    request = pools.create_request(pools.with_creation_defaults(task, CREATION_DEFAULTS))
    assert request["DeletionProtection"] == "INACTIVE"
    assert request["Policies"]["PasswordPolicy"] == {"MinimumLength": 14, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}
    assert request["UserPoolTags"] == {"kaleido.cognito:created-by": "kaleido_prep", "owner": "ops"}
    assert request["Schema"] == [
        {"Name": "email", "Required": True, "Mutable": True},
        {"Name": "tenant", "Mutable": True, "AttributeDataType": "String"},
    ]


def test_without_creation_defaults_the_task_is_unchanged():
    task = params(name="kaleido", deletion_protection=None)
    assert pools.with_creation_defaults(task, None) == task
    assert pools.with_creation_defaults(task, CREATION_DEFAULTS) is not task
    assert task["deletion_protection"] is None
