# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decisions about user pool domains, as pure functions (internal use only).

Validating a prefix or custom domain name, finding the pool's current domain
of the same kind, building CreateUserPoolDomain / UpdateUserPoolDomain
requests, predicting the result for check mode and turning a
DescribeUserPoolDomain result into the module's return value.  Nothing here
calls AWS; the functions are unit-tested on plain dictionaries.
"""

import copy
import re

from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import from_boto

# botocore shape DomainType (a prefix domain).
PREFIX_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Words a prefix must not contain (developer guide "Using the Amazon Cognito
# domain"; AWS answers "Domain cannot contain reserved word").
RESERVED_WORDS = ("aws", "amazon", "cognito")
# A fully qualified custom domain: lowercase DNS labels, at least two.
CUSTOM_DOMAIN_PATTERN = re.compile(r"^(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")
# An ACM certificate ARN; custom domains need one in us-east-1 (commercial partition).
CERTIFICATE_ARN_PATTERN = re.compile(r"^arn:(aws[a-z-]*):acm:([a-z0-9-]+):\d{12}:certificate/[\w-]+$")
CERTIFICATE_REGION = "us-east-1"
# The ACM certificate status (DescribeCertificate) of a certificate that can be used.
CERTIFICATE_ISSUED = "ISSUED"

# DomainDescriptionType Status values while AWS is still working on a domain.
PENDING_STATUSES = ("CREATING", "UPDATING", "DELETING")
ACTIVE = "ACTIVE"
DELETING = "DELETING"
FAILED = "FAILED"

# Seconds between two DescribeUserPoolDomain calls of a wait (the waiters
# of module_utils/cognito.py; fewer with a short wait_timeout): a prefix
# domain is ready within a minute, a custom domain within an hour.
WAIT_DELAY_PREFIX = 2
WAIT_DELAY_CUSTOM = 10

# Default wait_timeout: AWS documents up to a minute for a prefix domain and
# up to an hour for a custom domain (CloudFront distribution).
DEFAULT_TIMEOUT_PREFIX = 300
DEFAULT_TIMEOUT_CUSTOM = 3600


def is_custom(domain):
    """A custom domain is a fully qualified name; a prefix has no dot."""
    return "." in domain


def kind(domain):
    return "custom domain" if is_custom(domain) else "prefix domain"


def prefix_problems(prefix):
    """Why ``prefix`` cannot be a Cognito prefix domain (empty list: it can)."""
    problems = []
    if not PREFIX_PATTERN.fullmatch(prefix or ""):
        problems.append(
            "must be 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or a digit"
            " (^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$)"
        )
    for word in RESERVED_WORDS:
        if word in (prefix or "").lower():
            problems.append("must not contain the reserved word {0!r}".format(word))
    return problems


def custom_domain_problems(domain):
    """Why ``domain`` cannot be a custom domain (empty list: it can)."""
    if CUSTOM_DOMAIN_PATTERN.fullmatch(domain):
        return []
    return ["must be a fully qualified domain name of lowercase letters, digits, hyphens and dots, such as auth.example.com"]


def certificate_arn_problems(arn):
    """Why ``arn`` cannot be the certificate of a custom domain (empty list: it can)."""
    match = CERTIFICATE_ARN_PATTERN.fullmatch(arn)
    if not match:
        return ["must be the ARN of an ACM certificate, arn:aws:acm:us-east-1:<account>:certificate/<id>"]
    partition, region = match.groups()
    if partition == "aws" and region != CERTIFICATE_REGION:
        return ["must be an ACM certificate in {0} (CloudFront uses certificates from there), not in {1}".format(CERTIFICATE_REGION, region)]
    return []


def certificate_region(arn):
    """The region of the ACM certificate ``arn`` (validated by certificate_arn_problems)."""
    return CERTIFICATE_ARN_PATTERN.fullmatch(arn).group(2)


def certificate_problem(arn, certificate):
    """Why the ACM certificate ``arn`` (DescribeCertificate's Certificate, None: ACM has none) cannot serve a custom domain, or None.

    CloudFront, which serves custom domains, takes only a certificate that
    ACM has ISSUED; AWS refuses any other with "The specified SSL certificate
    doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a
    valid certificate chain."
    """
    if certificate is None:
        return "certificate_arn {0!r} does not exist in ACM (region {1} of this account)".format(arn, certificate_region(arn))
    status = certificate.get("Status")
    if status != CERTIFICATE_ISSUED:
        return "certificate_arn {0!r} has the status {1} in ACM; a custom domain needs an {2} certificate".format(arn, status, CERTIFICATE_ISSUED)
    return None


def validation_errors(params, names=None):
    """Messages for each option AWS would refuse, naming the option, or the name ``names`` gives it (option -> name)."""
    def label(option):
        return (names or {}).get(option, option)

    errors = []
    domain = params.get("domain")
    if domain is not None:
        problems = custom_domain_problems(domain) if is_custom(domain) else prefix_problems(domain)
        for problem in problems:
            errors.append("{0} {1!r} {2}".format(label("domain"), domain, problem))
    if params.get("certificate_arn") is not None:
        if domain is not None and not is_custom(domain):
            errors.append("{0} is only for a custom domain (a fully qualified name), not for the prefix {1!r}".format(label("certificate_arn"), domain))
        for problem in certificate_arn_problems(params["certificate_arn"]):
            errors.append("{0} {1!r} {2}".format(label("certificate_arn"), params["certificate_arn"], problem))
    if params.get("wait_timeout") is not None and params["wait_timeout"] < 0:
        errors.append("{0} must be 0 or more seconds, got {1}".format(label("wait_timeout"), params["wait_timeout"]))
    return errors


def fqdn(domain, region):
    """The host name of the hosted UI: the custom name, or <prefix>.auth.<region>.amazoncognito.com."""
    if is_custom(domain):
        return domain
    return "{0}.auth.{1}.amazoncognito.com".format(domain, region)


def pool_domains(pool):
    """The domain names DescribeUserPool reports for ``pool``: (prefix or None, custom or None)."""
    pool = pool or {}
    return pool.get("Domain") or None, pool.get("CustomDomain") or None


def current_of_same_kind(pool, domain):
    """The pool's current domain of the same kind as ``domain`` (prefix or custom), or None."""
    prefix, custom = pool_domains(pool)
    return custom if is_custom(domain) else prefix


def belongs_to_another_pool(description, user_pool_id):
    """True when DescribeUserPoolDomain shows the domain on a pool other than ``user_pool_id``."""
    return bool(description) and description.get("UserPoolId") != user_pool_id


def not_available_message(domain, description=None):
    owner = ""
    if description and description.get("UserPoolId"):
        owner = " (it belongs to user pool {0})".format(description["UserPoolId"])
    return (
        "{0} {1!r} is not available: it is already associated with another user pool{2}; choose another name."
        " The other pool's domain was left as it is".format(kind(domain), domain, owner)
    )


def is_taken_error(code, message):
    """True for CreateUserPoolDomain's answer when the name is taken (possibly in another account)."""
    return code == "InvalidParameterException" and "already associated with another user pool" in (message or "")


def is_exists_error(code, message):
    """True for CreateUserPoolDomain's answer when the name is held by this pool, or by a domain that is DELETING.

    AWS answers InvalidParameterException "Domain already exists." while a
    domain deleted moments ago is not gone yet (reported by Terraform and
    Pulumi users replacing a domain), unlike "already associated with another
    user pool" (is_taken_error): wait for it and look again.
    """
    return code == "InvalidParameterException" and "domain already exists" in (message or "").lower()


def is_pool_has_domain_error(code, message):
    """True for CreateUserPoolDomain's answer when the pool already has another domain of that kind.

    AWS answers InvalidParameterException "User pool already has a domain
    configured."; a pool has at most one prefix and one custom domain.
    """
    return code == "InvalidParameterException" and "already has a domain configured" in (message or "").lower()


def is_gone_error(code, message):
    """True for DeleteUserPoolDomain's answer when the domain no longer exists.

    AWS answers InvalidParameterException "No such domain" (the Terraform AWS
    provider treats exactly this answer as "already deleted"); older answers
    and the emulator of moto used ResourceNotFoundException.
    """
    if code == "ResourceNotFoundException":
        return True
    return code == "InvalidParameterException" and "no such domain" in (message or "").lower()


def create_request(params):
    """The CreateUserPoolDomain request for a task."""
    request = {"UserPoolId": params["user_pool_id"], "Domain": params["domain"]}
    if params.get("managed_login_version") is not None:
        request["ManagedLoginVersion"] = params["managed_login_version"]
    if params.get("certificate_arn") is not None:
        request["CustomDomainConfig"] = {"CertificateArn": params["certificate_arn"]}
    return request


def restore_request(description):
    """A CreateUserPoolDomain request that re-creates the domain ``description`` describes."""
    request = {"UserPoolId": description["UserPoolId"], "Domain": description["Domain"]}
    if description.get("ManagedLoginVersion") is not None:
        request["ManagedLoginVersion"] = description["ManagedLoginVersion"]
    if description.get("CustomDomainConfig"):
        request["CustomDomainConfig"] = copy.deepcopy(description["CustomDomainConfig"])
    return request


def restore_call(description):
    """The options of the cognito_domain task that re-creates the domain ``description`` describes, as text."""
    request = restore_request(description)
    options = ["user_pool_id: {0}".format(request["UserPoolId"]), "domain: {0}".format(request["Domain"])]
    if request.get("CustomDomainConfig", {}).get("CertificateArn"):
        options.append("certificate_arn: {0}".format(request["CustomDomainConfig"]["CertificateArn"]))
    if request.get("ManagedLoginVersion") is not None:
        options.append("managed_login_version: {0}".format(request["ManagedLoginVersion"]))
    return "kaleido.cognito.cognito_domain with {0}".format(", ".join(options))


def restored_message(problem, old, restored):
    """The failure of a replacement whose new domain could not be created, once the old one is back.

    ``old`` and ``restored`` are DescribeUserPoolDomain results of the old
    domain before its deletion and after it was created again.
    """
    name = old["Domain"]
    message = "{0}. The old domain {1!r} was deleted first and has been created again".format(problem, name)
    now, before = restored.get("CloudFrontDistribution"), old.get("CloudFrontDistribution")
    if is_custom(name) and now and now != before:
        message += "; its CloudFront distribution is now {0}{1}: point the DNS alias of {2} to it".format(
            now, " (it was {0})".format(before) if before else "", name)
    return message


def not_restored_message(problem, old, reason):
    """The failure of a replacement whose new domain could not be created, nor the old one again (``reason``)."""
    name = old["Domain"]
    return (
        "{0}. The old domain {2!r} was deleted first and could not be created again ({3}): user pool {4} has no {1} now."
        " To restore it, run {5}".format(problem, kind(name), name, reason, old["UserPoolId"], restore_call(old))
    )


def update_request(description, params):
    """The UpdateUserPoolDomain request for a task, and the sorted list of what changes.

    The request carries the current ManagedLoginVersion and custom domain
    configuration with the task's change, so nothing the task does not name
    is reset.  An empty list of changes means there is nothing to do.
    """
    changes = []
    version = description.get("ManagedLoginVersion")
    desired_version = params.get("managed_login_version")
    if desired_version is not None and desired_version != (version or 1):
        changes.append("managed_login_version")
        version = desired_version
    config = copy.deepcopy(description.get("CustomDomainConfig") or {})
    desired_arn = params.get("certificate_arn")
    if desired_arn is not None and desired_arn != config.get("CertificateArn"):
        changes.append("certificate_arn")
        config["CertificateArn"] = desired_arn
    request = {"UserPoolId": description["UserPoolId"], "Domain": description["Domain"]}
    if version is not None:
        request["ManagedLoginVersion"] = version
    if config:
        request["CustomDomainConfig"] = config
    return request, changes


def needs_paid_tier(pool, params, description=None):
    """True when the task asks for managed login (version 2) on a LITE pool and the domain does not have it yet."""
    if params.get("managed_login_version") != 2:
        return False
    if description and description.get("ManagedLoginVersion") == 2:
        return False
    return not user_pool.has_managed_login(pool)


def predicted_created(request, waits):
    """What DescribeUserPoolDomain will show after ``request`` (for check mode)."""
    predicted = {
        "UserPoolId": request["UserPoolId"],
        "Domain": request["Domain"],
        "Status": ACTIVE if waits else "CREATING",
        "ManagedLoginVersion": request.get("ManagedLoginVersion", 1),
    }
    if "CustomDomainConfig" in request:
        predicted["CustomDomainConfig"] = copy.deepcopy(request["CustomDomainConfig"])
    return predicted


def predicted_updated(description, request, waits):
    """What DescribeUserPoolDomain will show after ``request`` (for check mode)."""
    predicted = copy.deepcopy(description)
    for key in ("ManagedLoginVersion", "CustomDomainConfig"):
        if key in request:
            predicted[key] = copy.deepcopy(request[key])
    predicted["Status"] = ACTIVE if waits else "UPDATING"
    return predicted


def wait_delay(domain):
    """Seconds between two status reads while waiting for ``domain``."""
    return WAIT_DELAY_CUSTOM if is_custom(domain) else WAIT_DELAY_PREFIX


def timeout_for(domain, wait_timeout):
    """The wait_timeout to use: the task's, or the default for the kind of domain."""
    if wait_timeout is not None:
        return wait_timeout
    return DEFAULT_TIMEOUT_CUSTOM if is_custom(domain) else DEFAULT_TIMEOUT_PREFIX


def timeout_message(domain, status, waited, timeout):
    return (
        "{0} {1!r} is still {2} after waiting {3:.0f} seconds (wait_timeout={4}); AWS documents up to a minute for a"
        " prefix domain and up to an hour for a custom domain. Run the task again to keep waiting".format(kind(domain), domain, status, waited, timeout)
    )


# Fields that change without a change of configuration; left out of diffs.
VOLATILE_FIELDS = ("status",)


def domain_to_ansible(description, region):
    """The module's ``domain`` return value: DescribeUserPoolDomain in snake_case plus ``fqdn``."""
    if not description:
        return {}
    result = from_boto(description)
    result["fqdn"] = fqdn(description["Domain"], region)
    return result
