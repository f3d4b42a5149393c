# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A moto server patched so that cognito-idp behaves like AWS Cognito.

Each patch cites the AWS source it follows. README.md beside this file is the
guide: how to run it, its /_emulator endpoints and knobs, and the defaults it
reports for a new user pool and app client, with their AWS sources.
"""

from __future__ import absolute_import, division, print_function

import argparse
import base64
import copy
import hashlib
import io
import itertools
import json
import os
import re
import sys
import threading
import time
import unicodedata
import uuid

try:
    from . import local_server
except ImportError:  # run as a script: this directory is sys.path[0]
    import local_server  # pylint: disable=import-error

# pylint: disable=invalid-name
__metaclass__ = type

COGNITO_TARGET_PREFIX = "AWSCognitoIdentityProviderService."


def _control_module():
    """tests/emulator/control.py (its client() and credentials()), loaded from its file: this one runs as a script."""
    if "_kaleido_emulator_control" not in sys.modules:
        import importlib.util  # pylint: disable=import-outside-toplevel
        spec = importlib.util.spec_from_file_location("_kaleido_emulator_control", os.path.join(os.path.dirname(os.path.abspath(__file__)), "control.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["_kaleido_emulator_control"] = module
    return sys.modules["_kaleido_emulator_control"]


DEFAULT_KNOBS = {"domain_creating_seconds": 0, "domain_deleting_seconds": 0, "unknown_members": {},
                 "lookup_gather": {"requests": 0, "seconds": 0}, "request_quotas": False, "quota_clock": None}
# Operations whose answers the lookup_gather knob
# holds: the look-ups by name of the modules.
LISTING_OPERATIONS = ("ListUserPools", "ListUserPoolClients", "DescribeIdentityProvider")
_KNOBS = copy.deepcopy(DEFAULT_KNOBS)
_KNOBS_LOCK = threading.Lock()
# Sequence numbers ordering knob changes and resource updates (unknown_members).
_SEQUENCE = itertools.count(1)
_KNOB_SET_AT = {}

# unknown_members keys -> the botocore shape whose members they must not be.
UNKNOWN_MEMBER_SHAPES = {"UserPool": "UserPoolType", "UserPoolClient": "UserPoolClientType"}

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

# What AWS reports for a client created with only ClientName (_client_defaults).
_CLIENT_DEFAULTS = {}

# Request members that UserPoolClientType does not report.
CLIENT_NOT_REPORTED = ("GenerateSecret", "ClientSecret", "PublishSecretsInAWSSecretsManager", "UserPoolId", "ClientId")

# botocore shape DomainType pattern (a prefix domain).
PREFIX_DOMAIN_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# An ACM certificate in us-east-1, any partition (_check_certificate).
ACM_US_EAST_1_CERTIFICATE_RE = re.compile(r"^arn:aws(?:-[a-z]+)*:acm:us-east-1:\d{12}:certificate/[0-9A-Za-z-]+$")
RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")

_PATCHED = []
_ORIGINALS = {}
# Serialises CreateUserPoolDomain so that the uniqueness checks and the
# creation are atomic in the threaded server.
_DOMAIN_LOCK = threading.Lock()


def get_knob(name):
    """Return the current value of an emulator knob (a copy for a mutable value)."""
    with _KNOBS_LOCK:
        return copy.deepcopy(_KNOBS[name])


def knobs():
    """A copy of every knob."""
    with _KNOBS_LOCK:
        return copy.deepcopy(_KNOBS)


def _seconds_knob(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError("knob %s needs a number >= 0" % name)
    return value


def _unknown_members_knob(name, value):
    if not isinstance(value, dict):
        raise ValueError("knob %s needs a JSON object such as {\"UserPool\": {\"FutureSetting\": true}}" % name)
    shapes = service_model()["shapes"]
    for kind, members in value.items():
        if kind not in UNKNOWN_MEMBER_SHAPES:
            raise ValueError("knob %s: %r is not one of %s" % (name, kind, ", ".join(sorted(UNKNOWN_MEMBER_SHAPES))))
        if not isinstance(members, dict):
            raise ValueError("knob %s: the members of %s must be a JSON object" % (name, kind))
        known = sorted(set(members) & set(shapes[UNKNOWN_MEMBER_SHAPES[kind]]["members"]))
        if known:
            raise ValueError("knob %s: botocore knows %s of %s" % (name, ", ".join(known), UNKNOWN_MEMBER_SHAPES[kind]))
    return copy.deepcopy(value)


def _clock_knob(name, value):
    if value is None:
        return None
    return _seconds_knob(name, value)


def _bool_knob(name, value):
    if not isinstance(value, bool):
        raise ValueError("knob %s needs true or false" % name)
    return value


def _gather_knob(name, value):
    if not isinstance(value, dict) or sorted(value) != ["requests", "seconds"]:
        raise ValueError("knob %s needs a JSON object such as {\"requests\": 3, \"seconds\": 5}" % name)
    requests = value["requests"]
    if isinstance(requests, bool) or not isinstance(requests, int) or requests < 0:
        raise ValueError("knob %s: requests needs an integer >= 0" % name)
    return {"requests": requests, "seconds": _seconds_knob(name, value["seconds"])}


class _Gathering(object):
    """Holds look-up answers until enough are held, or a time passed (the lookup_gather knob)."""

    def __init__(self):
        self._condition = threading.Condition()
        self._held = 0
        self._group = 0

    def hold(self, requests, seconds):
        with self._condition:
            group = self._group
            self._held += 1
            if self._held < requests and self._condition.wait_for(lambda: self._group != group, timeout=seconds):
                return
            if self._group == group:
                self._group += 1
                self._held = 0
                self._condition.notify_all()


_GATHERING = _Gathering()


KNOB_VALIDATORS = {
    "domain_creating_seconds": _seconds_knob,
    "domain_deleting_seconds": _seconds_knob,
    "lookup_gather": _gather_knob,
    "unknown_members": _unknown_members_knob,
    "request_quotas": _bool_knob,
    "quota_clock": _clock_knob,
}


def set_knobs(new_knobs):
    """Set emulator knobs; unknown names or bad values raise ValueError (and set nothing)."""
    checked = {}
    for name, value in new_knobs.items():
        if name not in KNOB_VALIDATORS:
            raise ValueError("unknown knob: %s" % name)
        checked[name] = KNOB_VALIDATORS[name](name, value)
    with _KNOBS_LOCK:
        _KNOBS.update(checked)
        for name in checked:
            _KNOB_SET_AT[name] = next(_SEQUENCE)


def reset_knobs():
    """Restore the default knobs."""
    with _KNOBS_LOCK:
        _KNOBS.clear()
        _KNOBS.update(copy.deepcopy(DEFAULT_KNOBS))
        _KNOB_SET_AT.clear()


def _mark_updated(resource):
    """Record that UpdateUserPool / UpdateUserPoolClient rewrote ``resource`` now."""
    resource.emulator_updated_at = next(_SEQUENCE)


def _unknown_members_of(resource, kind):
    """The unknown_members knob's members of ``kind`` that ``resource`` carries.

    AWS adds members to its answers that an older botocore's model does not
    know (ClientSecretArn of UserPoolClientType, for one, is in the model of
    botocore 1.44 and not of 1.35.68); botocore drops them from parsed
    answers.  A resource carries the knob's members unless it was updated
    after the knob was set (created after it: it carries them): UpdateUserPool
    and UpdateUserPoolClient (botocore docs: "If you don't provide a value for
    an attribute, Amazon Cognito sets it to its default value") reset what
    they are not sent, and a client built on an older botocore cannot send
    them.  Such members are never stored (moto's answers follow the model);
    they are added to the serialized answer (_with_members).
    """
    with _KNOBS_LOCK:
        members = copy.deepcopy(_KNOBS["unknown_members"].get(kind) or {})
        set_at = _KNOB_SET_AT.get("unknown_members", 0)
    if getattr(resource, "emulator_updated_at", 0) > set_at:
        return {}
    return members


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
    the ones AWS reports (see README.md beside this file), not moto's invented message
    texts.
    """
    config = _pool_config(extended_config or {})
    _check_pool_tier(self, config)
    self.mfa_config = config.pop("MfaConfiguration")
    self.extended_config = config


def _tier_error(tier, features):
    return _error_class("FeatureUnavailableInTierException")(
        "The following features need to be disabled for the %s pricing tier configured: %s" % (tier, ", ".join(features)))


def _check_pool_tier(pool, config):
    """FeatureUnavailableInTierException of CreateUserPool / UpdateUserPool.

    botocore doc of UserPoolAddOnsType: threat protection (AdvancedSecurityMode
    AUDIT or ENFORCED) "To activate this setting, your user pool must be on the
    Plus tier."  botocore doc of CreateUserPoolDomain ManagedLoginVersion:
    "Managed login requires that your user pool be configured for any feature
    plan other than Lite", so a pool with a version-2 domain cannot move to
    LITE.  botocore doc of FeatureUnavailableInTierException: "thrown when a
    feature that you attempted to use or configure isn't included in your user
    pool's current feature plan".  Message text as AWS answers it (Terraform
    AWS provider pull request 40734: "The following features need to be
    disabled for the ESSENTIALS pricing tier configured: Threat Protection").
    moto 5.2.5 has no feature plans.
    """
    tier = config.get("UserPoolTier") or "ESSENTIALS"
    features = []
    if (config.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") in ("AUDIT", "ENFORCED") and tier != "PLUS":
        features.append("Threat Protection")
    if tier == "LITE" and any(getattr(dom, "emulator_managed_login_version", 1) == 2 for dom in _pool_domains(pool)):
        features.append("Managed Login")
    if features:
        raise _tier_error(tier, features)


def _backend_update_user_pool(self, user_pool_id, extended_config):
    """Replaces CognitoIdpBackend.update_user_pool.

    UpdateUserPool (botocore doc): "If you don't provide a value for an
    attribute, Amazon Cognito sets it to its default value."  Exceptions kept
    from the current pool: UserPoolTier when omitted (CreateUserPool
    UserPoolTier "Defaults to ESSENTIALS"; an update without it does not
    downgrade), UserPoolTags when omitted (see below), PoolName when omitted, and the create-only settings
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
    # Tags when UserPoolTags is omitted: kept.  Tags are managed with the tag
    # API (TagResource / UntagResource, "Assigns a set of tags to an Amazon
    # Cognito user pool"); UpdateUserPool's UserPoolTags overwrites them when
    # it is sent (the Terraform AWS provider, pull request 11265: "the API
    # provides a tags overwriting field during update", sent only when tags are
    # configured).  What an omitted UserPoolTags does is not documented; the
    # modules re-tag a pool whose update lost its tags.
    params.setdefault("UserPoolTags", dict(pool.extended_config.get("UserPoolTags") or {}))
    kept = dict((key, pool.extended_config[key]) for key in POOL_CREATE_ONLY if key in pool.extended_config)
    pool.update_extended_config(params)
    pool.extended_config.update(kept)
    if name:
        pool.name = name
    pool.last_modified_date = _utcnow()
    _mark_updated(pool)


def _pool_domains(pool):
    """The domains of ``pool`` in its own account and region (DELETING ones included)."""
    backend = _models().cognitoidp_backends[pool.account_id][pool.region]
    _purge_deleted_domains(backend)
    return [dom for dom in list(backend.user_pool_domains.values()) if dom.user_pool_id == pool.id]


def _pool_to_json(self, extended=False):
    """Wraps CognitoIdpUserPool.to_json.

    UserPoolType (botocore doc): Domain is "The domain prefix, if the user pool
    has a domain associated with it"; CustomDomain is "A custom domain name that
    you provide to Amazon Cognito".  moto reports any domain as Domain.  A
    DELETING domain is still the pool's.
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
    """Every domain of every account and region (DELETING ones included): (region, domain object)."""
    for per_account in list(_models().cognitoidp_backends.values()):
        for region, backend in list(per_account.items()):
            _purge_deleted_domains(backend)
            for dom in list(backend.user_pool_domains.values()):
                yield region, dom


def _deleting(dom):
    return getattr(dom, "emulator_transition", None) == "DELETING"


def _purge_deleted_domains(backend):
    """Forget the domains of ``backend`` whose DELETING time (domain_deleting_seconds) has passed."""
    seconds = get_knob("domain_deleting_seconds")
    for name, dom in list(backend.user_pool_domains.items()):
        if _deleting(dom) and time.monotonic() - dom.emulator_since >= seconds:
            if backend.user_pool_domains.get(name) is dom:
                backend.user_pool_domains.pop(name, None)


def _acm_certificate(account_id, arn):
    """The certificate ``arn`` as moto's ACM of ``account_id`` holds it in us-east-1 (moto's CertBundle), or None."""
    from moto.acm.models import acm_backends  # pylint: disable=import-outside-toplevel
    try:
        return acm_backends[account_id]["us-east-1"].describe_certificate(arn)
    except Exception:  # pylint: disable=broad-except  # moto's CertificateNotFound (and anything it cannot look up)
        return None


def _check_certificate(account_id, custom_domain_config):
    """CustomDomainConfig.CertificateArn must be an ISSUED ACM certificate in us-east-1.

    botocore doc of CreateUserPoolDomain: "When you choose a custom domain, you
    must provide an SSL certificate in the US East (N. Virginia) Amazon Web
    Services Region in your request"; CustomDomainConfigType CertificateArn:
    "The Amazon Resource Name (ARN) of an Certificate Manager SSL certificate".
    The message is the one AWS answers for any other ARN (CloudFront's, wrapped
    in InvalidParameterException: "doesn't exist, isn't in us-east-1 region,
    isn't valid"), also for a certificate of the account's ACM that is not
    ISSUED (PENDING_VALIDATION, EXPIRED, ...).  moto accepts any text.
    Deviation: an ARN of this form that moto's ACM does not hold is accepted,
    so that tests need not make a certificate; AWS refuses it.
    """
    arn = (custom_domain_config or {}).get("CertificateArn") or ""
    certificate = _acm_certificate(account_id, arn) if ACM_US_EAST_1_CERTIFICATE_RE.match(arn) else None
    if not ACM_US_EAST_1_CERTIFICATE_RE.match(arn) or (certificate is not None and certificate.status != "ISSUED"):
        raise _models().InvalidParameterException(
            "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, "
            "or doesn't include a valid certificate chain.")


def _check_managed_login_tier(pool, managed_login_version):
    """botocore doc of CreateUserPoolDomain / UpdateUserPoolDomain ManagedLoginVersion:
    "Managed login requires that your user pool be configured for any feature
    plan other than Lite" (developer guide "User pool feature plans": managed
    login is in Essentials and Plus); both operations list
    FeatureUnavailableInTierException.  The message follows the one of the pool
    case (_check_pool_tier); its exact text for a domain is not confirmed."""
    tier = pool.extended_config.get("UserPoolTier") or "ESSENTIALS"
    if managed_login_version == 2 and tier == "LITE":
        raise _tier_error(tier, ["Managed Login"])


def _validate_new_domain(backend, pool, domain, custom_domain_config):
    """Checks of CreateUserPoolDomain that moto 5.2.5 does not make."""
    invalid = _models().InvalidParameterException
    if _is_custom(domain):
        # CreateUserPoolDomain (botocore doc): "When you choose a custom domain,
        # you must provide an SSL certificate in the US East (N. Virginia)
        # Amazon Web Services Region in your request."
        if not (custom_domain_config or {}).get("CertificateArn"):
            raise invalid("CustomDomainConfig with a CertificateArn is required for a custom domain.")
        _check_certificate(backend.account_id, custom_domain_config)
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
    # user pool.").  The name of a domain of this pool, or of a domain deleted
    # moments ago that is not gone yet (DELETING), is answered "Domain already
    # exists." instead (seen by Terraform and Pulumi users re-creating a domain
    # right after its deletion, terraform-provider-aws issue 28124; for the
    # DELETING domain of another pool the answer is not confirmed).  moto
    # silently re-points the domain.
    for region, dom in _all_domains():
        if dom.domain == domain and (_is_custom(domain) or region == backend.region_name):
            if _deleting(dom) or dom.user_pool_id == pool.id:
                raise invalid("Domain already exists.")
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
        _check_managed_login_tier(pool, managed_login_version)
        dom = _ORIGINALS["create_user_pool_domain"](self, user_pool_id, domain, custom_domain_config)
    dom.emulator_account_id = self.account_id
    # CreateUserPoolDomain ManagedLoginVersion: "1 indicates hosted UI (classic)"; not given -> 1.
    dom.emulator_managed_login_version = managed_login_version or 1
    _mark_transition(dom, "CREATING")
    return dom


def _mark_transition(dom, status):
    dom.emulator_transition = status
    dom.emulator_since = time.monotonic()


def _domain_owned(backend, domain, user_pool_id, missing=None):
    """DeleteUserPoolDomain / UpdateUserPoolDomain take a required UserPoolId
    (botocore DeleteUserPoolDomainRequest: "The ID of the user pool where you
    want to delete the domain"); moto ignores it.  A DELETING domain counts as
    missing: ``missing`` (an exception) is raised, moto's ResourceNotFound by default."""
    models = _models()
    _purge_deleted_domains(backend)
    dom = backend.user_pool_domains.get(domain)
    if dom is None or _deleting(dom):
        raise missing or models.ResourceNotFoundError(domain)
    if user_pool_id is not None and dom.user_pool_id != user_pool_id:
        raise models.InvalidParameterException("Domain %s is not associated with user pool %s." % (domain, user_pool_id))
    return dom


def _backend_delete_user_pool_domain(self, domain, user_pool_id=None):
    """Wraps CognitoIdpBackend.delete_user_pool_domain (UserPoolId must match).

    The domain passes through status DELETING (botocore DomainStatusType enum)
    for domain_deleting_seconds; meanwhile it keeps its name (CreateUserPoolDomain
    answers "Domain already exists.", _validate_new_domain) and its place
    on the pool (DescribeUserPool, DeleteUserPool, one domain of a kind).  The
    Terraform AWS provider waits for the deletion after every delete (resource
    aws_cognito_user_pool_domain, one-minute waiter), and re-creating a custom
    domain right after deleting it fails for minutes (terraform-provider-aws
    issue 28124).  Deleting a domain that does not exist, or is already
    DELETING, answers InvalidParameterException "No such domain" (the message
    the Terraform provider handles as "already gone"); moto answers
    ResourceNotFoundException and deletes at once.
    """
    with _DOMAIN_LOCK:
        dom = _domain_owned(self, domain, user_pool_id, missing=_models().InvalidParameterException("No such domain"))
        if get_knob("domain_deleting_seconds") > 0:
            _mark_transition(dom, "DELETING")
        else:
            _ORIGINALS["delete_user_pool_domain"](self, domain)


def _backend_describe_user_pool_domain(self, domain):
    """Wraps CognitoIdpBackend.describe_user_pool_domain: forgets the domains whose DELETING time has passed."""
    _purge_deleted_domains(self)
    return _ORIGINALS["describe_user_pool_domain"](self, domain)


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
        _check_certificate(self.account_id, custom_domain_config)
    _check_managed_login_tier(self.describe_user_pool(dom.user_pool_id), managed_login_version)
    if custom_domain_config:
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
    domain_creating_seconds knob; a DELETING domain stays DELETING until it is
    gone (domain_deleting_seconds, _backend_delete_user_pool_domain)."""
    if _deleting(dom):
        return "DELETING"
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

def documented(shape, member, pattern):
    """The match of ``pattern`` in the botocore documentation of ``shape``'s ``member``.

    A botocore whose text no longer says it fails here, loudly, rather than
    let the emulator guess.
    """
    text = service_model()["shapes"][shape]["members"][member].get("documentation", "")
    match = re.search(pattern, text)
    if not match:
        raise RuntimeError("the botocore documentation of %s.%s no longer matches %r" % (shape, member, pattern))
    return match


def _documented_client_defaults():
    """The defaults of CreateUserPoolClient members that moto 5.2.5 does not set, read from their botocore docs.

    TokenValidityUnitsType members: "The default AccessTokenValidity time unit
    is hours."; CreateUserPoolClient AccessTokenValidity / IdTokenValidity:
    "your access tokens are valid for one hour"; ExplicitAuthFlows: "If you
    don't specify a value for ExplicitAuthFlows, your app client supports
    ...", PreventUserExistenceErrors: "Defaults to LEGACY".
    """
    request = "CreateUserPoolClientRequest"
    units = dict((member, documented("TokenValidityUnitsType", member, r"default <code>\w+</code> time unit is <code>(\w+)</code>").group(1))
                 for member in service_model()["shapes"]["TokenValidityUnitsType"]["members"])
    defaults = {"TokenValidityUnits": units}
    for member, unit, phrase in (("AccessTokenValidity", "AccessToken", "access"), ("IdTokenValidity", "IdToken", "ID")):
        number, word = documented(request, member, r"your %s tokens are valid for (one|\d+) (\w+?)s?\." % phrase).groups()
        if word + "s" != units[unit]:
            raise RuntimeError("the botocore documentation of %s gives its default in %s, not %s" % (member, word, units[unit]))
        defaults[member] = 1 if number == "one" else int(number)
    flows = documented(request, "ExplicitAuthFlows", r"specify a value for <code>ExplicitAuthFlows</code>, your app client supports (.*?)\.").group(1)
    defaults["ExplicitAuthFlows"] = re.findall(r"<code>(\w+)</code>", flows)
    defaults["PreventUserExistenceErrors"] = documented(request, "PreventUserExistenceErrors", r"Defaults to <code>(\w+)</code>").group(1)
    return defaults


def _client_defaults():
    """What AWS reports for an app client created with only ClientName.

    CreateUserPoolClient (botocore doc): "If you don't provide a value for an
    attribute, Amazon Cognito sets it to its default value."  moto's own
    defaults (a client moto makes without configuration), completed by
    :func:`_documented_client_defaults` (read once).
    """
    if not _CLIENT_DEFAULTS:
        probe = object.__new__(_models().CognitoIdpUserPoolClient)
        _ORIGINALS["client_init"](probe, "probe", False, None)
        defaults = _documented_client_defaults()
        defaults.update(probe.extended_config)
        _CLIENT_DEFAULTS.update(defaults)
    return copy.deepcopy(_CLIENT_DEFAULTS)


def _client_config(params):
    """The configuration AWS reports for a client created or updated with ``params``."""
    defaults = _client_defaults()
    config = copy.deepcopy(defaults)
    for key, value in params.items():
        if key not in CLIENT_NOT_REPORTED:
            config[key] = copy.deepcopy(value)
    # RefreshTokenValidity: "You can't set RefreshTokenValidity to 0. If you
    # do, Amazon Cognito overrides the value with the default value of 30 days."
    if not config.get("RefreshTokenValidity"):
        config["RefreshTokenValidity"] = defaults["RefreshTokenValidity"]
    # TokenValidityUnitsType: "The default AccessTokenValidity time unit is hours." etc.
    _fill(config["TokenValidityUnits"], defaults["TokenValidityUnits"])
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
    _check_oauth_flows(params)
    _ORIGINALS["client_init"](self, user_pool_id, generate_secret, params)
    if custom_secret is not None:
        self.secret = custom_secret
        self.generate_secret = True
    self.extended_config = _client_config(params)
    self.creation_date = self.last_modified_date = _utcnow()


def _check_oauth_flows(params):
    """InvalidOAuthFlowException of CreateUserPoolClient / UpdateUserPoolClient.

    Both operations list InvalidOAuthFlowException ("thrown when the specified
    OAuth flow is not valid", botocore model and AWS API reference); the code
    and implicit grants redirect to a callback URL (botocore doc of
    CreateUserPoolClient AllowedOAuthFlows: "Issue the access token ... directly
    to your user", "Issue a code ... that your user can exchange"; CallbackURLs:
    "A list of allowed redirect, or callback, URLs").  AWS answers "CallbackUrls
    can not be empty when code flow or implicit flow is selected" (as reported
    in cisagov/crossfeed pull request 440).  moto 5.2.5 accepts the client.
    """
    flows = params.get("AllowedOAuthFlows") or []
    if ("code" in flows or "implicit" in flows) and not params.get("CallbackURLs"):
        raise _error_class("InvalidOAuthFlowException")("CallbackUrls can not be empty when code flow or implicit flow is selected")


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
    _check_oauth_flows(params)
    client.extended_config = _client_config(params)
    client.last_modified_date = _utcnow()
    _mark_updated(client)
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


_RESULT_CLASSES = []


def _with_members(result, key, members):
    """``result`` (a moto ActionResult) whose answer's ``key`` object also has ``members``.

    moto serializes answers through botocore's model, which drops members it
    does not know; these are added to the serialized JSON."""
    if not members:
        return result
    if not _RESULT_CLASSES:
        action_result = _responses().ActionResult

        class ResultWithMembers(action_result):
            """An ActionResult plus members unknown to the model."""

            def __init__(self, inner, extra):
                action_result.__init__(self, inner.result)
                self.inner = inner
                self.extra = extra

            def execute_result(self, context):
                status, headers, body = self.inner.execute_result(context)
                data = json.loads(body)
                for name, value in self.extra[1].items():
                    data.setdefault(self.extra[0], {}).setdefault(name, value)
                return status, headers, json.dumps(data)

        _RESULT_CLASSES.append(ResultWithMembers)
    return _RESULT_CLASSES[0](result, (key, members))


def _response_describe_user_pool(self):
    """DescribeUserPool: plus the unknown_members knob's "UserPool" members (_unknown_members_of)."""
    result = _ORIGINALS["response_describe_user_pool"](self)
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    return _with_members(result, "UserPool", _unknown_members_of(pool, "UserPool"))


def _response_describe_user_pool_client(self):
    """DescribeUserPoolClient: plus the unknown_members knob's "UserPoolClient" members (_unknown_members_of)."""
    result = _ORIGINALS["response_describe_user_pool_client"](self)
    client = self.backend.describe_user_pool_client(self._get_param("UserPoolId"), self._get_param("ClientId"))
    return _with_members(result, "UserPoolClient", _unknown_members_of(client, "UserPoolClient"))


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


# ----------------------------------------------------- managed login branding
#
# moto 5.2.5 has no managed login branding: it answers HTTP 500 to the five
# operations below.  Brandings are kept on the moto backend (so moto's reset
# clears them), one per app client.  Sources: the botocore docs of the
# operations and of ManagedLoginBrandingType; answers measured against AWS and
# published by the floci project (floci-io/floci pull request 2869, its test
# CognitoManagedLoginBrandingIntegrationTest: "Response shapes and error
# messages were measured against the live Cognito API").

BRANDING_SOURCE_MESSAGE = "useCognitoProvidedValues or settings should be specified (but not both)"
# What ReturnMergedResources=true adds to a branding without Settings: a small
# stand-in for Cognito's default style document (AWS's is far larger and is not
# reproduced; the collection never reads it).
BRANDING_DEFAULT_SETTINGS = {
    "categories": {"global": {"colorSchemeMode": "LIGHT"}, "form": {"location": {"horizontal": "CENTER", "vertical": "CENTER"}}},
    "components": {},
    "componentClasses": {},
}


def _branding_store(backend):
    """The brandings of ``backend`` (id -> record), without those whose pool or app client is gone.

    A style is "linked to an app client until you delete it" (botocore doc of
    CreateManagedLoginBranding ClientId); deleting the pool deletes everything
    in it (botocore doc of DeleteUserPool).  What AWS answers about the style of
    a deleted app client is not documented: the emulator forgets it with the
    client, and the collection never depends on either.
    """
    store = backend.__dict__.setdefault("emulator_brandings", {})
    for branding_id, record in list(store.items()):
        pool = backend.user_pools.get(record["UserPoolId"])
        if pool is None or record["ClientId"] not in pool.clients:
            store.pop(branding_id, None)
    return store


def _branding_pool(backend, user_pool_id, write):
    """The pool of a branding request (ResourceNotFoundException when unknown).

    Writes on a LITE pool: FeatureUnavailableInTierException.  botocore doc of
    CreateUserPoolDomain ManagedLoginVersion: "Managed login requires that your
    user pool be configured for any feature plan other than Lite", and a
    branding style is the style of managed login (botocore doc of
    CreateManagedLoginBranding: "the programmatic option for the creation of a
    new style in the branding editor").  The model does not list the exception
    for the branding operations and its answer to them is not confirmed; it is
    the one AWS gives for managed login on a domain (_check_managed_login_tier).
    """
    pool = backend.describe_user_pool(user_pool_id)
    if write:
        _check_managed_login_tier(pool, 2)
    return pool


def _branding_source(use_cognito_provided_values, settings):
    """Exactly one source of style per request (measured by floci-io/floci pull request 2869).

    botocore doc of CreateManagedLoginBranding / UpdateManagedLoginBranding
    UseCognitoProvidedValues: "When you specify true for this option, you must
    also omit values for Settings and Assets".  As measured: true with
    Settings, neither of them, and false alone are refused with
    BRANDING_SOURCE_MESSAGE, on create and on update; Assets beside true are
    accepted (also measured by another project, "Assets alongside
    UseCognitoProvidedValues are accepted"), so only Settings is checked.
    """
    if (use_cognito_provided_values is True) == (settings is not None):
        raise _models().InvalidParameterException(BRANDING_SOURCE_MESSAGE)


def _branding_assets(assets):
    """AssetListType from a request: Bytes (a blob, base64 in JSON) decoded so that moto encodes it back."""
    result = []
    for asset in assets or []:
        asset = dict(asset)
        if isinstance(asset.get("Bytes"), str):
            asset["Bytes"] = base64.b64decode(asset["Bytes"])
        result.append(asset)
    return result


def _merge_branding_assets(current, new):
    """Assets of an update: a new asset replaces the one of the same Category and ColorMode, the others are kept."""
    def key(asset):
        return asset.get("Category"), asset.get("ColorMode")
    merged = dict((key(asset), asset) for asset in current)
    for asset in new:
        merged[key(asset)] = asset
    return list(merged.values())


def _merge_settings(current, new):
    if isinstance(current, dict) and isinstance(new, dict):
        merged = dict(current)
        for key, value in new.items():
            merged[key] = _merge_settings(current.get(key), value)
        return merged
    return copy.deepcopy(new)


def _branding_view(record, merged=False):
    """ManagedLoginBrandingType of ``record``.

    As measured (floci-io/floci pull request 2869): Settings is left out when
    the style has none, Assets is always there (an empty list).  The type has no
    ClientId.  DescribeManagedLoginBranding(ByClient) ReturnMergedResources
    (botocore doc): "When true, returns values for branding options that are
    unchanged from Amazon Cognito defaults. When false or when you omit this
    parameter, returns only values that you customized in your branding style."
    """
    view = dict((key, copy.deepcopy(record[key])) for key in (
        "ManagedLoginBrandingId", "UserPoolId", "UseCognitoProvidedValues", "Assets", "CreationDate", "LastModifiedDate"))
    settings = record.get("Settings")
    if merged:
        settings = _merge_settings(BRANDING_DEFAULT_SETTINGS, settings or {})
    if settings is not None:
        view["Settings"] = copy.deepcopy(settings)
    return {"ManagedLoginBranding": view}


def _branding_not_found(message):
    return _models().ResourceNotFoundError(message)


def _branding_by_id(response):
    """The pool's branding named by ManagedLoginBrandingId ("ManagedLoginBranding does not exist." as measured)."""
    store = _branding_store(response.backend)
    record = store.get(response._get_param("ManagedLoginBrandingId"))  # pylint: disable=protected-access
    if record is None or record["UserPoolId"] != response._get_param("UserPoolId"):  # pylint: disable=protected-access
        raise _branding_not_found("ManagedLoginBranding does not exist.")
    return record


def _response_create_managed_login_branding(self):
    """CreateManagedLoginBranding (botocore doc): "Creates a new set of branding
    settings for a user pool style and associates it with an app client."
    ClientId: "Each style is linked to an app client until you delete it";
    ManagedLoginBrandingExistsException: "thrown when you attempt to apply a
    managed login branding style to an app client that already has an assigned
    style" (message as measured by floci-io/floci pull request 2869).  An
    unknown pool or client: ResourceNotFoundException.  A created style is not
    UseCognitoProvidedValues unless the request says so (as measured: omitting
    the member stores false)."""
    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    _branding_pool(self.backend, pool_id, write=True)
    self.backend.describe_user_pool_client(pool_id, client_id)
    use_values = self._get_param("UseCognitoProvidedValues")
    settings = self._get_param("Settings")
    _branding_source(use_values, settings)
    store = _branding_store(self.backend)
    if any(record["UserPoolId"] == pool_id and record["ClientId"] == client_id for record in store.values()):
        raise _error_class("ManagedLoginBrandingExistsException")("A ManagedLoginBranding already exists for client %s" % client_id)
    now = _utcnow()
    record = {
        "ManagedLoginBrandingId": str(uuid.uuid4()),
        "UserPoolId": pool_id,
        "ClientId": client_id,
        "UseCognitoProvidedValues": use_values is True,
        "Settings": copy.deepcopy(settings),
        "Assets": _branding_assets(self._get_param("Assets")),
        "CreationDate": now,
        "LastModifiedDate": now,
    }
    store[record["ManagedLoginBrandingId"]] = record
    return _responses().ActionResult(_branding_view(record))


def _response_describe_managed_login_branding(self):
    """DescribeManagedLoginBranding (botocore doc): "Given the ID of a managed
    login branding style, returns detailed information about the style."
    Unknown pool or id: ResourceNotFoundException."""
    _branding_pool(self.backend, self._get_param("UserPoolId"), write=False)
    record = _branding_by_id(self)
    return _responses().ActionResult(_branding_view(record, self._get_param("ReturnMergedResources") is True))


def _response_describe_managed_login_branding_by_client(self):
    """DescribeManagedLoginBrandingByClient (botocore doc): "Given the ID of a
    user pool app client, returns detailed information about the style assigned
    to the app client."  A client without a style: ResourceNotFoundException
    "ManagedLoginBranding for client <id> does not exist." (as measured by
    floci-io/floci pull request 2869); an unknown pool or client:
    ResourceNotFoundException."""
    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    _branding_pool(self.backend, pool_id, write=False)
    self.backend.describe_user_pool_client(pool_id, client_id)
    for record in _branding_store(self.backend).values():
        if record["UserPoolId"] == pool_id and record["ClientId"] == client_id:
            return _responses().ActionResult(_branding_view(record, self._get_param("ReturnMergedResources") is True))
    raise _branding_not_found("ManagedLoginBranding for client %s does not exist." % client_id)


def _response_update_managed_login_branding(self):
    """UpdateManagedLoginBranding (botocore doc): "Configures the branding
    settings for a user pool style ... Amazon Cognito doesn't require that you
    pass all parameters in one request and preserves existing style settings
    that you don't specify."  UseCognitoProvidedValues true: "This option
    reverts to default style options that are managed by Amazon Cognito"
    (Settings and Assets are dropped).  Otherwise Settings is merged into the
    style's and Assets replace those of the same Category and ColorMode; the
    others are kept (as measured by floci-io/floci pull request 2869: omitting
    Assets or Settings does not clear them)."""
    _branding_pool(self.backend, self._get_param("UserPoolId"), write=True)
    record = _branding_by_id(self)
    use_values = self._get_param("UseCognitoProvidedValues")
    settings = self._get_param("Settings")
    _branding_source(use_values, settings)
    if use_values is True:
        record.update({"UseCognitoProvidedValues": True, "Settings": None, "Assets": _branding_assets(self._get_param("Assets"))})
    else:
        record["UseCognitoProvidedValues"] = False
        record["Settings"] = _merge_settings(record.get("Settings") or {}, settings)
        if self._get_param("Assets") is not None:
            record["Assets"] = _merge_branding_assets(record["Assets"], _branding_assets(self._get_param("Assets")))
    record["LastModifiedDate"] = _utcnow()
    return _responses().ActionResult(_branding_view(record))


def _response_delete_managed_login_branding(self):
    """DeleteManagedLoginBranding (botocore doc): "Deletes a managed login
    branding style. When you delete a style, you delete the branding
    association for an app client."  Unknown pool or id: ResourceNotFoundException."""
    _branding_pool(self.backend, self._get_param("UserPoolId"), write=False)
    record = _branding_by_id(self)
    _branding_store(self.backend).pop(record["ManagedLoginBrandingId"], None)
    return _responses().EmptyResult()


def _patch_managed_login_branding(response_cls):
    """Give moto's CognitoIdpResponse the managed login branding operations."""
    response_cls.create_managed_login_branding = _response_create_managed_login_branding
    response_cls.describe_managed_login_branding = _response_describe_managed_login_branding
    response_cls.describe_managed_login_branding_by_client = _response_describe_managed_login_branding_by_client
    response_cls.update_managed_login_branding = _response_update_managed_login_branding
    response_cls.delete_managed_login_branding = _response_delete_managed_login_branding


# ---------------------------------------------------------- speed: JWK cache

class _CachedRSAKey:
    """Stands in for joserfc.jwk.RSAKey inside moto.cognitoidp.models.

    moto parses the same private JWK for every new user pool, an RSA key
    parse that dominates CreateUserPool; the parsed key is immutable, so it is
    parsed once per distinct input.
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


_ERROR_CLASSES = {}
_ERROR_CLASSES_LOCK = threading.Lock()


def _error_class(error_type):
    """A moto JsonRESTError subclass (HTTP 400) for an AWS error code that
    moto.cognitoidp.exceptions does not define, made once per code; its
    instances take the message."""
    with _ERROR_CLASSES_LOCK:
        if error_type not in _ERROR_CLASSES:
            from moto.core.exceptions import JsonRESTError  # pylint: disable=import-outside-toplevel

            def __init__(self, message):
                JsonRESTError.__init__(self, error_type, message)
                self.code = 400

            _ERROR_CLASSES[error_type] = type(error_type, (JsonRESTError,), {"__init__": __init__})
        return _ERROR_CLASSES[error_type]


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
        "describe_user_pool_domain": backend_cls.describe_user_pool_domain,
        "response_describe_user_pool": response_cls.describe_user_pool,
        "response_describe_user_pool_client": response_cls.describe_user_pool_client,
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
    backend_cls.describe_user_pool_domain = _backend_describe_user_pool_domain
    backend_cls.update_user_pool_domain = _backend_update_user_pool_domain
    backend_cls.update_user_pool_client = _backend_update_user_pool_client
    response_cls.create_user_pool_domain = _response_create_user_pool_domain
    response_cls.update_user_pool_domain = _response_update_user_pool_domain
    response_cls.delete_user_pool_domain = _response_delete_user_pool_domain
    response_cls.list_tags_for_resource = _response_list_tags_for_resource
    response_cls.describe_user_pool = _response_describe_user_pool
    response_cls.describe_user_pool_client = _response_describe_user_pool_client
    response_cls.tag_resource = _response_tag_resource
    response_cls.untag_resource = _response_untag_resource
    _patch_managed_login_branding(response_cls)
    _patch_identity_providers(models, backend_cls)
    models.jwk = _CachedJwkModule(models.jwk)
    _PATCHED.append(True)


# ------------------------------------------------------- model validation
#
# AWS checks every request against the constraints of its API model and
# answers InvalidParameterException "N validation error(s) detected: Value 'v'
# at 'member' failed to satisfy constraint: Member must ..." (the text AWS
# answers, e.g. for a prefix domain: "1 validation error detected: Value 'X'
# at 'domain' failed to satisfy constraint: Member must satisfy regular
# expression pattern: ...").  botocore's client checks only required members,
# types and ``min`` (botocore/validate.py: ParamValidator, range_check), not
# ``max``, ``pattern`` or ``enum``; moto 5.2.5 checks none of them.  Values of
# ``sensitive`` shapes are not echoed ("Value at 'clientSecret' failed to
# satisfy constraint: ...").  Model patterns are Java regular expressions,
# matched against the whole value (java.util.regex Matcher.matches) with
# ASCII \w \d \s (Java's defaults); \p{L} etc. are translated to the Unicode
# general categories of Python's unicodedata.

_MODEL = {}
_MODEL_LOCK = threading.Lock()
_CATEGORY_RANGES = {}
_CATEGORY_LOCK = threading.Lock()
_PATTERNS = {}
_JAVA_PROPERTY_RE = re.compile(r"\\([pP])\{([A-Za-z]+)\}")
_NUMBER_TYPES = ("integer", "long", "double", "float")
# Model constraints AWS does not apply as written: DomainType (max 63, the
# prefix pattern) also names custom domains, "the fully-qualified domain name,
# such as auth.example.com" (botocore doc of CreateUserPoolDomain Domain); a
# name with a dot is checked as a custom domain (_validate_new_domain).
PREFIX_OR_CUSTOM_DOMAIN_SHAPES = ("DomainType",)
_CONTAINER_TYPES = ("structure", "list", "map")


def service_model():
    """botocore's cognito-idp service model (a dict), loaded once."""
    with _MODEL_LOCK:
        if not _MODEL:
            from botocore.loaders import Loader  # pylint: disable=import-outside-toplevel
            _MODEL.update(Loader().load_service_model("cognito-idp", "service-2"))
        return _MODEL


def _category_ranges(category):
    """The code points of the Unicode general category ``category`` (L, M, S,
    N, P, Z, C or a two-letter one such as Lu) as character class ranges."""
    with _CATEGORY_LOCK:
        if not _CATEGORY_RANGES:
            runs = {}
            start, previous = 0, unicodedata.category(chr(0))
            for code in range(1, 0x110000):
                current = unicodedata.category(chr(code))
                if current != previous:
                    runs.setdefault(previous, []).append((start, code - 1))
                    start, previous = code, current
            runs.setdefault(previous, []).append((start, 0x10FFFF))
            for name, spans in list(runs.items()):
                runs.setdefault(name[0], []).extend(spans)
            for name, spans in runs.items():
                _CATEGORY_RANGES[name] = "".join(
                    "\\U%08x" % low if low == high else "\\U%08x-\\U%08x" % (low, high) for low, high in sorted(spans))
    if category not in _CATEGORY_RANGES:
        raise re.error("unknown Unicode category \\p{%s}" % category)
    return _CATEGORY_RANGES[category]


def java_pattern_to_python(pattern):
    """The Python ``re`` text of a Java pattern: ``\\p{X}`` (a Unicode general
    category, inside or outside a character class) and ``\\P{X}`` (outside a
    class) become explicit ranges.  Raises re.error for what it cannot translate."""
    out = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            match = _JAVA_PROPERTY_RE.match(pattern, index)
            if match:
                ranges = _category_ranges(match.group(2))
                if match.group(1) == "p":
                    out.append(ranges if in_class else "[%s]" % ranges)
                elif in_class:
                    raise re.error("\\P{...} inside a character class")
                else:
                    out.append("[^%s]" % ranges)
                index = match.end()
                continue
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            index += 1
            # a ] right after [ or [^ is a literal member in both dialects
            for prefix in ("^]", "]", "^"):
                if pattern.startswith(prefix, index):
                    out.append(prefix)
                    index += len(prefix)
                    break
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


def compiled_pattern(pattern):
    """The compiled Python form of a model pattern, or None if it cannot be translated (cached)."""
    if pattern not in _PATTERNS:
        try:
            _PATTERNS[pattern] = re.compile(java_pattern_to_python(pattern), re.ASCII)
        except re.error:
            _PATTERNS[pattern] = None
    return _PATTERNS[pattern]


def uncompilable_patterns():
    """The model's patterns that compiled_pattern cannot translate (they are not checked), sorted."""
    shapes = service_model()["shapes"]
    return sorted(set(shape["pattern"] for shape in shapes.values() if "pattern" in shape and compiled_pattern(shape["pattern"]) is None))


def _java_text(value):
    """``value`` as Java's toString shows it in AWS messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[%s]" % ", ".join(_java_text(item) for item in value)
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s=%s" % (key, _java_text(item)) for key, item in value.items())
    return "%s" % (value,)


def _size_violations(size, shape, what):
    violations = []
    if "min" in shape and size < shape["min"]:
        violations.append("Member must have %s greater than or equal to %s" % (what, shape["min"]))
    if "max" in shape and size > shape["max"]:
        violations.append("Member must have %s less than or equal to %s" % (what, shape["max"]))
    return violations


def _scalar_violations(value, shape):
    """The constraints of a string or number shape that ``value`` breaks."""
    kind = shape["type"]
    if kind == "string" and isinstance(value, str):
        violations = []
        if "enum" in shape and value not in shape["enum"]:
            violations.append("Member must satisfy enum value set: [%s]" % ", ".join(shape["enum"]))
        # Java counts the length of a String in UTF-16 code units.
        violations.extend(_size_violations(len(value.encode("utf-16-le")) // 2, shape, "length"))
        if "pattern" in shape:
            compiled = compiled_pattern(shape["pattern"])
            if compiled is not None and not compiled.fullmatch(value):
                violations.append("Member must satisfy regular expression pattern: %s" % shape["pattern"])
        return violations
    if kind in _NUMBER_TYPES and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _size_violations(value, shape, "value")
    return []


def _report(errors, path, value, sensitive, violations):
    for violation in violations:
        if sensitive:
            errors.append("Value at '%s' failed to satisfy constraint: %s" % (path, violation))
        else:
            errors.append("Value '%s' at '%s' failed to satisfy constraint: %s" % (_java_text(value), path, violation))


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _check_value(value, shape_name, path, sensitive, errors):
    """Append to ``errors`` the AWS messages for ``value`` of shape ``shape_name`` at ``path``.

    Paths as AWS writes them: member names with a lower-case first letter,
    joined by dots; structure members of a list item at 'list.N.member.name'
    (N from 1).  Scalar list items and map keys or values are reported on the
    list or map: "Member must satisfy constraint: [...]", "Map keys must
    satisfy constraint: [...]", "Map value must satisfy constraint: [...]".
    Values of the wrong type are left to botocore and moto.
    """
    shapes = service_model()["shapes"]
    shape = shapes[shape_name]
    sensitive = sensitive or bool(shape.get("sensitive"))
    kind = shape["type"]
    if kind == "structure":
        if isinstance(value, dict):
            for member, spec in shape.get("members", {}).items():
                if value.get(member) is not None:
                    name = member[:1].lower() + member[1:]
                    _check_value(value[member], spec["shape"], "%s.%s" % (path, name) if path else name, sensitive, errors)
    elif kind == "list":
        if isinstance(value, list):
            _report(errors, path, value, sensitive, _size_violations(len(value), shape, "length"))
            item_name = shape["member"]["shape"]
            item_shape = shapes[item_name]
            if item_shape["type"] in _CONTAINER_TYPES:
                for number, item in enumerate(value, 1):
                    _check_value(item, item_name, "%s.%d.member" % (path, number), sensitive, errors)
            else:
                inner = _unique(violation for item in value for violation in _scalar_violations(item, item_shape))
                if inner:
                    _report(errors, path, value, sensitive or bool(item_shape.get("sensitive")),
                            ["Member must satisfy constraint: [%s]" % ", ".join(inner)])
    elif kind == "map":
        if isinstance(value, dict):
            _report(errors, path, value, sensitive, _size_violations(len(value), shape, "length"))
            key_shape = shapes[shape["key"]["shape"]]
            inner = _unique(violation for key in value for violation in _scalar_violations(key, key_shape))
            if inner:
                _report(errors, path, value, sensitive, ["Map keys must satisfy constraint: [%s]" % ", ".join(inner)])
            value_name = shape["value"]["shape"]
            value_shape = shapes[value_name]
            if value_shape["type"] in _CONTAINER_TYPES:
                for key, item in value.items():
                    _check_value(item, value_name, "%s.%s.member" % (path, key), sensitive, errors)
            else:
                inner = _unique(violation for item in value.values() for violation in _scalar_violations(item, value_shape))
                if inner:
                    _report(errors, path, value, sensitive or bool(value_shape.get("sensitive")),
                            ["Map value must satisfy constraint: [%s]" % ", ".join(inner)])
    else:
        if shape_name in PREFIX_OR_CUSTOM_DOMAIN_SHAPES and isinstance(value, str) and _is_custom(value):
            shape = dict((key, item) for key, item in shape.items() if key not in ("pattern", "max"))
        _report(errors, path, value, sensitive, _scalar_violations(value, shape))


def validate_request(operation, params):
    """The InvalidParameterException message AWS answers to ``params`` (the
    decoded JSON body) of cognito-idp ``operation``, or None if they satisfy
    the model's enum, pattern, length and range constraints (see above).
    Unknown operations and members are not checked here."""
    operation_model = service_model()["operations"].get(operation)
    if not operation_model or "input" not in operation_model or not isinstance(params, dict):
        return None
    errors = []
    _check_value(params, operation_model["input"]["shape"], "", False, errors)
    if not errors:
        return None
    return "%d validation error%s detected: %s" % (len(errors), "" if len(errors) == 1 else "s", "; ".join(errors))


# ------------------------------------------------------- identity providers
#
# moto 5.2.5 accepts any identity provider (no type, name or detail checks; a
# second provider of one name overwrites the first), describes it exactly as
# sent, and lets app clients name providers that do not exist.  AWS:
#
# * ProviderType outside IdentityProviderTypeType: the model validation
#   (validate_request) already answers InvalidParameterException.
# * A social provider must be named after its type: "Provider MyGoogle cannot
#   be of type Google." (InvalidParameterException; aws/aws-cli issue 3179).
# * The details each type needs (botocore doc of CreateIdentityProvider /
#   UpdateIdentityProvider ProviderDetails, the AWS API reference text):
#   Google, Facebook, LoginWithAmazon: client_id, client_secret,
#   authorize_scopes; AWS answers "client_id, client_secret and
#   authorize_scopes are all required idp details" (aws-amplify/amplify-cli
#   issues 6880 and 8266).  SignInWithApple: client_id, team_id, key_id,
#   private_key, authorize_scopes; OIDC: client_id,
#   attributes_request_method, oidc_issuer, authorize_scopes; SAML:
#   MetadataFile or MetadataURL.  The wording for those three is the same
#   sentence (AWS's own wording for them was not found).
# * A second provider of a name: DuplicateProviderException ("This exception
#   is thrown when the provider is already supported by the user pool",
#   botocore model of CreateIdentityProvider's errors).
# * DescribeIdentityProvider reports details AWS adds, and leaves out some it
#   was sent: the same ProviderDetails doc gives, for each type, a "Create or
#   update request" and the "Describe response" to it.  The emulator reads
#   them there (_documented_provider_details): the keys of the response that
#   the request lacks are added with the response's values, the keys of the
#   request that the response lacks (SignInWithApple's private_key) are not
#   reported.  A value holding the request's api_version (Facebook's URLs)
#   is reported with the provider's own api_version, and not at all for a
#   provider without one (AWS's default version is not documented).  SAML's
#   added details (ActiveEncryptionCertificate, the SSO and SLO binding URIs)
#   come from the metadata document and OIDC's endpoints from discovery at
#   oidc_issuer: neither is modelled.
# * UpdateIdentityProvider: ProviderDetails is "The scopes, URLs, and
#   identifiers for your external identity provider" (the whole set): sent,
#   it replaces the details (checked as on create); omitted, they stay.
#   AttributeMapping and IdpIdentifiers likewise; LastModifiedDate changes
#   (IdentityProviderType: "The date and time when the item was modified").
# * CreateUserPoolClient / UpdateUserPoolClient naming a provider the pool
#   does not have: InvalidParameterException "The provider X does not exist
#   for User Pool Y" (lgallard/terraform-aws-cognito-user-pool pull request
#   72; COGNITO always exists).
# * DeleteIdentityProvider of a provider that app clients still list: what
#   AWS does was not found (the model lists UnsupportedIdentityProviderException
#   among its errors without saying when); not modelled, moto deletes it.

SOCIAL_PROVIDER_TYPES = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
# AWS's answer to a provider without a detail its type needs (see above); the
# details it names are the ones checked.
_SOCIAL_DETAILS_MESSAGE = "client_id, client_secret and authorize_scopes are all required idp details"
MISSING_DETAILS_MESSAGES = {
    "Google": _SOCIAL_DETAILS_MESSAGE,
    "Facebook": _SOCIAL_DETAILS_MESSAGE,
    "LoginWithAmazon": _SOCIAL_DETAILS_MESSAGE,
    "SignInWithApple": "client_id, team_id, key_id, private_key and authorize_scopes are all required idp details",
    "OIDC": "client_id, attributes_request_method, oidc_issuer and authorize_scopes are all required idp details",
}
# ProviderType -> (details AWS adds: key -> value, details AWS does not
# report, the request's api_version), read once (_documented_provider_details).
_PROVIDER_DETAILS_DOC = {}
# Types whose describe response the emulator does not derive (see above).
PROVIDER_DETAILS_NOT_MODELLED = ("SAML",)


def _check_provider_details(provider_type, details):
    """InvalidParameterException for details a ``provider_type`` provider must have (see above)."""
    details = details or {}
    if provider_type == "SAML":
        if not details.get("MetadataFile") and not details.get("MetadataURL"):
            raise _models().InvalidParameterException("MetadataFile or MetadataURL is a required idp detail")
        return
    message = MISSING_DETAILS_MESSAGES.get(provider_type)
    if message and any(not details.get(key) for key in re.findall(r"\b(?!and\b)\w+", message.split(" are all ")[0])):
        raise _models().InvalidParameterException(message)


def _detail_pairs(example):
    """The "key": "value" pairs of a ProviderDetails example of the botocore doc, as a dict."""
    return dict(re.findall(r'"(\w+)"\s*:\s*"([^"]*)"', example))


def _documented_provider_details():
    """ProviderType -> (added details, unreported details, example api_version), from the botocore doc (see above)."""
    if not _PROVIDER_DETAILS_DOC:
        text = service_model()["shapes"]["CreateIdentityProviderRequest"]["members"]["ProviderDetails"]["documentation"]
        found = {}
        for title, body in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", text, re.S):
            provider_type = re.sub(r".*\((\w+)\)$", r"\1", title.strip())
            requests = re.findall(r"Create or update request[^:]*:\s*<code>(.*?)</code>", body, re.S)
            response = re.search(r"Describe response:\s*<code>(.*?)</code>", body, re.S)
            if provider_type in PROVIDER_DETAILS_NOT_MODELLED or len(requests) != 1 or not response:
                continue
            request, reported = _detail_pairs(requests[0]), _detail_pairs(response.group(1))
            added = dict((key, value) for key, value in reported.items() if key not in request)
            found[provider_type] = (added, tuple(key for key in request if key not in reported), request.get("api_version"))
        missing = [name for name in service_model()["shapes"]["IdentityProviderTypeType"]["enum"]
                   if name not in found and name not in PROVIDER_DETAILS_NOT_MODELLED]
        if missing:
            raise RuntimeError("the botocore documentation of ProviderDetails has no example for %s" % ", ".join(missing))
        _PROVIDER_DETAILS_DOC.update(found)
    return _PROVIDER_DETAILS_DOC


def _provider_details_reported(provider_type, details):
    """The details DescribeIdentityProvider reports for ``details`` sent to a ``provider_type`` provider."""
    added, unreported, example_version = _documented_provider_details().get(provider_type, ({}, (), None))
    reported = dict((key, value) for key, value in (details or {}).items() if key not in added and key not in unreported)
    version = reported.get("api_version")
    for key, value in added.items():
        if example_version and example_version in value:
            if not version:
                continue
            value = value.replace(example_version, version)
        reported[key] = value
    return reported


def _backend_create_identity_provider(self, user_pool_id, name, extended_config):
    """Wraps CognitoIdpBackend.create_identity_provider (see the section's comment)."""
    pool = self.describe_user_pool(user_pool_id)
    config = dict(extended_config or {})
    provider_type = config.get("ProviderType")
    if provider_type in SOCIAL_PROVIDER_TYPES and name != provider_type:
        raise _models().InvalidParameterException("Provider %s cannot be of type %s." % (name, provider_type))
    _check_provider_details(provider_type, config.get("ProviderDetails"))
    if name in pool.identity_providers:
        raise _error_class("DuplicateProviderException")("A provider with the name %s already exists in this user pool." % name)
    provider = _ORIGINALS["create_identity_provider"](self, user_pool_id, name, config)
    provider.extended_config["ProviderDetails"] = dict(config.get("ProviderDetails") or {})
    return provider


def _backend_update_identity_provider(self, user_pool_id, name, extended_config):
    """Replaces CognitoIdpBackend.update_identity_provider: each member sent replaces the current one."""
    provider = self.describe_identity_provider(user_pool_id, name)
    config = dict(extended_config or {})
    if "ProviderDetails" in config:
        _check_provider_details(provider.extended_config.get("ProviderType"), config["ProviderDetails"])
    for key in ("ProviderDetails", "AttributeMapping", "IdpIdentifiers", "AcrMapping"):
        if key in config:
            provider.extended_config[key] = copy.deepcopy(config[key])
    provider.last_modified_date = _utcnow()
    return provider


def _identity_provider_to_json(self, extended=False):
    """Wraps CognitoIdpIdentityProvider.to_json: the details AWS reports (see above)."""
    data = _ORIGINALS["identity_provider_to_json"](self, extended)
    if extended and "ProviderDetails" in data:
        data["ProviderDetails"] = _provider_details_reported(data.get("ProviderType"), data["ProviderDetails"])
    return data


def _check_supported_identity_providers(backend, user_pool_id, params):
    pool = backend.describe_user_pool(user_pool_id)
    for provider in (params or {}).get("SupportedIdentityProviders") or []:
        if provider != "COGNITO" and provider not in pool.identity_providers:
            raise _models().InvalidParameterException("The provider %s does not exist for User Pool %s" % (provider, user_pool_id))


def _patch_identity_providers(models, backend_cls):
    """Registers this section's patches (called by apply_patches, after the client patches)."""
    _ORIGINALS.update({
        "create_identity_provider": backend_cls.create_identity_provider,
        "identity_provider_to_json": models.CognitoIdpIdentityProvider.to_json,
        "create_user_pool_client_idp": backend_cls.create_user_pool_client,
        "update_user_pool_client_idp": backend_cls.update_user_pool_client,
    })
    backend_cls.create_identity_provider = _backend_create_identity_provider
    backend_cls.update_identity_provider = _backend_update_identity_provider
    models.CognitoIdpIdentityProvider.to_json = _identity_provider_to_json

    def create_user_pool_client(self, user_pool_id, generate_secret, extended_config):
        """CreateUserPoolClient: only providers of the pool (see above)."""
        _check_supported_identity_providers(self, user_pool_id, extended_config)
        return _ORIGINALS["create_user_pool_client_idp"](self, user_pool_id, generate_secret, extended_config)

    def update_user_pool_client(self, user_pool_id, client_id, extended_config):
        """UpdateUserPoolClient: only providers of the pool (see above)."""
        _check_supported_identity_providers(self, user_pool_id, extended_config)
        return _ORIGINALS["update_user_pool_client_idp"](self, user_pool_id, client_id, extended_config)

    backend_cls.create_user_pool_client = create_user_pool_client
    backend_cls.update_user_pool_client = update_user_pool_client


# ------------------------------------------------- end of identity providers


# ------------------------------------------------------------ request quotas
# The request_quotas knob (off by default): Cognito's request-rate quotas for
# the operations on user pools, app clients and a pool's resources.  Source:
# Amazon Cognito Developer Guide, "Quotas in Amazon Cognito", section "Amazon
# Cognito user pools API operation categories and request rate quotas"
# (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html).
# A category's quota is the requests per second of all its operations
# together, in one account and one Region, on all the account's user pools
# (not adjustable for these six categories).  In the categories marked 1
# there (UserPoolResourceRead, UserPoolResourceUpdate, UserPoolClientRead,
# UserPoolClientUpdate), "any individual operation in this category has a
# constraint that prevents the operation from being called at a rate higher
# than 5 RPS for a single user pool"; Service Quotas lists a "per user pool"
# rate for those four categories only, so UserPoolRead and UserPoolUpdate have
# no per-pool limit here.  ListTagsForResource: "You can use this action up to
# 10 times per second, per account" (AWS API reference of the operation).
# Past a limit AWS answers TooManyRequestsException (HTTP 400); the message is
# the AWS-wide "Rate exceeded".  A refused request does not count towards the
# rates: the window holds the requests that were served.
QUOTA_CATEGORY_RATES = {
    "UserPoolRead": 15,
    "UserPoolUpdate": 15,
    "UserPoolResourceRead": 20,
    "UserPoolResourceUpdate": 15,
    "UserPoolClientRead": 15,
    "UserPoolClientUpdate": 15,
}
QUOTA_PER_POOL_CATEGORIES = frozenset(["UserPoolResourceRead", "UserPoolResourceUpdate", "UserPoolClientRead", "UserPoolClientUpdate"])
QUOTA_PER_POOL_RATE = 5
QUOTA_OPERATION_RATES = {"ListTagsForResource": 10}
QUOTA_WINDOW_SECONDS = 1.0
# The guide's table also names each category's operations; those lists are
# not confirmed here, so the mapping follows the categories' descriptions:
# "Operations that read your user pools", "that create, update, or delete
# your user pools", "that retrieve information about resources ... from a
# user pool", "that modify resources ... in a user pool", "that retrieve
# information about your user pool clients", "that create, update, and
# delete your user pool clients".
# Domains, identity providers, managed login brandings and tags are counted as
# a pool's resources: not confirmed, and the conservative choice (those
# categories also have the per-pool limit).
QUOTA_CATEGORIES = {
    "UserPoolRead": ("ListUserPools", "DescribeUserPool", "GetUserPoolMfaConfig"),
    "UserPoolUpdate": ("CreateUserPool", "UpdateUserPool", "DeleteUserPool", "AddCustomAttributes", "SetUserPoolMfaConfig"),
    "UserPoolClientRead": ("ListUserPoolClients", "DescribeUserPoolClient", "ListUserPoolClientSecrets"),
    "UserPoolClientUpdate": ("CreateUserPoolClient", "UpdateUserPoolClient", "DeleteUserPoolClient", "AddUserPoolClientSecret",
                             "DeleteUserPoolClientSecret"),
    "UserPoolResourceRead": ("DescribeUserPoolDomain", "DescribeIdentityProvider", "ListIdentityProviders",
                             "GetIdentityProviderByIdentifier", "DescribeManagedLoginBranding",
                             "DescribeManagedLoginBrandingByClient", "ListTagsForResource"),
    "UserPoolResourceUpdate": ("CreateUserPoolDomain", "UpdateUserPoolDomain", "DeleteUserPoolDomain", "CreateIdentityProvider",
                               "UpdateIdentityProvider", "DeleteIdentityProvider", "CreateManagedLoginBranding",
                               "UpdateManagedLoginBranding", "DeleteManagedLoginBranding", "TagResource", "UntagResource"),
}
QUOTA_CATEGORY_OF = dict((operation, category) for category, operations in QUOTA_CATEGORIES.items() for operation in operations)
# SigV4: Credential=<access key id>/<date>/<region>/<service>/aws4_request
_CREDENTIAL_RE = re.compile(r"Credential=([^/,\s]+)/[^/]+/([^/]+)/")


def _request_body(environ):
    """The JSON body of a request (None when there is none or it is not JSON), put back for the next reader."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length <= 0:
        return None
    raw = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(raw)
    environ["CONTENT_LENGTH"] = str(len(raw))
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return None


def _quota_pool(params):
    """The user pool a request is about: UserPoolId, the pool of a ResourceArn, else the domain it names."""
    if not isinstance(params, dict):
        params = {}
    if params.get("UserPoolId"):
        return params["UserPoolId"]
    arn = params.get("ResourceArn") or ""
    if ":userpool/" in arn:
        return arn.rsplit("/", 1)[-1]
    return ("domain", params.get("Domain"))


def _quota_account(access_key):
    """The account moto files the access key's requests under."""
    from moto.iam.models import get_account_id_from  # pylint: disable=import-outside-toplevel
    return get_account_id_from(access_key)


class _RequestQuotas(object):
    """Sliding one-second windows of served requests, per limit (thread-safe), and the refused requests."""

    def __init__(self):
        self._lock = threading.Lock()
        self._windows = {}
        self._throttled = []

    def throttled(self):
        """The operations refused for the request rate since the last reset, in order."""
        with self._lock:
            return list(self._throttled)

    def reset(self):
        """Forget the windows and the refused requests."""
        with self._lock:
            self._windows.clear()
            del self._throttled[:]

    def limits(self, environ, operation):
        """(window key, rate) of every limit ``operation`` counts towards."""
        category = QUOTA_CATEGORY_OF.get(operation)
        if category is None:
            return []
        match = _CREDENTIAL_RE.search(environ.get("HTTP_AUTHORIZATION") or "")
        access_key, region = match.groups() if match else ("", "us-east-1")
        account = (_quota_account(access_key), region)
        limits = [(account + (category,), QUOTA_CATEGORY_RATES[category])]
        if operation in QUOTA_OPERATION_RATES:
            limits.append((account + (operation,), QUOTA_OPERATION_RATES[operation]))
        if category in QUOTA_PER_POOL_CATEGORIES:
            limits.append((account + (operation, _quota_pool(_request_body(environ))), QUOTA_PER_POOL_RATE))
        return limits

    def admit(self, environ, operation):
        """False when ``operation`` is over a limit now (the request is then recorded as refused)."""
        limits = self.limits(environ, operation)
        if not limits:
            return True
        clock = get_knob("quota_clock")
        now = time.monotonic() if clock is None else clock
        with self._lock:
            windows = []
            for key, rate in limits:
                # The window is (now - 1 s, now]; stamps after now (a clock knob set back) are dropped too.
                window = [stamp for stamp in self._windows.get(key, []) if now - QUOTA_WINDOW_SECONDS < stamp <= now]
                self._windows[key] = window
                windows.append((window, rate))
            if any(len(window) >= rate for window, rate in windows):
                self._throttled.append(operation)
                return False
            for window, _rate in windows:
                window.append(now)
            return True


_QUOTAS = _RequestQuotas()


def _throttled_reply(start_response):
    body = json.dumps({"__type": "TooManyRequestsException", "message": "Rate exceeded"}).encode("utf-8")
    start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(body)))])
    return [body]


