# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decisions about app clients, as pure functions (internal use only).

Building CreateUserPoolClient / UpdateUserPoolClient requests from module
options, checking the settings AWS would refuse, predicting results for check
mode, and turning a DescribeUserPoolClient result into the module's return
value and diff.  Nothing here calls AWS; the functions are unit-tested on
plain dictionaries.

The client secret is only ever copied into the return value by
:func:`client_to_ansible` with ``include_secret=True``; diffs and messages
built here never contain it.
"""

import copy
import re


from ansible_collections.kaleido.cognito.plugins.module_utils import model
from ansible_collections.kaleido.cognito.plugins.module_utils.input_checks import CONTROL_CHARACTER
from ansible_collections.kaleido.cognito.plugins.module_utils.input_checks import redirect_url_problem
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import camel_name
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import canonical
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import deep_merge
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import from_boto
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import to_boto

# snake_case names whose CamelCase form in the Cognito API is irregular.
NAME_OVERRIDES = {
    "callback_urls": "CallbackURLs",
    "logout_urls": "LogoutURLs",
    "default_redirect_uri": "DefaultRedirectURI",
    "allowed_oauth_flows": "AllowedOAuthFlows",
    "allowed_oauth_scopes": "AllowedOAuthScopes",
    "allowed_oauth_flows_user_pool_client": "AllowedOAuthFlowsUserPoolClient",
}

# Module option -> member of CreateUserPoolClient / UpdateUserPoolClient.
MUTABLE_OPTIONS = dict(
    (option, NAME_OVERRIDES.get(option) or camel_name(option))
    for option in (
        "callback_urls",
        "logout_urls",
        "default_redirect_uri",
        "allowed_oauth_flows",
        "allowed_oauth_scopes",
        "allowed_oauth_flows_user_pool_client",
        "supported_identity_providers",
        "explicit_auth_flows",
        "read_attributes",
        "write_attributes",
        "access_token_validity",
        "id_token_validity",
        "refresh_token_validity",
        "token_validity_units",
        "prevent_user_existence_errors",
        "enable_token_revocation",
        "enable_propagate_additional_user_context_data",
        "auth_session_validity",
    )
)

# Members an update sets by other means than the current configuration.
IDENTIFIERS = ("UserPoolId", "ClientId", "ClientName")


def update_fields():
    """The fields an update carries: UpdateUserPoolClient's request members that DescribeUserPoolClient reports.

    From the installed botocore's model (model.update_fields), besides the
    identifiers and the name (update_request() sets them).  AWS resets each
    one an update does not send, so an update carries all of them.
    """
    return model.update_fields("UpdateUserPoolClient", "DescribeUserPoolClient", "UserPoolClient", exclude=IDENTIFIERS)


# What AWS sets for a member that CreateUserPoolClient is not sent (botocore
# docs of CreateUserPoolClient members and of TokenValidityUnitsType).  Used
# to predict a new client in check mode and to interpret token validity units.
CREATE_DEFAULTS = {
    "RefreshTokenValidity": 30,
    "AccessTokenValidity": 1,
    "IdTokenValidity": 1,
    "TokenValidityUnits": {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
    "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"],
    "AllowedOAuthFlowsUserPoolClient": False,
    "PreventUserExistenceErrors": "LEGACY",
    "EnableTokenRevocation": True,
    "EnablePropagateAdditionalUserContextData": False,
    "AuthSessionValidity": 3,
}

# The settings that need AllowedOAuthFlowsUserPoolClient=true (botocore doc of
# AllowedOAuthFlowsUserPoolClient), as option -> request member.
OAUTH_SETTINGS = {
    "callback_urls": "CallbackURLs",
    "logout_urls": "LogoutURLs",
    "allowed_oauth_flows": "AllowedOAuthFlows",
    "allowed_oauth_scopes": "AllowedOAuthScopes",
}
OAUTH_OPTIONS = tuple(OAUTH_SETTINGS) + ("default_redirect_uri", "allowed_oauth_flows_user_pool_client")

# OAuth flows that redirect the browser to a callback URL; AWS refuses them
# on a client without CallbackURLs (InvalidOAuthFlowException, "CallbackUrls
# can not be empty"; CreateUserPoolClient CallbackURLs: "A list of allowed
# redirect (callback) URLs for the IdPs").
REDIRECT_FLOWS = ("code", "implicit")

# Token validity: option -> (request member, TokenValidityUnits member,
# shortest and longest duration in seconds).  TokenValidityUnitsType: access
# and ID tokens "can range from five minutes to one day", refresh tokens "from
# 60 minutes to 10 years".
TOKEN_VALIDITY = {
    "access_token_validity": ("AccessTokenValidity", "AccessToken", 5 * 60, 24 * 3600),
    "id_token_validity": ("IdTokenValidity", "IdToken", 5 * 60, 24 * 3600),
    "refresh_token_validity": ("RefreshTokenValidity", "RefreshToken", 60 * 60, 3650 * 24 * 3600),
}
UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
UNIT_OPTIONS = {"AccessToken": "access_token", "IdToken": "id_token", "RefreshToken": "refresh_token"}

# AuthSessionValidityType: 3 to 15 minutes.
AUTH_SESSION_VALIDITY = (3, 15)

# ExplicitAuthFlows values that cannot be combined with ALLOW_* values.
LEGACY_AUTH_FLOWS = ("ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH")

# botocore ProviderNameType: 1 to 32 letters, marks, symbols, numbers or
# punctuation (no white space, no control characters).
PROVIDER_NAME = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]{1,32}")
# botocore ScopeType: 1 to 256 printable ASCII characters but space, " and \.
SCOPE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]{1,256}")
# botocore ClientPermissionType (read and write attributes): 1 to 2048 characters.
ATTRIBUTE_MAX = 2048

# Fields that change without a change of configuration; left out of diffs.
VOLATILE_FIELDS = ("last_modified_date",)


def desired_settings(params):
    """The mutable settings a task asks for, as a partial UpdateUserPoolClient request."""
    desired = {}
    for option, key in MUTABLE_OPTIONS.items():
        if params.get(option) is not None:
            value = to_boto(params[option], NAME_OVERRIDES)
            if isinstance(value, dict) and not value:
                continue
            desired[key] = value
    return desired


def _seconds(value, unit):
    return value * UNIT_SECONDS[unit]


def _describe_range(low, high):
    return "{0} minutes to {1}".format(low // 60, "1 day" if high == 86400 else "10 years")


def token_validity_problems(values, units):
    """Messages for token validities AWS would refuse.

    ``values`` maps option names (``access_token_validity``, ...) to integers;
    ``units`` maps the same option names to a time unit, or to None when the
    unit is not known yet (then a value that no unit makes valid is refused).
    """
    problems = []
    for option, (dummy, unit_key, low, high) in TOKEN_VALIDITY.items():
        value = values.get(option)
        if value is None:
            continue
        unit = units.get(option)
        if unit is None:
            if not any(low <= _seconds(value, each) <= high for each in UNIT_SECONDS):
                problems.append("{0}={1} is outside the range AWS allows in any unit ({2})".format(option, value, _describe_range(low, high)))
        elif not low <= _seconds(value, unit) <= high:
            problems.append(
                "{0}={1} {2} (token_validity_units.{3}) is outside the range AWS allows ({4})".format(
                    option, value, unit, UNIT_OPTIONS[unit_key], _describe_range(low, high)
                )
            )
    return problems


def input_problems(params, names=None):
    """Messages for task options AWS would refuse, found without any AWS call.

    Each message names the option, or the name ``names`` gives it (the
    kaleido_prep role passes its variables' names: option -> variable).
    """
    def label(option):
        return (names or {}).get(option, option)

    problems = []
    for option in ("callback_urls", "logout_urls"):
        for url in params.get(option) or []:
            problem = redirect_url_problem(label(option), url)
            if problem:
                problems.append(problem)
        if len(params.get(option) or []) > 100:
            problems.append("{0}: AWS accepts at most 100 URLs".format(label(option)))
    default_uri = params.get("default_redirect_uri")
    if default_uri is not None:
        problem = redirect_url_problem(label("default_redirect_uri"), default_uri)
        if problem:
            problems.append(problem)
        callbacks = params.get("callback_urls")
        if callbacks is not None and default_uri not in callbacks:
            problems.append("{0} {1!r} must be one of {2}".format(label("default_redirect_uri"), default_uri, label("callback_urls")))

    for provider in params.get("supported_identity_providers") or []:
        if not PROVIDER_NAME.fullmatch(provider):
            problems.append("{0}: {1!r} must be 1 to 32 characters without white space or control characters".format(
                label("supported_identity_providers"), provider))
    for scope in params.get("allowed_oauth_scopes") or []:
        if not SCOPE.fullmatch(scope):
            problems.append(
                "{0}: {1!r} must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes".format(label("allowed_oauth_scopes"), scope)
            )
    for option in ("read_attributes", "write_attributes"):
        for attribute in params.get(option) or []:
            if not 1 <= len(attribute) <= ATTRIBUTE_MAX or CONTROL_CHARACTER.search(attribute):
                problems.append("{0}: {1!r} must be 1 to {2} characters without control characters".format(label(option), attribute, ATTRIBUTE_MAX))

    flows = params.get("allowed_oauth_flows") or []
    if "client_credentials" in flows and len(set(flows)) > 1:
        problems.append("allowed_oauth_flows: client_credentials must be the only flow, got {0}".format(", ".join(flows)))
    if params.get("allowed_oauth_flows_user_pool_client") is False:
        named = [option for option in OAUTH_SETTINGS if params.get(option)]
        if named:
            problems.append(
                "allowed_oauth_flows_user_pool_client must be true to set {0} (AWS ignores or refuses OAuth settings otherwise)".format(", ".join(named))
            )

    auth_flows = params.get("explicit_auth_flows") or []
    legacy = sorted(set(auth_flows) & set(LEGACY_AUTH_FLOWS))
    if legacy and len(set(auth_flows)) > len(legacy):
        problems.append("explicit_auth_flows: the legacy values {0} cannot be combined with ALLOW_* values".format(", ".join(legacy)))

    units = params.get("token_validity_units") or {}
    values = dict((option, params.get(option)) for option in TOKEN_VALIDITY)
    problems.extend(token_validity_problems(values, dict((option, units.get(UNIT_OPTIONS[TOKEN_VALIDITY[option][1]])) for option in TOKEN_VALIDITY)))

    session = params.get("auth_session_validity")
    if session is not None and not AUTH_SESSION_VALIDITY[0] <= session <= AUTH_SESSION_VALIDITY[1]:
        low, high = AUTH_SESSION_VALIDITY
        problems.append("auth_session_validity must be between {0} and {1} minutes, got {2}".format(low, high, session))

    if params.get("enable_propagate_additional_user_context_data") and params.get("generate_secret") is False:
        problems.append("enable_propagate_additional_user_context_data needs a client with a secret (generate_secret=true)")
    return problems


def configuration_problems(config, params):
    """Messages for a whole client configuration (request-shaped) AWS would refuse.

    Checked after the task's change is merged into the current configuration,
    before any write: token validities in their resulting units, the default
    redirect URI among the callback URLs and, when the task touches OAuth
    settings, that OAuth is enabled for the client.
    """
    problems = []
    units = deep_merge(CREATE_DEFAULTS["TokenValidityUnits"], config.get("TokenValidityUnits") or {})
    task_units = params.get("token_validity_units") or {}
    values = {}
    unit_of = {}
    for option, (key, unit_key, dummy, dummy2) in TOKEN_VALIDITY.items():
        touched = params.get(option) is not None or task_units.get(UNIT_OPTIONS[unit_key]) is not None
        if touched and config.get(key) is not None:
            values[option] = config[key]
            unit_of[option] = units[unit_key]
    problems.extend(token_validity_problems(values, unit_of))

    default_uri = config.get("DefaultRedirectURI")
    if default_uri and default_uri not in (config.get("CallbackURLs") or []):
        callbacks = config.get("CallbackURLs") or []
        problems.append("default_redirect_uri {0!r} must be one of callback_urls (the client would have {1})".format(default_uri, callbacks))

    redirecting = sorted(set(config.get("AllowedOAuthFlows") or []) & set(REDIRECT_FLOWS))
    if redirecting and not config.get("CallbackURLs"):
        problems.append(
            "allowed_oauth_flows {0} need at least one callback URL: set callback_urls, or leave {1} out of allowed_oauth_flows"
            " (AWS refuses it with InvalidOAuthFlowException)".format(", ".join(redirecting), " and ".join(redirecting))
        )

    if any(params.get(option) is not None for option in OAUTH_OPTIONS) and not config.get("AllowedOAuthFlowsUserPoolClient"):
        named = [option for option, key in OAUTH_SETTINGS.items() if config.get(key)]
        if named:
            problems.append(
                "allowed_oauth_flows_user_pool_client must be true for a client with {0}; set it to true in this task".format(", ".join(named))
            )
    return problems


def create_request(params):
    """The CreateUserPoolClient request for a task."""
    request = {"UserPoolId": params["user_pool_id"], "ClientName": params["name"], "GenerateSecret": bool(params.get("generate_secret"))}
    request.update(desired_settings(params))
    return request


def predicted_created_client(request):
    """What DescribeUserPoolClient will show for a client created with ``request`` (check mode).

    The prediction has no ClientId and no ClientSecret: AWS makes them up
    (nor a UserPoolId when the pool is still to be created).
    """
    client = copy.deepcopy(CREATE_DEFAULTS)
    for key, value in request.items():
        if key != "GenerateSecret" and value is not None:
            client[key] = deep_merge(client.get(key), value)
    return client


def has_secret(client):
    return bool(client.get("ClientSecret") or client.get("ClientSecretArn"))


def create_only_conflicts(client, params):
    """Messages for each create-only setting the task would change on ``client``."""
    desired = params.get("generate_secret")
    if desired is None or bool(desired) == has_secret(client):
        return []
    return [
        "generate_secret: app client {0} ({1}) was created {2} a client secret and the task asks for generate_secret={3};"
        " AWS cannot add or remove the generated secret of an existing app client (create a new app client instead);"
        " nothing was changed".format(client.get("ClientName"), client.get("ClientId"), "with" if has_secret(client) else "without", bool(desired))
    ]


def current_settings(client):
    """The part of a DescribeUserPoolClient result that UpdateUserPoolClient accepts."""
    return dict((key, copy.deepcopy(client[key])) for key in update_fields() if client.get(key) is not None)


def merged_settings(client, params):
    """The client's configuration with the task's change applied (update-request shaped, no ids)."""
    return deep_merge(current_settings(client), desired_settings(params))


def update_request(client, params):
    """The whole UpdateUserPoolClient request: the current configuration with the task's change.

    UpdateUserPoolClient resets every field it is not sent, so the request
    carries each current setting the task does not change.  Returns the
    request and the sorted list of fields that change (empty: nothing to do).
    """
    current = current_settings(client)
    merged = merged_settings(client, params)
    changes = sorted(key for key in set(merged) | set(current) if canonical(merged.get(key)) != canonical(current.get(key)))
    request = {"UserPoolId": client["UserPoolId"], "ClientId": client["ClientId"], "ClientName": client.get("ClientName")}
    name = params.get("name")
    if name is not None and name != client.get("ClientName"):
        request["ClientName"] = name
        changes.append("ClientName")
    request.update(merged)
    return request, sorted(changes)


def predicted_updated_client(client, request):
    """What DescribeUserPoolClient will show after ``request`` (check mode)."""
    predicted = copy.deepcopy(client)
    for key in update_fields():
        predicted.pop(key, None)
    predicted.update(dict((key, copy.deepcopy(value)) for key, value in request.items() if key not in ("UserPoolId", "ClientId")))
    return predicted


def client_to_ansible(client, include_secret=False):
    """The module's ``app_client`` return value, in snake_case.

    The secret is copied only when ``include_secret`` is true.
    """
    if not client:
        return {}
    client = dict(client)
    secret = client.pop("ClientSecret", None)
    result = from_boto(client)
    if include_secret and secret:
        result["client_secret"] = secret
    return result
