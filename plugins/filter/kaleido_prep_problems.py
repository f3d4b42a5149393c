# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
name: kaleido_prep_problems
short_description: Problems with the variables of the kaleido_prep role, found with the modules' own checks
version_added: 1.0.0
author:
  - Kaleido Cognito maintainers
description:
  - Takes a dictionary of the P(kaleido.cognito.kaleido_prep#role) role's variables and returns a message for each value
    that a module of this collection would refuse, naming the role's variable (for example C(kaleido_prep_callback_urls))
    rather than the module's option (C(callback_urls)).
  - The checks are those the modules run before any AWS call, imported from the collection's C(module_utils), so the role
    and the modules never disagree; no AWS call is made.
  - The user pool and app client names, the hosted-UI domain prefix (pattern and reserved words), the region, the id of a
    user pool to reuse (format, and its region against O(_input.kaleido_prep_region)), the id of an app client, the callback and sign-out URLs, the
    OAuth scopes, the identity providers, the tags, the domain wait timeout and the external identity providers are
    checked.
  - Keys that are missing are not checked; other keys are ignored. Empty O(_input.kaleido_prep_region),
    O(_input.kaleido_prep_user_pool_id) and O(_input.kaleido_prep_client_id) mean "not set" and are not checked.
  - The role's C(tasks/validate.yml) fails with all the problems at once, before any AWS call.
options:
  _input:
    description: The role's variables, by name.
    type: dict
    required: true
    suboptions:
      kaleido_prep_pool_name:
        description: Name of the user pool.
        type: str
      kaleido_prep_client_name:
        description: Name of the app client.
        type: str
      kaleido_prep_domain_prefix:
        description: Prefix of the hosted-UI domain.
        type: str
      kaleido_prep_region:
        description: AWS region, or empty.
        type: str
      kaleido_prep_user_pool_id:
        description: Id of a user pool to reuse, or empty.
        type: str
      kaleido_prep_client_id:
        description: Id of the app client of an earlier run, or empty.
        type: str
      kaleido_prep_callback_urls:
        description: Callback URLs of the app client.
        type: list
        elements: str
      kaleido_prep_logout_urls:
        description: Sign-out URLs of the app client.
        type: list
        elements: str
      kaleido_prep_oauth_scopes:
        description: OAuth scopes of the app client.
        type: list
        elements: str
      kaleido_prep_identity_providers:
        description: Identity providers of the app client.
        type: list
        elements: str
      kaleido_prep_tags:
        description: Tags of the user pool.
        type: dict
      kaleido_prep_secrets_manager_secret:
        description: Name of the AWS Secrets Manager secret of the handoff, or empty.
        type: str
      kaleido_prep_secrets_manager_recovery_window:
        description: Recovery window of that secret, in days (0 deletes it at once).
        type: int
      kaleido_prep_domain_wait_timeout:
        description: Seconds to wait for the domain to become active.
        type: int
      kaleido_prep_external_identity_providers:
        description:
          - External identity providers, each checked as M(kaleido.cognito.cognito_identity_provider) checks its options
            (with O(kaleido.cognito.cognito_identity_provider#module:require_email_mapping=true)); names must be unique.
        type: list
        elements: dict
"""

EXAMPLES = r"""
- name: Fail with every problem of the role's variables at once
  ansible.builtin.fail:
    msg: "{{ problems | join('; ') }}"
  when: problems | length > 0
  vars:
    problems: >-
      {{ {'kaleido_prep_pool_name': kaleido_prep_pool_name,
          'kaleido_prep_domain_prefix': kaleido_prep_domain_prefix,
          'kaleido_prep_callback_urls': kaleido_prep_callback_urls,
          'kaleido_prep_oauth_scopes': kaleido_prep_oauth_scopes} | kaleido.cognito.kaleido_prep_problems }}

- name: A scope the module would refuse
  ansible.builtin.debug:
    msg: "{{ {'kaleido_prep_oauth_scopes': ['openid', 'a\"b']} | kaleido.cognito.kaleido_prep_problems }}"
  # ["kaleido_prep_oauth_scopes: 'a\"b' must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes"]
"""

RETURN = r"""
_value:
  description: One message for each problem, each naming the role's variable; empty when there is none.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.validation import check_type_dict
from ansible.module_utils.common.validation import check_type_int
from ansible.module_utils.common.validation import check_type_list

from ansible_collections.kaleido.cognito.plugins.module_utils import app_client as clients
from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains
from ansible_collections.kaleido.cognito.plugins.module_utils import identity_provider as providers_utils
from ansible_collections.kaleido.cognito.plugins.module_utils import input_checks as checks

# Role variable -> module option of the same value; the modules' checks name the variable in their messages.
APP_CLIENT_OPTIONS = {
    "kaleido_prep_callback_urls": "callback_urls",
    "kaleido_prep_logout_urls": "logout_urls",
    "kaleido_prep_oauth_scopes": "allowed_oauth_scopes",
    "kaleido_prep_identity_providers": "supported_identity_providers",
}
DOMAIN_OPTIONS = {
    "kaleido_prep_domain_wait_timeout": "wait_timeout",
}
NAMES = ("kaleido_prep_pool_name", "kaleido_prep_client_name")


def option_names(variables):
    """The names the modules' checks give each option in their messages (option -> role variable)."""
    return dict((option, variable) for variable, option in variables.items())


def _text(value):
    """``value`` as a plain str, or None when it is not a string."""
    if isinstance(value, str):
        return "" + value
    return None


def _type_name(value):
    """The YAML name of the type of ``value`` (ansible-core's lazy containers are subclasses of dict and list)."""
    for kind, name in ((type(None), "null"), (bool, "bool"), (int, "int"), (float, "float"), (str, "str"), (dict, "dict"), (list, "list")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _string(variables, name, problems):
    value = _text(variables[name])
    if value is None:
        problems.append("{0} must be a string, got {1}".format(name, _type_name(variables[name])))
    return value


def _converted(variables, name, check, expected, problems):
    """``variables[name]`` converted by ``check`` (an ansible-core check_type_*), or None and a problem saying it must be ``expected``."""
    try:
        return check(variables[name])
    except TypeError:
        problems.append("{0} must be {1}, got {2}".format(name, expected, _type_name(variables[name])))
        return None


def _strings(variables, name, problems):
    """The list ``name`` of strings; problems for a value that is no list and for elements that are no strings."""
    values = _converted(variables, name, check_type_list, "a list of strings", problems) or []
    strings = []
    for value in values:
        text = _text(value)
        if text is None:
            problems.append("{0}: {1!r} must be a string, got {2}".format(name, value, _type_name(value)))
        else:
            strings.append(text)
    return strings


def _name_problems(variables):
    problems = []
    for name in NAMES:
        if name in variables:
            value = _string(variables, name, problems)
            if value is not None:
                problem = checks.name_problem(name, value)
                if problem:
                    problems.append(problem)
    return problems


def _domain_problems(variables):
    problems = []
    name = "kaleido_prep_domain_prefix"
    if name in variables:
        prefix = _string(variables, name, problems)
        if prefix is not None:
            for problem in domains.prefix_problems(prefix):
                problems.append("{0} {1!r} is not a valid Cognito domain prefix: it {2}".format(name, prefix, problem))
    params = {}
    for variable, option in DOMAIN_OPTIONS.items():
        if variable in variables:
            seconds = _converted(variables, variable, check_type_int, "a whole number of seconds", problems)
            if seconds is not None:
                params[option] = seconds
    problems.extend(domains.validation_errors(params, option_names(DOMAIN_OPTIONS)))
    return problems


def _region_problems(variables):
    """Problems of the region and the id of the pool to reuse, and the region to check that id against."""
    problems = []
    region = None
    name = "kaleido_prep_region"
    if name in variables:
        value = _string(variables, name, problems)
        if value:
            problem = checks.region_problem(name, value)
            if problem:
                problems.append(problem + " (or empty for the region of the environment)")
            else:
                region = value
    checks_of_ids = (
        ("kaleido_prep_user_pool_id", lambda name, value: checks.pool_id_problem(name, value, region, region_source="kaleido_prep_region")),
        ("kaleido_prep_client_id", checks.client_id_problem),
    )
    for name, check in checks_of_ids:
        if name in variables:
            value = _string(variables, name, problems)
            problem = check(name, value) if value else None
            if problem:
                problems.append(problem)
    return problems


def _app_client_problems(variables):
    problems = []
    params = {}
    for variable, option in APP_CLIENT_OPTIONS.items():
        if variable in variables:
            params[option] = _strings(variables, variable, problems)
    problems.extend(clients.input_problems(params, option_names(APP_CLIENT_OPTIONS)))
    return problems


def _tag_problems(variables):
    name = "kaleido_prep_tags"
    if name not in variables:
        return []
    problems = []
    tags = _converted(variables, name, check_type_dict, "a dictionary of tag names and values", problems)
    return problems if tags is None else checks.tag_problems(name, tags)


SECRETS_MANAGER_OPTIONS = ("kaleido_prep_secrets_manager_secret", "kaleido_prep_secrets_manager_recovery_window")


def _secrets_manager_problems(variables):
    """The handoff secret's name and recovery window (community.aws.secretsmanager_secret passes them to AWS)."""
    problems = []
    name, window = SECRETS_MANAGER_OPTIONS
    if variables.get(name):
        problems.append(checks.secret_name_problem(name, _text(variables[name])))
    if window in variables:
        days = _converted(variables, window, check_type_int, "a whole number of days", problems)
        if days is not None:
            problems.append(checks.recovery_window_problem(window, days))
    return [problem for problem in problems if problem]


PROVIDERS = "kaleido_prep_external_identity_providers"


def _provider_problems(variables):
    """The checks of cognito_identity_provider (require_email_mapping set, as the role sets it) for each provider."""
    if PROVIDERS not in variables:
        return []
    problems = []
    providers = _converted(variables, PROVIDERS, check_type_list, "a list of provider definitions", problems)
    if providers is None:
        return problems
    names = []
    for index, provider in enumerate(providers):
        where = "{0}[{1}]".format(PROVIDERS, index)
        if not isinstance(provider, dict):
            problems.append("{0} must be a dictionary with name, type, details and attribute_mapping, got {1}".format(where, _type_name(provider)))
            continue
        missing = [key for key in ("name", "type", "details", "attribute_mapping") if not provider.get(key)]
        if missing:
            problems.append("{0} needs {1}".format(where, ", ".join(missing)))
            continue
        if provider["type"] not in providers_utils.TYPES:
            problems.append("{0}: type must be one of {1}, got {2!r}".format(where, ", ".join(providers_utils.TYPES), provider["type"]))
            continue
        names.append(provider["name"])
        params = dict(provider, state="present", require_email_mapping=True)
        problems.extend("{0} ({1}): {2}".format(where, provider["name"], message) for message in providers_utils.input_problems(params))
    for name in sorted(set(name for name in names if names.count(name) > 1)):
        problems.append("{0}: the name {1!r} is used more than once".format(PROVIDERS, name))
    return problems


def kaleido_prep_problems(variables):
    """Messages for each value of the kaleido_prep role's ``variables`` that a module would refuse, naming the variable."""
    if not isinstance(variables, dict):
        raise AnsibleFilterError("kaleido_prep_problems expects a dictionary of the role's variables, got {0}".format(_type_name(variables)))
    problems = []
    problems.extend(_name_problems(variables))
    problems.extend(_domain_problems(variables))
    problems.extend(_region_problems(variables))
    problems.extend(_app_client_problems(variables))
    problems.extend(_tag_problems(variables))
    problems.extend(_provider_problems(variables))
    problems.extend(_secrets_manager_problems(variables))
    return problems


class FilterModule(object):
    """The kaleido_prep role's input checks."""

    def filters(self):
        return {"kaleido_prep_problems": kaleido_prep_problems}
