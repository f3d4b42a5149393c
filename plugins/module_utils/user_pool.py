# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decisions about user pools, as pure functions (internal use only).

Building CreateUserPool / UpdateUserPool requests from module options,
finding create-only conflicts and the custom attributes to add, and turning
a DescribeUserPool result into the module's return value.  Nothing here
calls AWS; the functions are unit-tested on plain dictionaries.
"""

import copy

from ansible.module_utils.common.dict_transformations import dict_merge

from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.kaleido.cognito.plugins.module_utils import model
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import canonical
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import deep_merge
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import from_boto
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import to_boto

# snake_case names whose CamelCase form in the Cognito API is irregular.
NAME_OVERRIDES = {
    "invite_message_template.sms_message": "SMSMessage",
    "kms_key_id": "KMSKeyID",
    "custom_sms_sender": "CustomSMSSender",
}

# Module option -> top-level key of CreateUserPool / UpdateUserPool.
MUTABLE_OPTIONS = {
    "auto_verified_attributes": "AutoVerifiedAttributes",
    "mfa_configuration": "MfaConfiguration",
    "account_recovery_setting": "AccountRecoverySetting",
    "admin_create_user_config": "AdminCreateUserConfig",
    "email_configuration": "EmailConfiguration",
    "sms_configuration": "SmsConfiguration",
    "verification_message_template": "VerificationMessageTemplate",
    "lambda_config": "LambdaConfig",
    "device_configuration": "DeviceConfiguration",
    "user_attribute_update_settings": "UserAttributeUpdateSettings",
    "user_pool_add_ons": "UserPoolAddOns",
    "user_pool_tier": "UserPoolTier",
}

# Tags change through TagResource / UntagResource, the documented tag API
# (botocore docs of TagResource: "Assigns a set of tags to an Amazon Cognito
# user pool"), not through UpdateUserPool.
TAGS_FIELD = "UserPoolTags"


def update_fields():
    """The fields an update carries: UpdateUserPool's request members that DescribeUserPool reports.

    From the installed botocore's model (model.update_fields): UpdateUserPool
    resets each one it is not sent, so an update carries the current value of
    every one of them.  UserPoolId and PoolName are sent by update_request();
    UserPoolTags is left to the tag API.  The documented exceptions are in
    update_request().
    """
    return model.update_fields("UpdateUserPool", "DescribeUserPool", "UserPool", exclude=(TAGS_FIELD,))


# Superseded top-level fields that VerificationMessageTemplate replaces.
LEGACY_MESSAGE_FIELDS = ("SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject")

# Attributes every user pool has (Cognito developer guide, "Standard attributes").
STANDARD_ATTRIBUTES = frozenset(
    (
        "address",
        "birthdate",
        "email",
        "email_verified",
        "family_name",
        "gender",
        "given_name",
        "identities",
        "locale",
        "middle_name",
        "name",
        "nickname",
        "phone_number",
        "phone_number_verified",
        "picture",
        "preferred_username",
        "profile",
        "sub",
        "updated_at",
        "website",
        "zoneinfo",
    )
)

CUSTOM_PREFIX = "custom:"


# CreateUserPool UserPoolTier: "Defaults to ESSENTIALS".
DEFAULT_TIER = "ESSENTIALS"
# Threat protection (UserPoolAddOns AdvancedSecurityMode AUDIT or ENFORCED)
# is a feature of the Plus plan (developer guide "User pool feature plans";
# AWS answers FeatureUnavailableInTierException on another tier).
THREAT_PROTECTION_MODES = ("AUDIT", "ENFORCED")
THREAT_PROTECTION_TIER = "PLUS"
# Managed login (a domain's ManagedLoginVersion 2, and so branding styles) is
# not on the Lite plan (botocore doc of CreateUserPoolDomain
# ManagedLoginVersion: "Managed login requires that your user pool be
# configured for any feature plan other than Lite").
NO_MANAGED_LOGIN_TIER = "LITE"


def has_managed_login(pool):
    """False when ``pool`` (DescribeUserPool) is on the tier without managed login."""
    return (pool or {}).get("UserPoolTier") != NO_MANAGED_LOGIN_TIER


def tier_problems(config):
    """Messages for features of ``config`` (a CreateUserPool / UpdateUserPool request) that its tier does not have."""
    tier = config.get("UserPoolTier") or DEFAULT_TIER
    mode = (config.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode")
    if mode in THREAT_PROTECTION_MODES and tier != THREAT_PROTECTION_TIER:
        return [
            "user_pool_add_ons.advanced_security_mode {0} (threat protection) needs user_pool_tier {1}, and the pool would be on {2};"
            " set user_pool_tier: {1} in the same task, or advanced_security_mode: 'OFF'. Nothing was changed".format(mode, THREAT_PROTECTION_TIER, tier)
        ]
    return []


def boolean_to_protection(value):
    return "ACTIVE" if value else "INACTIVE"


def desired_settings(params):
    """The mutable settings a task asks for, as a partial UpdateUserPool request."""
    desired = {}
    for option, key in MUTABLE_OPTIONS.items():
        if params.get(option) is not None:
            desired[key] = to_boto(params[option], NAME_OVERRIDES)
    if params.get("password_policy") is not None:
        desired["Policies"] = {"PasswordPolicy": to_boto(params["password_policy"], NAME_OVERRIDES)}
    if params.get("deletion_protection") is not None:
        desired["DeletionProtection"] = boolean_to_protection(params["deletion_protection"])
    return desired


def attribute_full_name(name):
    """The name AWS reports for a schema attribute: custom ones carry 'custom:'."""
    if name in STANDARD_ATTRIBUTES or name.startswith(CUSTOM_PREFIX):
        return name
    return CUSTOM_PREFIX + name


def schema_request(attribute):
    """A SchemaAttributeType for CreateUserPool / AddCustomAttributes from a schema option item."""
    item = to_boto(attribute, NAME_OVERRIDES)
    name = item["Name"]
    if name.startswith(CUSTOM_PREFIX):
        item["Name"] = name[len(CUSTOM_PREFIX):]
    if name not in STANDARD_ATTRIBUTES:
        item.setdefault("AttributeDataType", "String")
    return item


def create_request(params):
    """The CreateUserPool request for a task."""
    request = {"PoolName": params["name"]}
    request.update(desired_settings(params))
    if params.get("username_attributes") is not None:
        request["UsernameAttributes"] = list(params["username_attributes"])
    if params.get("alias_attributes") is not None:
        request["AliasAttributes"] = list(params["alias_attributes"])
    if params.get("username_case_sensitive") is not None:
        request["UsernameConfiguration"] = {"CaseSensitive": params["username_case_sensitive"]}
    if params.get("schema"):
        request["Schema"] = [schema_request(attribute) for attribute in params["schema"]]
    if params.get("tags"):
        request["UserPoolTags"] = dict(params["tags"])
    return request


# Options that creation_defaults may hold: the pool's settings, not what
# identifies the pool or says what to do with it.  username_attributes and
# alias_attributes stay out: they decide how users sign in, which a default
# must not decide for an existing pool without a check.
NOT_CREATION_DEFAULTS = frozenset(
    ("name", "user_pool_id", "if_id_missing", "state", "purge_tags", "creation_defaults", "check_domain_available", "username_attributes",
     "alias_attributes")
)


def with_creation_defaults(params, defaults):
    """The task's options for a pool it creates: ``defaults`` (creation_defaults) under what the task sets.

    An option the task leaves unset takes its default; a dictionary option
    (tags included) is merged key by key, the task's keys winning; schema
    attributes are merged by name.  Any other value the task sets replaces
    the default.
    """
    # Imported here, not at the top: amazon.aws's transformation imports botocore (see model.py).
    from ansible_collections.amazon.aws.plugins.module_utils.transformation import scrub_none_parameters

    merged = dict(params)
    for option, default in scrub_none_parameters(defaults or {}, descend_into_lists=True).items():
        value = params.get(option)
        if value is None:
            merged[option] = copy.deepcopy(default)
        elif option == "schema":
            by_name = dict((attribute_full_name(item["name"]), item) for item in default)
            for item in value:
                name = attribute_full_name(item["name"])
                by_name[name] = dict_merge(by_name.get(name, {}), scrub_none_parameters(item, descend_into_lists=True))
            merged[option] = list(by_name.values())
        elif isinstance(value, dict) and isinstance(default, dict):
            merged[option] = dict_merge(default, scrub_none_parameters(value, descend_into_lists=True))
    return merged


def predicted_created_pool(request):
    """What DescribeUserPool will show for a pool created with ``request`` (for check mode)."""
    pool = {key: copy.deepcopy(value) for key, value in request.items() if key not in ("PoolName", "Schema", "UsernameConfiguration")}
    pool["Name"] = request["PoolName"]
    if "UsernameConfiguration" in request:
        pool["UsernameConfiguration"] = dict(request["UsernameConfiguration"])
    if "Schema" in request:
        pool["SchemaAttributes"] = [dict(item, Name=attribute_full_name(item["Name"])) for item in request["Schema"]]
    return pool


def _find_attribute(pool, full_name):
    for attribute in pool.get("SchemaAttributes") or []:
        if attribute.get("Name") in (full_name, "dev:" + full_name):
            return attribute
    return None


def create_only_conflicts(pool, params):
    """Messages for each create-only setting the task would change on ``pool``."""
    pool_id = pool.get("Id")
    conflicts = []

    def conflict(option, current, desired):
        conflicts.append(
            "{0} of user pool {1} is {2!r} and the task asks for {3!r}: AWS cannot change {0} after a user pool is"
            " created (create a new user pool instead)".format(option, pool_id, current, desired)
        )

    for option, key in (("username_attributes", "UsernameAttributes"), ("alias_attributes", "AliasAttributes")):
        desired = params.get(option)
        current = pool.get(key) or []
        if desired is not None and canonical(list(desired)) != canonical(current):
            conflict(option, sorted(current), sorted(desired))

    desired = params.get("username_case_sensitive")
    if desired is not None:
        # Pools created without UsernameConfiguration are case sensitive.
        current = (pool.get("UsernameConfiguration") or {}).get("CaseSensitive", True)
        if current != desired:
            conflict("username_case_sensitive", current, desired)

    for attribute in params.get("schema") or []:
        full_name = attribute_full_name(attribute["name"])
        current = _find_attribute(pool, full_name)
        if current is None:
            if full_name in STANDARD_ATTRIBUTES and attribute.get("required"):
                conflict("schema attribute {0} required".format(full_name), False, True)
            continue
        wanted = schema_request(attribute)
        for key, value in wanted.items():
            if key == "Name":
                continue
            have = current.get(key)
            if isinstance(value, dict):
                have = {sub: (have or {}).get(sub) for sub in value}
                if {sub: str(item) for sub, item in value.items()} != {sub: None if item is None else str(item) for sub, item in have.items()}:
                    conflict("schema attribute {0} {1}".format(full_name, key), have, value)
            elif have != value:
                conflict("schema attribute {0} {1}".format(full_name, key), have, value)
    return conflicts


def custom_attributes_to_add(pool, params):
    """Custom attributes of the task that ``pool`` does not have yet (AddCustomAttributes)."""
    missing = []
    for attribute in params.get("schema") or []:
        full_name = attribute_full_name(attribute["name"])
        if full_name not in STANDARD_ATTRIBUTES and _find_attribute(pool, full_name) is None:
            missing.append(schema_request(attribute))
    return missing


def tag_changes(current_tags, tags, purge_tags):
    """The TagResource and UntagResource arguments that turn ``current_tags`` into the task's tags.

    Returns (tags to set, sorted keys to remove); both empty when ``tags`` is
    unset or nothing changes.
    """
    if tags is None:
        return {}, []
    to_set, to_remove = compare_aws_tags(dict(current_tags or {}), tags, purge_tags=purge_tags)
    return to_set, sorted(to_remove)


def desired_tags(current_tags, tags, purge_tags):
    """The tags a pool should end with (current tags when ``tags`` is unset)."""
    to_set, to_remove = tag_changes(current_tags, tags, purge_tags)
    result = {key: value for key, value in dict(current_tags or {}).items() if key not in to_remove}
    result.update(to_set)
    return result


def tags_to_restore(expected, actual):
    """The tags of ``expected`` that ``actual`` lacks or has with another value."""
    actual = actual or {}
    return {key: value for key, value in (expected or {}).items() if actual.get(key) != value}


def current_settings(pool):
    """The part of a DescribeUserPool result that UpdateUserPool accepts."""
    return {key: copy.deepcopy(pool[key]) for key in update_fields() if pool.get(key) is not None}


def update_request(pool, params):
    """The whole UpdateUserPool request: the current configuration with the task's change.

    UpdateUserPool resets every field it is not sent, so the request carries
    each current setting the task does not change (update_fields()).  Returns
    the request and the sorted list of fields that change (empty: nothing to
    do).  Two documented exceptions: the legacy message fields are left out
    when VerificationMessageTemplate is set (UserPoolType: they are "no longer
    used" and superseded by it), and AdminCreateUserConfig's
    UnusedAccountValidityDays when PasswordPolicy has
    TemporaryPasswordValidityDays (AdminCreateUserConfigType: it "is
    superseded by TemporaryPasswordValidityDays"; AWS refuses both).
    """
    current = current_settings(pool)
    merged = deep_merge(current, desired_settings(params))
    changes = sorted(key for key in set(merged) | set(current) if canonical(merged.get(key)) != canonical(current.get(key)))

    if merged.get("VerificationMessageTemplate"):
        for key in LEGACY_MESSAGE_FIELDS:
            merged.pop(key, None)
    temporary_days = ((merged.get("Policies") or {}).get("PasswordPolicy") or {}).get("TemporaryPasswordValidityDays")
    if temporary_days is not None and merged.get("AdminCreateUserConfig"):
        merged["AdminCreateUserConfig"].pop("UnusedAccountValidityDays", None)

    request = {"UserPoolId": pool["Id"]}
    request.update(merged)
    name = params.get("name")
    if name is not None and name != pool.get("Name"):
        request["PoolName"] = name
        changes.append("PoolName")
    return request, sorted(changes)


def predicted_updated_pool(pool, request, added_attributes):
    """What DescribeUserPool will show after ``request`` and ``added_attributes`` (for check mode)."""
    predicted = copy.deepcopy(pool)
    for key in update_fields():
        predicted.pop(key, None)
    predicted.update({key: copy.deepcopy(value) for key, value in request.items() if key not in ("UserPoolId", "PoolName")})
    if "PoolName" in request:
        predicted["Name"] = request["PoolName"]
    if added_attributes:
        predicted["SchemaAttributes"] = list(predicted.get("SchemaAttributes") or []) + [
            dict(item, Name=attribute_full_name(item["Name"])) for item in added_attributes
        ]
    return predicted


# Fields that change without a change of configuration; left out of diffs.
VOLATILE_FIELDS = ("last_modified_date", "estimated_number_of_users")


def pool_to_ansible(pool):
    """The module's ``user_pool`` return value: snake_case, tags as a dict."""
    if not pool:
        return {}
    result = from_boto(pool, keep_keys=("UserPoolTags",))
    result["tags"] = result.pop("user_pool_tags", None) or {}
    if "deletion_protection" in result:
        result["deletion_protection"] = result["deletion_protection"] == "ACTIVE"
    return result
