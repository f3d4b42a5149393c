# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A moto server patched so that cognito-idp behaves like AWS Cognito.

Every deviation of moto 5.2.5 from AWS that this collection's tests depend on
is corrected here, in one place, so that the corrections can be offered
upstream to moto.  Each patch cites the AWS documentation it follows; "botocore
doc of X" means the documentation text of operation or shape X in the botocore
service model ``botocore/data/cognito-idp/2016-04-18/service-2.json``, which is
the AWS API reference text.

Run as a program (``python cognito_emulator.py --port 0 --port-file PATH``) it
serves moto on 127.0.0.1 with these patches applied plus a WSGI middleware:

* ``GET /_emulator/calls``: ``{"calls": [operation, ...]}``, every cognito-idp
  operation received since the last reset, in order of arrival;
* ``POST /_emulator/calls/reset``: clears that log;
* ``GET /_emulator/config``, ``POST /_emulator/config`` (JSON body): read or
  set knobs, currently ``domain_creating_seconds`` (a new domain reports
  ``CREATING``, an updated one ``UPDATING``, for that many seconds; default 0);
* ``POST /_emulator/reset``: clears the call log and restores default knobs;
* ``GET /_emulator/health``: readiness probe.

moto's own ``POST /moto-api/reset`` keeps working and resets all AWS state.

Defaults reported for a user pool created with only ``PoolName``
(``DescribeUserPool``), and restored by ``UpdateUserPool`` for every field it
is not sent:

* ``Policies.PasswordPolicy``: MinimumLength 8, RequireUppercase,
  RequireLowercase, RequireNumbers, RequireSymbols true (the default password
  policy of AWS and of moto; not stated in the botocore model);
  TemporaryPasswordValidityDays 7: botocore doc of PasswordPolicyType
  ("Defaults to 7").
* ``DeletionProtection`` INACTIVE: botocore doc of DeletionProtectionType
  (protection is only active when activated).
* ``MfaConfiguration`` OFF: botocore doc of UserPoolMfaType.
* ``LambdaConfig`` {} and ``UserPoolTags`` {}: nothing configured.
* ``AdminCreateUserConfig``: AllowAdminCreateUserOnly false,
  UnusedAccountValidityDays 7: botocore doc of AdminCreateUserConfigType
  ("The default value for this parameter is 7").
* ``VerificationMessageTemplate``: DefaultEmailOption CONFIRM_WITH_CODE
  (DefaultEmailOptionType; what AWS reports when no template is set, not
  stated in the botocore model).
* ``EmailConfiguration``: EmailSendingAccount COGNITO_DEFAULT: botocore doc of
  EmailConfigurationType ("When you use the default option...").
* ``UserPoolTier`` ESSENTIALS: botocore doc of CreateUserPool UserPoolTier
  ("Defaults to ESSENTIALS").
