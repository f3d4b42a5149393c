# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure helpers shared by the kaleido.cognito modules (internal use only).

Conversions between Ansible options (snake_case) and Cognito API shapes
(CamelCase), deep merging of a desired change into a current configuration,
and order-insensitive comparison.  Nothing here calls AWS.  The work is done
by ansible-core's and amazon.aws's helpers (dict_merge,
scrub_none_parameters, boto3_resource_to_ansible_dict); what is left here are
the names of the Cognito API that those helpers get wrong.
"""

import copy
import json

from ansible.module_utils.common.dict_transformations import snake_dict_to_camel_dict
from ansible.module_utils.common.dict_transformations import dict_merge

# amazon.aws's transformation imports botocore: it is imported where it is
# used, not here, for the reason model.py gives.

# CamelCase names that camel_dict_to_snake_dict turns into the wrong
# snake_case name ("OAuth" becomes "o_auth").
SNAKE_NAME_FIXES = {
    "allowed_o_auth_flows": "allowed_oauth_flows",
    "allowed_o_auth_scopes": "allowed_oauth_scopes",
    "allowed_o_auth_flows_user_pool_client": "allowed_oauth_flows_user_pool_client",
}


def camel_name(name):
    """The CamelCase form of the snake_case ``name`` (ansible-core's public snake_dict_to_camel_dict)."""
    return next(iter(snake_dict_to_camel_dict({name: None}, capitalize_first=True)))


def _override_for(path, key, overrides):
    """Look up an irregular name: first by 'parent.key', then by 'key'."""
    if path:
        dotted = "{0}.{1}".format(path[-1], key)
        if dotted in overrides:
            return overrides[dotted]
    return overrides.get(key)


def _camelize(value, overrides, path=()):
    if isinstance(value, dict):
        return dict(
            (_override_for(path, key, overrides) or camel_name(key), _camelize(item, overrides, path + (key,)))
            for key, item in value.items()
        )
    if isinstance(value, list):
        return [_camelize(item, overrides, path) for item in value]
    return value


def to_boto(value, overrides=None):
    """Convert an Ansible value (snake_case keys) to a Cognito API value.

    ``None`` values are dropped (scrub_none_parameters), so only the options a
    user set are sent.  ``overrides`` maps snake_case names (or
    'parent.name') whose CamelCase form is irregular, such as
    ``callback_urls`` -> ``CallbackURLs``, which snake_dict_to_camel_dict
    would get wrong.
    """
    from ansible_collections.amazon.aws.plugins.module_utils.transformation import scrub_none_parameters

    if isinstance(value, list):
        value = [scrub_none_parameters(item) if isinstance(item, dict) else item for item in value]
    elif isinstance(value, dict):
        value = scrub_none_parameters(value)
    return _camelize(value, overrides or {})


def from_boto(value, keep_keys=()):
    """Convert a Cognito API value to snake_case keys (boto3_resource_to_ansible_dict).

    Keys listed in ``keep_keys`` (CamelCase) have their values left untouched
    (for example tag dictionaries); dates become ISO 8601 text.
    """
    from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict

    result = boto3_resource_to_ansible_dict(value, transform_tags=False, force_tags=False, ignore_list=list(keep_keys))
    return _fix_names(result)


def _fix_names(value):
    if isinstance(value, dict):
        return dict((SNAKE_NAME_FIXES.get(key, key), _fix_names(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_fix_names(item) for item in value]
    return value


def deep_merge(current, desired):
    """Return ``current`` with ``desired`` applied on top (ansible-core's dict_merge).

    Dictionaries are merged key by key (an unset sub-option keeps its current
    value); any other value, lists included, replaces the current one.
    """
    if isinstance(current, dict) and isinstance(desired, dict):
        return dict_merge(current, desired)
    return copy.deepcopy(desired)


def canonical(value):
    """A form of ``value`` for comparison.

    The order of list items does not matter, and an empty list, an empty
    dictionary and an absent value are the same (AWS omits empty fields).
    """
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            item = canonical(item)
            if item is not None:
                result[key] = item
        return result or None
    if isinstance(value, list):
        items = [canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str)) or None
    return value


def diff(before, after, volatile=()):
    """A module's ``diff``: its return value before and after, without the fields that change by themselves."""
    def stable(value):
        return dict((key, item) for key, item in (value or {}).items() if key not in volatile)
    return {"before": stable(before), "after": stable(after)}
