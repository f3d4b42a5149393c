# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decisions about user pool identity providers, as pure functions (internal use only).

Checking a task's provider before any AWS call, comparing it with what
DescribeIdentityProvider reports, building CreateIdentityProvider /
UpdateIdentityProvider requests, predicting results for check mode, and
turning a provider into the module's return value and diff.  Nothing here
calls AWS.

Sources: botocore's cognito-idp model (shapes ProviderNameTypeV2,
IdentityProviderTypeType, IdpIdentifierType, AttributeMappingKeyType) and the
documentation of CreateIdentityProvider ProviderDetails in it (the AWS API
reference text), which lists the details of each type and, for each type, the
details AWS reports on top of those it was sent ("Describe response").

Secrets (``client_secret``, ``private_key``) never leave this module in a
return value, a diff or a message: :func:`provider_to_ansible` drops them and
:func:`diff_view` replaces them by a marker.
"""

import copy
import re
import unicodedata

from ansible_collections.kaleido.cognito.plugins.module_utils.input_checks import CONTROL_CHARACTER
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import canonical
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import from_boto

TYPES = ("Google", "Facebook", "SignInWithApple", "LoginWithAmazon", "OIDC", "SAML")
# AWS requires a provider of these types to be named after its type ("Provider
# MyGoogle cannot be of type Google.", aws/aws-cli issue 3179).
SOCIAL_TYPES = ("Google", "Facebook", "SignInWithApple", "LoginWithAmazon")

SECRET_DETAILS = ("client_secret", "private_key")
# Markers that stand for a secret in a diff.
SECRET_MARKER = "(hidden)"
CHANGED_SECRET_MARKER = "(hidden, changed)"

# CreateIdentityProvider ProviderDetails: the details of each type.
REQUIRED_DETAILS = {
    "Google": ("client_id", "client_secret", "authorize_scopes"),
    "Facebook": ("client_id", "client_secret", "authorize_scopes"),
    "LoginWithAmazon": ("client_id", "client_secret", "authorize_scopes"),
    "SignInWithApple": ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
    "OIDC": ("client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"),
    "SAML": (),
}
OPTIONAL_DETAILS = {
    "Google": (),
    "Facebook": ("api_version",),
    "LoginWithAmazon": (),
    "SignInWithApple": (),
    # "The following keys are only present if Amazon Cognito didn't discover them at the oidc_issuer URL."
    "OIDC": ("client_secret", "authorize_url", "token_url", "attributes_url", "jwks_uri"),
    "SAML": ("MetadataURL", "MetadataFile", "IDPSignout", "IDPInit", "RequestSigningAlgorithm", "EncryptedResponses"),
}
SAML_METADATA = ("MetadataURL", "MetadataFile")
BOOLEAN_DETAILS = ("IDPSignout", "IDPInit", "EncryptedResponses")
# Endpoints that an OIDC provider discovers from oidc_issuer when they are not given.
OIDC_DISCOVERED = ("authorize_url", "token_url", "attributes_url", "jwks_uri")
# Details that AWS sets itself ("Describe response" of each type; "Amazon
# Cognito sets the value of the following keys automatically. They are
# read-only.": attributes_url_add_attributes).  Never sent back in an update:
# AWS sets them again.
AWS_SET_DETAILS = {
    "Google": ("attributes_url", "attributes_url_add_attributes", "authorize_url", "oidc_issuer", "token_request_method", "token_url"),
    "Facebook": ("attributes_url", "attributes_url_add_attributes", "authorize_url", "token_request_method", "token_url"),
    "LoginWithAmazon": ("attributes_url", "attributes_url_add_attributes", "authorize_url", "token_request_method", "token_url"),
    "SignInWithApple": ("attributes_url_add_attributes", "authorize_url", "oidc_issuer", "token_request_method", "token_url"),
    "OIDC": ("attributes_url_add_attributes",),
    "SAML": ("ActiveEncryptionCertificate", "SLORedirectBindingURI", "SSORedirectBindingURI"),
}
# What AWS reports for them where it does not depend on the provider (the same
# documentation); used for the check-mode prediction.
AWS_SET_VALUES = {
    "Google": {
        "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "oidc_issuer": "https://accounts.google.com",
        "token_request_method": "POST",
        "token_url": "https://www.googleapis.com/oauth2/v4/token",
    },
    "LoginWithAmazon": {
        "attributes_url": "https://api.amazon.com/user/profile",
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://www.amazon.com/ap/oa",
        "token_request_method": "POST",
        "token_url": "https://api.amazon.com/auth/o2/token",
    },
    "SignInWithApple": {
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://appleid.apple.com/auth/authorize",
        "oidc_issuer": "https://appleid.apple.com",
        "token_request_method": "POST",
        "token_url": "https://appleid.apple.com/auth/token",
    },
    "Facebook": {"attributes_url_add_attributes": "true", "token_request_method": "GET"},
    "OIDC": {"attributes_url_add_attributes": "false"},
}
# Values AWS builds from the provider's api_version (the Facebook "Describe
# response", api_version v17.0: https://graph.facebook.com/v17.0/oauth/access_token).
# AWS does not document the version it uses for a provider without one: those
# values are then left out of predictions, as the ids AWS makes up are.
AWS_SET_VERSIONED_VALUES = {
    "Facebook": {
        "attributes_url": "https://graph.facebook.com/{api_version}/me?fields=",
        "authorize_url": "https://www.facebook.com/{api_version}/dialog/oauth",
        "token_url": "https://graph.facebook.com/{api_version}/oauth/access_token",
    },
}
# Every detail a task may name (the module's suboptions).
ALL_DETAILS = tuple(sorted(set(key for keys in list(REQUIRED_DETAILS.values()) + list(OPTIONAL_DETAILS.values()) for key in keys)))

# botocore IdpIdentifiersListType / IdpIdentifierType, AttributeMappingKeyType.
MAX_IDP_IDENTIFIERS = 50
IDP_IDENTIFIER = re.compile(r"[\w\s+=.@-]{1,40}", re.ASCII)
ATTRIBUTE_KEY_MAX = 32
DETAIL_VALUE_MAX = 131072
NAME_MAX = 32
# AWS maps username to sub when a task does not name username (moto does the same).
DEFAULT_USERNAME_MAPPING = ("username", "sub")

VOLATILE_FIELDS = ("last_modified_date",)


def _category(character):
    return unicodedata.category(character)


def name_problem(name, creating=True):
    """A message when ``name`` is not a provider name AWS accepts, else None.

    botocore ProviderNameTypeV2 (CreateIdentityProvider), 1 to 32 characters of
    the pattern ``[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+``: no
    space, no ``_`` but as the second character, and at least 3 characters.
    With ``creating`` false, ProviderNameType (Describe, Update, Delete):
    1 to 32 letters, marks, symbols, numbers, punctuation or spaces.
    """
    if CONTROL_CHARACTER.search(name) or not 1 <= len(name) <= NAME_MAX:
        return "name must be 1 to {0} characters without control characters, got {1!r}".format(NAME_MAX, name)
    if not creating:
        if all(_category(character)[0] in "LMSNPZ" for character in name):
            return None
        return "name must be letters, marks, symbols, numbers, punctuation or spaces, got {0!r}".format(name)

    def free(character):
        return character != "_" and _category(character)[0] != "Z"

    if len(name) >= 3 and free(name[0]) and _category(name[1])[0] in "LMSNP" and all(free(character) for character in name[2:]):
        return None
    return (
        "name must be 3 to 32 characters without spaces, and without underscores but as the second character,"
        " as AWS requires of a new identity provider (botocore ProviderNameTypeV2), got {0!r}".format(name)
    )


def details_of(params_details):
    """The task's ``details`` as AWS's ProviderDetails (strings), without unset keys."""
    result = {}
    for key, value in (params_details or {}).items():
        if value is None:
            continue
        if key in BOOLEAN_DETAILS or isinstance(value, bool):
            value = "true" if value else "false"
        result[key] = str(value)
    return result


def input_problems(params):
    """Messages for a task AWS would refuse, found without any AWS call."""
    problems = []
    name = params.get("name")
    state = params.get("state", "present")
    problem = name_problem(name, creating=state == "present")
    if problem:
        problems.append(problem)
    if state != "present":
        return problems
    provider_type = params.get("type")
    if provider_type in SOCIAL_TYPES and name != provider_type:
        problems.append(
            "Provider {0} cannot be of type {1}: AWS requires a {1} identity provider to be named {1} (set name: {1})".format(name, provider_type)
        )
    details = details_of(params.get("details"))
    if params.get("details") is not None:
        if provider_type is None:
            problems.append("type is required with details (the details AWS requires depend on the type)")
        else:
            problems.extend(details_problems(provider_type, details))
    mapping = params.get("attribute_mapping")
    for key, value in sorted((mapping or {}).items()):
        if not 1 <= len(key) <= ATTRIBUTE_KEY_MAX:
            problems.append("attribute_mapping: the user pool attribute {0!r} must be 1 to {1} characters".format(key, ATTRIBUTE_KEY_MAX))
        if value is None or not str(value) or len(str(value)) > DETAIL_VALUE_MAX:
            problems.append("attribute_mapping: the provider attribute of {0!r} must be a non-empty string".format(key))
    identifiers = params.get("idp_identifiers")
    if identifiers is not None:
        if len(identifiers) > MAX_IDP_IDENTIFIERS:
            problems.append("idp_identifiers: AWS accepts at most {0} identifiers, got {1}".format(MAX_IDP_IDENTIFIERS, len(identifiers)))
        for identifier in identifiers:
            if not IDP_IDENTIFIER.fullmatch(identifier):
                problems.append("idp_identifiers: {0!r} must be 1 to 40 letters, digits, spaces or _+=.@- characters".format(identifier))
        if len(set(identifiers)) != len(identifiers):
            problems.append("idp_identifiers: each identifier may appear once")
    if params.get("require_email_mapping") and mapping is not None and "email" not in mapping:
        problems.append(email_mapping_message(name, mapping))
    return problems


def details_problems(provider_type, details):
    """Messages for ``details`` (ProviderDetails) that a ``provider_type`` provider cannot have."""
    problems = []
    missing = [key for key in REQUIRED_DETAILS[provider_type] if not details.get(key)]
    if missing:
        problems.append(
            "details: a {0} identity provider needs {1} (missing: {2})".format(provider_type, ", ".join(REQUIRED_DETAILS[provider_type]), ", ".join(missing))
        )
    if provider_type == "SAML" and len([key for key in SAML_METADATA if details.get(key)]) != 1:
        problems.append("details: a SAML identity provider needs exactly one of MetadataURL and MetadataFile")
    allowed = set(REQUIRED_DETAILS[provider_type]) | set(OPTIONAL_DETAILS[provider_type])
    for key in sorted(set(details) - allowed):
        if key in AWS_SET_DETAILS[provider_type]:
            problems.append("details: AWS sets {0} of a {1} identity provider itself; leave it out".format(key, provider_type))
        else:
            problems.append("details: {0} is not a detail of a {1} identity provider".format(key, provider_type))
    for key, value in sorted(details.items()):
        if len(value) > DETAIL_VALUE_MAX:
            problems.append("details: {0} must be at most {1} characters".format(key, DETAIL_VALUE_MAX))
    return problems


def email_mapping_message(name, mapping):
    mapped = ", ".join(sorted(mapping or {})) or "nothing"
    return (
        "attribute_mapping of identity provider {0} does not map email (it maps {1}); users who sign in through it get no email"
        " address, which Kaleido needs to invite them: add email: <the provider's email attribute> to attribute_mapping".format(name, mapped)
    )


def type_conflict(current, params):
    """The message when the task asks for another type than the existing provider's, else None."""
    desired = params.get("type")
    if desired is None or desired == current.get("ProviderType"):
        return None
    return (
        "type: identity provider {0} of user pool {1} is of type {2} and the task asks for type {3}; AWS cannot change the type"
        " of an identity provider (delete it and create a new one); nothing was changed".format(
            current.get("ProviderName"), current.get("UserPoolId"), current.get("ProviderType"), desired)
    )


def _mapping_equal(current, desired):
    """Whether AttributeMapping ``current`` (AWS) is ``desired`` (task), AWS's own username: sub aside."""
    current = dict(current or {})
    key, value = DEFAULT_USERNAME_MAPPING
    if key not in desired and current.get(key) == value:
        del current[key]
    return current == dict(desired)


def detail_changes(provider_type, current, desired):
    """The keys of ``desired`` details that differ from ``current``.

    Only the keys the task names are compared: AWS adds details of its own.  A
    secret that AWS does not report (SignInWithApple's private_key) cannot be
    compared and does not count as a change.
    """
    changed = []
    for key, value in sorted(desired.items()):
        if provider_type == "SignInWithApple" and key == "private_key" and key not in current:
            continue
        if current.get(key) != value:
            changed.append(key)
    return changed


def merged_details(provider_type, current, desired):
    """The whole ProviderDetails an update sends: the current details, the task's applied on top.

    AWS replaces the details with what an update sends, so the update carries
    the current details the task does not name (secrets included), except
    those AWS sets itself and, when the task changes oidc_issuer, the endpoints
    discovered from the old issuer; a SAML metadata document or URL the task
    names replaces the other one.
    """
    merged = dict((key, value) for key, value in (current or {}).items() if key not in AWS_SET_DETAILS.get(provider_type, ()))
    if provider_type == "OIDC" and desired.get("oidc_issuer") not in (None, (current or {}).get("oidc_issuer")):
        for key in OIDC_DISCOVERED:
            merged.pop(key, None)
    if provider_type == "SAML" and any(key in desired for key in SAML_METADATA):
        for key in SAML_METADATA:
            merged.pop(key, None)
    merged.update(desired)
    return merged


def create_request(params):
    request = {
        "UserPoolId": params["user_pool_id"],
        "ProviderName": params["name"],
        "ProviderType": params["type"],
        "ProviderDetails": details_of(params.get("details")),
    }
    if params.get("attribute_mapping") is not None:
        request["AttributeMapping"] = dict((key, str(value)) for key, value in params["attribute_mapping"].items())
    if params.get("idp_identifiers") is not None:
        request["IdpIdentifiers"] = list(params["idp_identifiers"])
    return request


def aws_set_values(provider_type, details):
    """The details AWS sets on a ``provider_type`` provider with ``details``, as far as they are known before AWS sets them."""
    values = dict(AWS_SET_VALUES.get(provider_type, {}))
    version = details.get("api_version")
    if version:
        values.update((key, template.format(api_version=version)) for key, template in AWS_SET_VERSIONED_VALUES.get(provider_type, {}).items())
    return values


def predicted_created_provider(request):
    """What DescribeIdentityProvider will show for a provider created with ``request`` (check mode)."""
    provider = copy.deepcopy(request)
    details = dict(provider.get("ProviderDetails") or {})
    details.update(aws_set_values(provider["ProviderType"], details))
    if provider["ProviderType"] == "SignInWithApple":
        details.pop("private_key", None)
    provider["ProviderDetails"] = details
    provider.setdefault("AttributeMapping", {})
    return provider


def update_request(current, params):
    """The UpdateIdentityProvider request for a task, and the sorted names of what changes (empty: nothing to do).

    Details, attribute mapping and identifiers are sent only when they change.
    """
    provider_type = current["ProviderType"]
    request = {"UserPoolId": current["UserPoolId"], "ProviderName": current["ProviderName"]}
    changes = []
    desired = details_of(params.get("details"))
    current_details = current.get("ProviderDetails") or {}
    changed_details = detail_changes(provider_type, current_details, desired)
    if changed_details:
        request["ProviderDetails"] = merged_details(provider_type, current_details, desired)
        changes.extend("details." + key for key in changed_details)
    mapping = params.get("attribute_mapping")
    if mapping is not None:
        mapping = dict((key, str(value)) for key, value in mapping.items())
        if not _mapping_equal(current.get("AttributeMapping"), mapping):
            request["AttributeMapping"] = mapping
            changes.append("attribute_mapping")
    identifiers = params.get("idp_identifiers")
    if identifiers is not None and canonical(list(identifiers)) != canonical(current.get("IdpIdentifiers") or []):
        request["IdpIdentifiers"] = list(identifiers)
        changes.append("idp_identifiers")
    return request, changes


def predicted_updated_provider(current, request):
    """What DescribeIdentityProvider will show after ``request`` (check mode)."""
    predicted = copy.deepcopy(current)
    provider_type = current["ProviderType"]
    if "ProviderDetails" in request:
        details = dict(request["ProviderDetails"])
        for key in AWS_SET_DETAILS.get(provider_type, ()):
            if key in (current.get("ProviderDetails") or {}) and key not in OIDC_DISCOVERED:
                details[key] = current["ProviderDetails"][key]
        details.update(aws_set_values(provider_type, details))
        if provider_type == "SignInWithApple":
            details.pop("private_key", None)
        predicted["ProviderDetails"] = details
    for key in ("AttributeMapping", "IdpIdentifiers"):
        if key in request:
            predicted[key] = copy.deepcopy(request[key])
    return predicted


def resulting_mapping(current, params):
    """The attribute mapping the provider has after the task."""
    if params.get("attribute_mapping") is not None:
        return params["attribute_mapping"]
    return (current or {}).get("AttributeMapping") or {}


def clients_listing(clients, name):
    """The app clients (DescribeUserPoolClient results) whose SupportedIdentityProviders name ``name``."""
    return [client for client in clients if name in (client.get("SupportedIdentityProviders") or [])]


def describe_clients(clients):
    """'<id> (<name>)' for each client, for messages."""
    return ", ".join("{0} ({1})".format(client.get("ClientId"), client.get("ClientName")) for client in clients)


def in_use_message(name, pool_id, clients):
    return (
        "identity provider {0} of user pool {1} is a supported identity provider of {2} app client{3}: {4}; remove it from their"
        " supported_identity_providers first, or set remove_from_clients: true to have this task do it; nothing was deleted".format(
            name, pool_id, len(clients), "" if len(clients) == 1 else "s", describe_clients(clients))
    )


def provider_to_ansible(provider):
    """The module's ``identity_provider`` return value, without secrets.

    Top-level keys in snake_case; ProviderDetails and AttributeMapping keys as
    AWS spells them.
    """
    if not provider:
        return {}
    provider = dict(provider)
    provider["ProviderDetails"] = dict((key, value) for key, value in (provider.get("ProviderDetails") or {}).items() if key not in SECRET_DETAILS)
    return from_boto(provider, keep_keys=("ProviderDetails", "AttributeMapping"))


def diff_view(provider, secrets_changed=()):
    """``provider`` as the diff shows it: each secret it holds replaced by a marker.

    ``secrets_changed`` names the secrets the change replaces: their marker says so.
    """
    if not provider:
        return {}
    view = provider_to_ansible(provider)
    details = provider.get("ProviderDetails") or {}
    for key in SECRET_DETAILS:
        if key in details or key in secrets_changed:
            view.setdefault("provider_details", {})[key] = CHANGED_SECRET_MARKER if key in secrets_changed else SECRET_MARKER
    return view