* ``SchemaAttributes``: the standard attributes (moto's list).
* no ``AutoVerifiedAttributes``, ``AliasAttributes``, ``UsernameAttributes``,
  ``AccountRecoverySetting`` (botocore doc of UserPoolType
  AccountRecoverySetting: "In the absence of this setting, Amazon Cognito uses
  the legacy behavior"), ``DeviceConfiguration`` ("A null value indicates that
  you have deactivated device remembering"), ``SmsConfiguration``.
  moto's invented invitation and verification message texts are not reported.

Defaults reported for an app client created with only ``ClientName``
(``DescribeUserPoolClient``), restored by ``UpdateUserPoolClient``:

* ``RefreshTokenValidity`` 30 (days), ``AccessTokenValidity`` 1 and
  ``IdTokenValidity`` 1 (hours), ``TokenValidityUnits`` {AccessToken: hours,
  IdToken: hours, RefreshToken: days}: botocore docs of CreateUserPoolClient
  RefreshTokenValidity / AccessTokenValidity / IdTokenValidity ("your access
  tokens are valid for one hour", "valid for 30 days") and TokenValidityUnitsType.
* ``ExplicitAuthFlows`` ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH,
  ALLOW_CUSTOM_AUTH: botocore doc of CreateUserPoolClient ExplicitAuthFlows.
* ``AllowedOAuthFlowsUserPoolClient`` false: "it defaults to false".
* ``PreventUserExistenceErrors`` LEGACY: "Defaults to LEGACY".
* ``EnableTokenRevocation`` true: "token revocation is automatically activated".
* ``EnablePropagateAdditionalUserContextData`` false, ``AuthSessionValidity`` 3
  (minutes; the lower bound of AuthSessionValidityType and moto's default).
"""

from __future__ import absolute_import, division, print_function

import argparse
import copy
import hashlib
import json
import os
import re
import sys
import threading
import time

try:
    from . import local_server
except ImportError:  # run as a script: this directory is sys.path[0]
    import local_server  # pylint: disable=import-error

# pylint: disable=invalid-name
__metaclass__ = type

COGNITO_TARGET_PREFIX = "AWSCognitoIdentityProviderService."

DEFAULT_KNOBS = {"domain_creating_seconds": 0}
_KNOBS = dict(DEFAULT_KNOBS)
_KNOBS_LOCK = threading.Lock()

POOL_DEFAULTS = {
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 8,
            "RequireUppercase": True,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": True,
            "TemporaryPasswordValidityDays": 7,
        },
    },
    "DeletionProtection": "INACTIVE",
    "LambdaConfig": {},
    "MfaConfiguration": "OFF",
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "UserPoolTags": {},
    "UserPoolTier": "ESSENTIALS",
}

# Fixed at creation: UpdateUserPool does not accept them (botocore: they are
# members of CreateUserPoolRequest but not of UpdateUserPoolRequest; AWS
# developer guide: "you can't change ... after you create the user pool").
POOL_CREATE_ONLY = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")

CLIENT_DEFAULTS = {
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

# Request members that UserPoolClientType does not report.
CLIENT_NOT_REPORTED = ("GenerateSecret", "ClientSecret", "PublishSecretsInAWSSecretsManager", "UserPoolId", "ClientId")

# botocore shape DomainType pattern (a prefix domain).
PREFIX_DOMAIN_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")

_PATCHED = []
_ORIGINALS = {}
# Serialises CreateUserPoolDomain so that the uniqueness checks and the
# creation are atomic in the threaded server.
_DOMAIN_LOCK = threading.Lock()


def get_knob(name):
    """Return the current value of an emulator knob."""
    with _KNOBS_LOCK:
        return _KNOBS[name]


def set_knobs(knobs):
    """Set emulator knobs; unknown names or bad values raise ValueError."""
    checked = {}
    for name, value in knobs.items():
        if name not in DEFAULT_KNOBS:
            raise ValueError("unknown knob: %s" % name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError("knob %s needs a number >= 0" % name)
        checked[name] = value
    with _KNOBS_LOCK:
        _KNOBS.update(checked)


def reset_knobs():
    """Restore the default knobs."""
    with _KNOBS_LOCK:
        _KNOBS.clear()
        _KNOBS.update(DEFAULT_KNOBS)


def _fill(target, defaults):
    """Add the keys of ``defaults`` missing from ``target`` (a dict), in place."""
    for key, value in defaults.items():
        target.setdefault(key, copy.deepcopy(value))


def _pool_config(params):
    """The configuration AWS reports for a pool created or updated with ``params``."""
    config = copy.deepcopy(POOL_DEFAULTS)
    for key, value in params.items():
        if key not in ("UserPoolId", "PoolName"):
            config[key] = copy.deepcopy(value)
    # PasswordPolicyType TemporaryPasswordValidityDays: "Defaults to 7. If you
    # submit a value of 0, Amazon Cognito treats it as a null value and sets
    # TemporaryPasswordValidityDays to its default value."
    password_policy = config.get("Policies", {}).get("PasswordPolicy")
    if isinstance(password_policy, dict) and not password_policy.get("TemporaryPasswordValidityDays"):
        password_policy["TemporaryPasswordValidityDays"] = 7
    # AdminCreateUserConfigType UnusedAccountValidityDays: "The default value for this parameter is 7."
    _fill(config["AdminCreateUserConfig"], {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7})
    _fill(config["VerificationMessageTemplate"], POOL_DEFAULTS["VerificationMessageTemplate"])
    _fill(config["EmailConfiguration"], POOL_DEFAULTS["EmailConfiguration"])
    # The legacy top-level message fields mirror the template when it has them
    # (UserPoolType: SmsVerificationMessage etc. "no longer used"), as moto does.
    template = config["VerificationMessageTemplate"]
    for legacy, member in (("SmsVerificationMessage", "SmsMessage"), ("EmailVerificationMessage", "EmailMessage"),
                           ("EmailVerificationSubject", "EmailSubject")):
        if legacy not in config and template.get(member):
            config[legacy] = template[member]
    return config


# ---------------------------------------------------------------- user pools

def _pool_update_extended_config(self, extended_config):
    """Replaces CognitoIdpUserPool.update_extended_config.

    CreateUserPool (botocore doc): "If you don't provide a value for an
    attribute, Amazon Cognito sets it to its default value."  The defaults are
    the ones AWS reports (see the module docstring), not moto's invented message
    texts.
    """
    config = _pool_config(extended_config or {})
    self.mfa_config = config.pop("MfaConfiguration")
    self.extended_config = config


def _backend_update_user_pool(self, user_pool_id, extended_config):
    """Replaces CognitoIdpBackend.update_user_pool.

    UpdateUserPool (botocore doc): "If you don't provide a value for an
    attribute, Amazon Cognito sets it to its default value."  Exceptions kept
    from the current pool: UserPoolTier when omitted (CreateUserPool
    UserPoolTier "Defaults to ESSENTIALS"; an update without it does not
    downgrade), PoolName when omitted, and the create-only settings
    (UsernameAttributes, AliasAttributes, UsernameConfiguration, the schema),
    which UpdateUserPoolRequest has no member for.  moto 5.2.5 drops the
    create-only settings and ignores PoolName.
    """
    pool = self.describe_user_pool(user_pool_id)
    params = dict(extended_config or {})
    name = params.pop("PoolName", None)
    for key in POOL_CREATE_ONLY + ("Schema",):
        params.pop(key, None)
    params.setdefault("UserPoolTier", pool.extended_config.get("UserPoolTier", "ESSENTIALS"))
    kept = dict((key, pool.extended_config[key]) for key in POOL_CREATE_ONLY if key in pool.extended_config)
    pool.update_extended_config(params)
    pool.extended_config.update(kept)
    if name:
        pool.name = name
    pool.last_modified_date = _utcnow()


def _pool_domains(pool):
    """The domains of ``pool`` in its own account and region."""
    backend = _models().cognitoidp_backends[pool.account_id][pool.region]
    return [dom for dom in list(backend.user_pool_domains.values()) if dom.user_pool_id == pool.id]


def _pool_to_json(self, extended=False):
    """Wraps CognitoIdpUserPool.to_json.

    UserPoolType (botocore doc): Domain is "The domain prefix, if the user pool
    has a domain associated with it"; CustomDomain is "A custom domain name that
    you provide to Amazon Cognito".  moto reports any domain as Domain.
    """
    data = _ORIGINALS["pool_to_json"](self, extended)
    data.pop("Domain", None)
    data.pop("Status", None)
    for dom in _pool_domains(self):
        data["CustomDomain" if _is_custom(dom.domain) else "Domain"] = dom.domain
    return data


def _backend_delete_user_pool(self, user_pool_id):
    """Wraps CognitoIdpBackend.delete_user_pool.

    DeletionProtectionType (botocore doc of UserPoolType DeletionProtection):
    "When you try to delete a protected user pool in a DeleteUserPool API
    request, Amazon Cognito returns an InvalidParameterException error."
    A user pool with a domain cannot be deleted until the domain is deleted
    (InvalidParameterException; the exact message text is not confirmed).
    moto deletes in both cases.
    """
    models = _models()
    pool = self.describe_user_pool(user_pool_id)
    if pool.extended_config.get("DeletionProtection") == "ACTIVE":
        raise models.InvalidParameterException(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deletion protection must be inactivated first.")
    if _pool_domains(pool):
        raise models.InvalidParameterException(
            "User pool cannot be deleted. It has a domain configured that should be deleted first.")
    _ORIGINALS["delete_user_pool"](self, user_pool_id)


# ------------------------------------------------------------------- domains

def _is_custom(domain):
    """A custom domain is a fully qualified name; a prefix has no dot (DomainType)."""
    return "." in domain


def _all_domains():
    """Every domain of every account and region: (region, domain object)."""
    for per_account in list(_models().cognitoidp_backends.values()):
        for region, backend in list(per_account.items()):
            for dom in list(backend.user_pool_domains.values()):
                yield region, dom


def _validate_new_domain(backend, pool, domain, custom_domain_config):
    """Checks of CreateUserPoolDomain that moto 5.2.5 does not make."""
    invalid = _models().InvalidParameterException
    if _is_custom(domain):
        # CreateUserPoolDomain (botocore doc): "When you choose a custom domain,
        # you must provide an SSL certificate in the US East (N. Virginia)
        # Amazon Web Services Region in your request."
        if not (custom_domain_config or {}).get("CertificateArn"):
            raise invalid("CustomDomainConfig with a CertificateArn is required for a custom domain.")
    else:
        # DomainType pattern ^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$ and the
        # developer guide "Using the Amazon Cognito domain": the prefix cannot
        # contain aws, amazon or cognito.
        if not PREFIX_DOMAIN_RE.match(domain):
            raise invalid(
                "1 validation error detected: Value '%s' at 'domain' failed to satisfy constraint: "
                "Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$" % domain)
        for word in RESERVED_DOMAIN_WORDS:
            if word in domain:
                raise invalid("Domain cannot contain reserved word: %s" % word)
    # Prefix domains are unique per region across all accounts, custom domains
    # everywhere (developer guide "Using the Amazon Cognito domain": the prefix
    # must be "available"; AWS answers "Domain already associated with another
    # user pool.").  moto silently re-points the domain.
    for region, dom in _all_domains():
        if dom.domain == domain and (_is_custom(domain) or region == backend.region_name):
            raise invalid("Domain already associated with another user pool.")
    # A pool has at most one prefix domain and one custom domain.
    for dom in _pool_domains(pool):
        if _is_custom(dom.domain) == _is_custom(domain):
            raise invalid("User pool already has a domain configured.")


def _backend_create_user_pool_domain(self, user_pool_id, domain, custom_domain_config=None, managed_login_version=None):
    """Wraps CognitoIdpBackend.create_user_pool_domain (validation, state for DescribeUserPoolDomain)."""
    pool = self.describe_user_pool(user_pool_id)
    with _DOMAIN_LOCK:
        _validate_new_domain(self, pool, domain, custom_domain_config)
        dom = _ORIGINALS["create_user_pool_domain"](self, user_pool_id, domain, custom_domain_config)
    dom.emulator_account_id = self.account_id
    # CreateUserPoolDomain ManagedLoginVersion: "1 indicates hosted UI (classic)"; not given -> 1.
    dom.emulator_managed_login_version = managed_login_version or 1
    _mark_transition(dom, "CREATING")
    return dom


def _mark_transition(dom, status):
    dom.emulator_transition = status
    dom.emulator_since = time.monotonic()


def _domain_owned(backend, domain, user_pool_id):
    """DeleteUserPoolDomain / UpdateUserPoolDomain take a required UserPoolId
    (botocore DeleteUserPoolDomainRequest: "The ID of the user pool where you
    want to delete the domain"); moto ignores it."""
    models = _models()
    dom = backend.user_pool_domains.get(domain)
    if dom is None:
        raise models.ResourceNotFoundError(domain)
    if user_pool_id is not None and dom.user_pool_id != user_pool_id:
        raise models.InvalidParameterException("Domain %s is not associated with user pool %s." % (domain, user_pool_id))
    return dom


def _backend_delete_user_pool_domain(self, domain, user_pool_id=None):
    """Wraps CognitoIdpBackend.delete_user_pool_domain (UserPoolId must match)."""
    _domain_owned(self, domain, user_pool_id)
    _ORIGINALS["delete_user_pool_domain"](self, domain)


def _backend_update_user_pool_domain(self, domain, custom_domain_config=None, user_pool_id=None, managed_login_version=None):
    """Replaces CognitoIdpBackend.update_user_pool_domain.

    UpdateUserPoolDomain (botocore doc): "updates the branding version ... It
    also updates the SSL certificate for user pool custom domains ... This
    operation doesn't change the name of your user pool domain."  moto drops
    the certificate when it is not sent and ignores ManagedLoginVersion.
    """
    dom = _domain_owned(self, domain, user_pool_id)
    if custom_domain_config:
        if not _is_custom(domain):
            raise _models().InvalidParameterException("CustomDomainConfig can only be set for a custom domain.")
        dom.custom_domain_config = dict(custom_domain_config)
    if managed_login_version is not None:
        dom.emulator_managed_login_version = managed_login_version
    _mark_transition(dom, "UPDATING")
    return dom


def _cloudfront_name(dom):
    digest = hashlib.sha256(("%s/%s" % (dom.user_pool_id, dom.domain)).encode("utf-8")).hexdigest()
    return "d%s.cloudfront.net" % digest[:13]


def _domain_status(dom):
    """DomainDescriptionType Status (CREATING, UPDATING, ACTIVE ...); the
    developer guide: a prefix domain "might take up to one minute to take
    effect", a custom domain up to an hour.  Duration set by the
    domain_creating_seconds knob."""
    since = getattr(dom, "emulator_since", None)
    if since is not None and time.monotonic() - since < get_knob("domain_creating_seconds"):
        return dom.emulator_transition
    return "ACTIVE"


def _domain_to_json(self, extended=True):
    """Replaces CognitoIdpUserPoolDomain.to_json.

    extended: DomainDescriptionType for DescribeUserPoolDomain (AWSAccountId is
    "The Amazon Web Services account that you created the user pool in", moto
    returns a random UUID; Status; ManagedLoginVersion; CustomDomainConfig).
    Otherwise the CreateUserPoolDomain / UpdateUserPoolDomain response:
    ManagedLoginVersion, and CloudFrontDomain, which "Amazon Cognito returns
    ... if you set a custom domain".
    """
    version = getattr(self, "emulator_managed_login_version", 1)
    if not extended:
        data = {"ManagedLoginVersion": version}
        if _is_custom(self.domain):
            data["CloudFrontDomain"] = _cloudfront_name(self)
        return data
    data = {
        "UserPoolId": self.user_pool_id,
        "AWSAccountId": getattr(self, "emulator_account_id", None),
        "Domain": self.domain,
        "CloudFrontDistribution": _cloudfront_name(self),
        "Status": _domain_status(self),
        "ManagedLoginVersion": version,
    }
    if _is_custom(self.domain):
        data["CustomDomainConfig"] = dict(self.custom_domain_config or {})
    return data


# ------------------------------------------------------------------- clients

def _client_config(params):
    """The configuration AWS reports for a client created or updated with ``params``."""
    config = copy.deepcopy(CLIENT_DEFAULTS)
    for key, value in params.items():
        if key not in CLIENT_NOT_REPORTED:
            config[key] = copy.deepcopy(value)
    # RefreshTokenValidity: "You can't set RefreshTokenValidity to 0. If you
    # do, Amazon Cognito overrides the value with the default value of 30 days."
    if not config.get("RefreshTokenValidity"):
        config["RefreshTokenValidity"] = 30
    # TokenValidityUnitsType: "The default AccessTokenValidity time unit is hours." etc.
    _fill(config["TokenValidityUnits"], CLIENT_DEFAULTS["TokenValidityUnits"])
    return config


def _client_init(self, user_pool_id, generate_secret, extended_config):
    """Wraps CognitoIdpUserPoolClient.__init__.

    CreateUserPoolClient (botocore doc): "If you don't provide a value for an
    attribute, Amazon Cognito sets it to its default value."  ClientSecret: "A
    custom client secret that you want to use for the app client. You cannot
    specify both GenerateSecret as true and provide a ClientSecret value."
    UserPoolClientType reports CreationDate and LastModifiedDate.
    """
    params = dict(extended_config or {})
    custom_secret = params.pop("ClientSecret", None)
    if custom_secret is not None and generate_secret:
        raise _models().InvalidParameterException("You cannot specify both GenerateSecret as true and a ClientSecret.")
    _ORIGINALS["client_init"](self, user_pool_id, generate_secret, params)
    if custom_secret is not None:
        self.secret = custom_secret
        self.generate_secret = True
    self.extended_config = _client_config(params)
    self.creation_date = self.last_modified_date = _utcnow()


def _client_to_json(self, extended=False):
    """Wraps CognitoIdpUserPoolClient.to_json (adds CreationDate, LastModifiedDate)."""
    data = _ORIGINALS["client_to_json"](self, extended)
    if extended and hasattr(self, "creation_date"):
        data["CreationDate"] = self.creation_date
        data["LastModifiedDate"] = self.last_modified_date
    return data


def _backend_update_user_pool_client(self, user_pool_id, client_id, extended_config):
    """Replaces CognitoIdpBackend.update_user_pool_client.

    UpdateUserPoolClient (botocore doc): "If you don't provide a value for an
    attribute, Amazon Cognito sets it to its default value."  moto merges the
    request into the old configuration.  ClientName is kept when omitted; the
    secret is not an UpdateUserPoolClient member and never changes.
    """
    client = self.describe_user_pool_client(user_pool_id, client_id)
    params = dict(extended_config or {})
    params.setdefault("ClientName", client.extended_config.get("ClientName"))
    client.extended_config = _client_config(params)
    client.last_modified_date = _utcnow()
    return client


# ----------------------------------------------------------------- responses

def _response_create_user_pool_domain(self):
    """CreateUserPoolDomain: pass ManagedLoginVersion on."""
    responses = _responses()
    dom = self.backend.create_user_pool_domain(
        self._get_param("UserPoolId"), self._get_param("Domain"),
        self._get_param("CustomDomainConfig"), self._get_param("ManagedLoginVersion"))
    return responses.ActionResult(dom.to_json(extended=False))


def _response_update_user_pool_domain(self):
    """UpdateUserPoolDomain: pass UserPoolId and ManagedLoginVersion on."""
    responses = _responses()
    dom = self.backend.update_user_pool_domain(
        self._get_param("Domain"), self._get_param("CustomDomainConfig"),
        self._get_param("UserPoolId"), self._get_param("ManagedLoginVersion"))
    return responses.ActionResult(dom.to_json(extended=False))


def _response_delete_user_pool_domain(self):
    """DeleteUserPoolDomain: pass UserPoolId on."""
    self.backend.delete_user_pool_domain(self._get_param("Domain"), self._get_param("UserPoolId"))
    return _responses().EmptyResult()


def _pool_by_arn(response):
    arn = response._get_param("ResourceArn")  # pylint: disable=protected-access
    for pool in list(response.backend.user_pools.values()):
        if pool.arn == arn:
            return pool
    raise _models().ResourceNotFoundError("Resource %s does not exist." % arn)


def _response_list_tags_for_resource(self):
    """ListTagsForResource (botocore doc): "Lists the tags that are assigned to
    an Amazon Cognito user pool."  The tags are the pool's UserPoolTags.
    Not implemented by moto 5.2.5."""
    pool = _pool_by_arn(self)
    return _responses().ActionResult({"Tags": dict(pool.extended_config.get("UserPoolTags") or {})})


def _response_tag_resource(self):
    """TagResource (botocore doc): "Assigns a set of tags to an Amazon Cognito
    user pool ... A user pool can have as many as 50 tags."  Not implemented by
    moto 5.2.5."""
    pool = _pool_by_arn(self)
    tags = dict(pool.extended_config.get("UserPoolTags") or {})
    tags.update(self._get_param("Tags") or {})
    if len(tags) > 50:
        raise _models().InvalidParameterException("A user pool can have as many as 50 tags.")
    pool.extended_config["UserPoolTags"] = tags
    return _responses().EmptyResult()


def _response_untag_resource(self):
    """UntagResource (botocore doc): "Given tag IDs that you previously
    assigned to a user pool, removes them."  Not implemented by moto 5.2.5."""
    pool = _pool_by_arn(self)
    tags = dict(pool.extended_config.get("UserPoolTags") or {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    pool.extended_config["UserPoolTags"] = tags
    return _responses().EmptyResult()


# ---------------------------------------------------------- speed: JWK cache

class _CachedRSAKey:
    """Stands in for joserfc.jwk.RSAKey inside moto.cognitoidp.models.

    moto parses the same private JWK for every new user pool (about 130 ms
    each); the parsed key is immutable, so it is parsed once per distinct input.
    """

    def __init__(self, rsa_key_class):
        self._class = rsa_key_class
        self._cache = {}
        self._lock = threading.Lock()

    def import_key(self, data, *args, **kwargs):
        """Cached joserfc.jwk.RSAKey.import_key."""
        if args or kwargs:
            return self._class.import_key(data, *args, **kwargs)
        key = json.dumps(data, sort_keys=True) if isinstance(data, dict) else data
        with self._lock:
            if key not in self._cache:
                self._cache[key] = self._class.import_key(data)
            return self._cache[key]

    def __getattr__(self, name):
        return getattr(self._class, name)


class _CachedJwkModule:
    """Stands in for the joserfc.jwk module inside moto.cognitoidp.models."""

    def __init__(self, module):
        self._module = module
        self.RSAKey = _CachedRSAKey(module.RSAKey)  # pylint: disable=invalid-name

    def __getattr__(self, name):
        return getattr(self._module, name)


# -------------------------------------------------------------------- patches

def _models():
    from moto.cognitoidp import models  # pylint: disable=import-outside-toplevel
    return models


def _responses():
    from moto.cognitoidp import responses  # pylint: disable=import-outside-toplevel
    return responses


def _utcnow():
    from moto.core.utils import utcnow  # pylint: disable=import-outside-toplevel
    return utcnow()


def apply_patches():
    """Patch moto.cognitoidp in this process (idempotent)."""
    if _PATCHED:
        return
    models = _models()
    responses = _responses()
    pool_cls = models.CognitoIdpUserPool
    client_cls = models.CognitoIdpUserPoolClient
    backend_cls = models.CognitoIdpBackend
    response_cls = responses.CognitoIdpResponse

    _ORIGINALS.update({
        "pool_to_json": pool_cls.to_json,
        "client_init": client_cls.__init__,
        "client_to_json": client_cls.to_json,
        "delete_user_pool": backend_cls.delete_user_pool,
        "create_user_pool_domain": backend_cls.create_user_pool_domain,
        "delete_user_pool_domain": backend_cls.delete_user_pool_domain,
    })
    pool_cls.update_extended_config = _pool_update_extended_config
    pool_cls.to_json = _pool_to_json
    client_cls.__init__ = _client_init
    client_cls.to_json = _client_to_json
    models.CognitoIdpUserPoolDomain.to_json = _domain_to_json
    backend_cls.update_user_pool = _backend_update_user_pool
    backend_cls.delete_user_pool = _backend_delete_user_pool
    backend_cls.create_user_pool_domain = _backend_create_user_pool_domain
    backend_cls.delete_user_pool_domain = _backend_delete_user_pool_domain
    backend_cls.update_user_pool_domain = _backend_update_user_pool_domain
    backend_cls.update_user_pool_client = _backend_update_user_pool_client
    response_cls.create_user_pool_domain = _response_create_user_pool_domain
    response_cls.update_user_pool_domain = _response_update_user_pool_domain
    response_cls.delete_user_pool_domain = _response_delete_user_pool_domain
    response_cls.list_tags_for_resource = _response_list_tags_for_resource
    response_cls.tag_resource = _response_tag_resource
    response_cls.untag_resource = _response_untag_resource
    models.jwk = _CachedJwkModule(models.jwk)
    _PATCHED.append(True)


# ----------------------------------------------------------------- WSGI layer

class EmulatorMiddleware:
    """Records cognito-idp operations and serves the /_emulator/ endpoints."""

    def __init__(self, app):
        self.app = app
        self._calls = []
        self._lock = threading.Lock()

    def calls(self):
        """The operations recorded since the last reset."""
        with self._lock:
            return list(self._calls)

    def reset_calls(self):
        """Clear the call log."""
        with self._lock:
            del self._calls[:]

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO") or ""
        if path.startswith("/_emulator/"):
            return self._control(environ, start_response, path)
        target = environ.get("HTTP_X_AMZ_TARGET") or ""
        if target.startswith(COGNITO_TARGET_PREFIX):
            with self._lock:
                self._calls.append(target[len(COGNITO_TARGET_PREFIX):])
        return self.app(environ, start_response)

    @staticmethod
    def _reply(start_response, status, payload):
        body = json.dumps(payload).encode("utf-8")
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    @staticmethod
    def _body(environ):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(length) if length else b""
        return json.loads(raw.decode("utf-8")) if raw.strip() else {}

    def _control(self, environ, start_response, path):
        method = environ.get("REQUEST_METHOD", "GET")
        route = (method, path.rstrip("/"))
        if route == ("GET", "/_emulator/health"):
            return self._reply(start_response, "200 OK", {"ok": True})
        if route == ("GET", "/_emulator/calls"):
            return self._reply(start_response, "200 OK", {"calls": self.calls()})
        if route == ("POST", "/_emulator/calls/reset"):
            self.reset_calls()
            return self._reply(start_response, "200 OK", {"calls": []})
        if route == ("POST", "/_emulator/reset"):
            self.reset_calls()
            reset_knobs()
            return self._reply(start_response, "200 OK", {"config": dict(DEFAULT_KNOBS)})
        if route[1] == "/_emulator/config" and method in ("GET", "POST"):
            if method == "POST":
                try:
                    knobs = self._body(environ)
                    if not isinstance(knobs, dict):
                        raise ValueError("the body must be a JSON object")
                    set_knobs(knobs)
                except ValueError as exc:
                    return self._reply(start_response, "400 Bad Request", {"error": str(exc)})
            with _KNOBS_LOCK:
                config = dict(_KNOBS)
            return self._reply(start_response, "200 OK", {"config": config})
        return self._reply(start_response, "404 Not Found", {"error": "no such emulator endpoint: %s %s" % route})


def create_app(patched=True):
    """The patched moto WSGI application wrapped in the emulator middleware.

    patched=False serves raw moto (with the middleware), to show which tests
    fail without the patches.
    """
    if patched:
        apply_patches()
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # pylint: disable=import-outside-toplevel
    return EmulatorMiddleware(DomainDispatcherApplication(create_backend_app))


def main(argv=None):
    """Serve the emulator until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the chosen port to this file once listening")
    parser.add_argument("--raw-moto", action="store_true", help="do not patch moto (to compare with raw moto)")
    parser.add_argument("--exit-with-parent", action="store_true", help="stop when the parent process ends")
    args = parser.parse_args(argv)

    from werkzeug.serving import make_server  # pylint: disable=import-outside-toplevel
    from moto.moto_server.werkzeug_app import MotoRequestHandler  # pylint: disable=import-outside-toplevel

    server = make_server(args.host, args.port, create_app(patched=not args.raw_moto), threaded=True, request_handler=MotoRequestHandler)
    return local_server.serve(
        server, "cognito emulator listening on http://%s:%d" % (args.host, server.server_port), port_file=args.port_file,
        parent_pid=os.getppid() if args.exit_with_parent else None, label="cognito emulator", interval=1.0)


if __name__ == "__main__":
    sys.exit(main())
