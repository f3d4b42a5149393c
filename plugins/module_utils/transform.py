# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure helpers shared by the kaleido.cognito modules (internal use only).

Conversions between Ansible options (snake_case) and Cognito API shapes
(CamelCase), deep merging of a desired change into a current configuration,
and order-insensitive comparison.  Nothing here calls AWS.
"""

import copy
import json

from ansible.module_utils.common.dict_transformations import _camel_to_snake
from ansible.module_utils.common.dict_transformations import _snake_to_camel


def _override_for(path, key, overrides):
    """Look up an irregular name: first by 'parent.key', then by 'key'."""
    if path:
        dotted = "{0}.{1}".format(path[-1], key)
        if dotted in overrides:
            return overrides[dotted]
    return overrides.get(key)


def to_boto(value, overrides=None, path=()):
    """Convert an Ansible value (snake_case keys) to a Cognito API value.

    ``None`` values are dropped, so only the options a user set are sent.
    ``overrides`` maps snake_case names (or 'parent.name') whose CamelCase
    form is irregular, such as ``callback_urls`` -> ``CallbackURLs``.
    """
    overrides = overrides or {}
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if item is None:
                continue
            name = _override_for(path, key, overrides) or _snake_to_camel(key, capitalize_first=True)
            result[name] = to_boto(item, overrides, path + (key,))
        return result
    if isinstance(value, list):
        return [to_boto(item, overrides, path) for item in value]
    return value


def from_boto(value, overrides=None, keep_keys=()):
    """Convert a Cognito API value to snake_case keys.

    ``overrides`` is the same mapping as for :func:`to_boto`; its reverse is
    used so that names round-trip.  Keys listed in ``keep_keys`` (CamelCase)
    have their values left untouched (for example tag dictionaries).
    """
    reverse = {}
    for snake, camel in (overrides or {}).items():
        reverse[camel] = snake.rsplit(".", 1)[-1]
    return _from_boto(value, reverse, keep_keys)


def _from_boto(value, reverse, keep_keys):
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            name = reverse.get(key) or _camel_to_snake(key)
            if key in keep_keys:
                result[name] = copy.deepcopy(item)
            else:
                result[name] = _from_boto(item, reverse, keep_keys)
        return result
    if isinstance(value, list):
        return [_from_boto(item, reverse, keep_keys) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def deep_merge(current, desired):
    """Return ``current`` with ``desired`` applied on top.

    Dictionaries are merged key by key (an unset sub-option keeps its current
    value); any other value, lists included, replaces the current one.
    """
    if not isinstance(current, dict) or not isinstance(desired, dict):
        return copy.deepcopy(desired)
    merged = copy.deepcopy(current)
    for key, value in desired.items():
        if key in merged:
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


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


def differs(current, desired):
    """True when ``desired`` would change ``current`` (list order ignored)."""
    return canonical(deep_merge(current, desired)) != canonical(current)


def changed_keys(current, desired):
    """The top-level keys of ``desired`` whose value would change ``current``."""
    current = current or {}
    return sorted(key for key, value in desired.items() if differs(current.get(key), value))