# ---------------------------------------------------- end of request quotas


# ----------------------------------------------------------------- WSGI layer

class EmulatorMiddleware:
    """Records cognito-idp operations, checks them against the model
    (validate_request, when ``validate``) and serves the /_emulator/ endpoints.

    With COGNITO_EMULATOR_OPERATIONS_FILE set in its environment, appends every
    cognito-idp operation name to that file, one per line: one O_APPEND write
    per line, so that several emulator processes may share the file.
    """

    def __init__(self, app, validate=True):
        self.app = app
        self.validate = validate
        self.operations_file = os.environ.get("COGNITO_EMULATOR_OPERATIONS_FILE") or None
        self._calls = []
        self._user_agents = []
        self._lock = threading.Lock()
        # POST /_emulator/call: boto3 clients to this emulator by (endpoint, account, region).
        self._clients = {}
        self._clients_lock = threading.Lock()

    def calls(self):
        """The operations recorded since the last reset."""
        with self._lock:
            return list(self._calls)

    def reset_calls(self):
        """Clear the call log."""
        with self._lock:
            del self._calls[:]
            del self._user_agents[:]
        _QUOTAS.reset()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO") or ""
        if path.startswith("/_emulator/"):
            return self._control(environ, start_response, path)
        target = environ.get("HTTP_X_AMZ_TARGET") or ""
        if target.startswith(COGNITO_TARGET_PREFIX):
            operation = target[len(COGNITO_TARGET_PREFIX):]
            with self._lock:
                self._calls.append(operation)
                self._user_agents.append(environ.get("HTTP_USER_AGENT") or "")
            if self.operations_file:
                self._log_operation(operation)
            if get_knob("request_quotas") and not _QUOTAS.admit(environ, operation):
                return _throttled_reply(start_response)
            if self.validate:
                message = self._validate(environ, operation)
                if message:
                    return self._reply(start_response, "400 Bad Request", {"__type": "InvalidParameterException", "message": message},
                                       content_type="application/x-amz-json-1.1")
            gather = get_knob("lookup_gather")
            if operation in LISTING_OPERATIONS and gather["requests"]:
                # The answer shows the state when the request arrived, and reaches the caller later.
                body = list(self.app(environ, start_response))
                _GATHERING.hold(gather["requests"], gather["seconds"])
                return body
        return self.app(environ, start_response)

    def _log_operation(self, operation):
        descriptor = os.open(self.operations_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, (operation + "\n").encode("utf-8"))
        finally:
            os.close(descriptor)

    @staticmethod
    def _validate(environ, operation):
        """validate_request on the JSON body, which is put back for moto."""
        params = _request_body(environ)
        return None if params is None else validate_request(operation, params)

    @staticmethod
    def _reply(start_response, status, payload, content_type="application/json"):
        body = json.dumps(payload).encode("utf-8")
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]

    @staticmethod
    def _body(environ):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(length) if length else b""
        return json.loads(raw.decode("utf-8")) if raw.strip() else {}

    def _call(self, environ):
        """POST /_emulator/call: one boto3 call to this emulator, through its own HTTP endpoint (logged, validated)."""
        import botocore.exceptions  # pylint: disable=import-outside-toplevel
        request = self._body(environ)
        endpoint = "http://" + environ["HTTP_HOST"]
        key = (endpoint, request.get("account"), request.get("region") or "us-east-1")
        with self._clients_lock:
            if key not in self._clients:
                self._clients[key] = _control_module().client(*key)
            client = self._clients[key]
        try:
            result = getattr(client, request["call"])(**(request.get("params") or {}))
        except botocore.exceptions.ClientError as e:
            return {"error": e.response["Error"]}
        except (AttributeError, TypeError, botocore.exceptions.BotoCoreError) as e:
            return {"failed": "{0}: {1}".format(request["call"], e)}
        result.pop("ResponseMetadata", None)
        return {"result": json.loads(json.dumps(result, default=str))}

    def _control(self, environ, start_response, path):
        method = environ.get("REQUEST_METHOD", "GET")
        route = (method, path.rstrip("/"))
        if route == ("GET", "/_emulator/health"):
            return self._reply(start_response, "200 OK", {"ok": True})
        if route == ("GET", "/_emulator/calls"):
            with self._lock:
                log = {"calls": list(self._calls), "user_agents": list(self._user_agents), "throttled": _QUOTAS.throttled()}
            return self._reply(start_response, "200 OK", log)
        if route == ("POST", "/_emulator/calls/reset"):
            self.reset_calls()
            return self._reply(start_response, "200 OK", {"calls": []})
        if route == ("POST", "/_emulator/reset"):
            self.reset_calls()
            reset_knobs()
            return self._reply(start_response, "200 OK", {"config": knobs()})
        if route == ("POST", "/_emulator/call"):
            return self._reply(start_response, "200 OK", self._call(environ))
        if route[1] == "/_emulator/config" and method in ("GET", "POST"):
            if method == "POST":
                try:
                    new_knobs = self._body(environ)
                    if not isinstance(new_knobs, dict):
                        raise ValueError("the body must be a JSON object")
                    set_knobs(new_knobs)
                except ValueError as exc:
                    return self._reply(start_response, "400 Bad Request", {"error": str(exc)})
            return self._reply(start_response, "200 OK", {"config": knobs()})
        return self._reply(start_response, "404 Not Found", {"error": "no such emulator endpoint: %s %s" % route})


def create_app(patched=True):
    """The patched moto WSGI application wrapped in the emulator middleware.

    patched=False serves raw moto (with the middleware, without the model
    validation), to show which tests fail without the patches.
    """
    if patched:
        apply_patches()
        service_model()
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # pylint: disable=import-outside-toplevel
    return EmulatorMiddleware(DomainDispatcherApplication(create_backend_app), validate=patched)


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
