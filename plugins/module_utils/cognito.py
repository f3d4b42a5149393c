# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Cognito service layer of kaleido.cognito (internal use only).

One thin function per Cognito API call.  Each retries throttling and
transient errors with jittered backoff and turns any other error into
:class:`AnsibleCognitoError`, so modules catch one exception type.  Functions
that read a resource return ``None`` when it does not exist.
"""

import functools
import random
import time

try:
    import botocore
    import botocore.config
    import botocore.exceptions
except ImportError:
    pass  # Modules are responsible for handling this.

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.amazon.aws.plugins.module_utils.waiter import custom_waiter_config

from ansible_collections.kaleido.cognito.plugins.module_utils import model
from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool
from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains

# ListUserPools / ListUserPoolClients accept at most 60 results a page.
PAGE_SIZE = 60

# Retries
#
# Cognito's request-rate quotas are low (about 15 requests per second per
# category, 5 per operation per pool) and AWX runs many jobs side by side:
# throttling is normal.  botocore's own retries are turned off (CognitoModule.connect() in modules.py):
# they resend a CreateUserPool or CreateUserPoolClient whose answer was lost,
# and Cognito, where names are not unique, makes a second pool or client (only
# the domain waits, which just read, use a client with them on: CognitoModule.waiter_client() in modules.py).  The
# functions below retry instead, at most ATTEMPTS attempts per call, waiting
# with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"):
# uniform(0, min(MAX_DELAY, base * 2 ** (retry - 1))) seconds, base
# THROTTLED_BASE_DELAY after a throttling answer and BASE_DELAY after any other
# retryable one (the bases of the AWS SDK for Java).  The cap is short and the
# attempts many because Cognito's quotas are per second: a call gets through
# even when nearly half of the requests are refused (0.46 ** 15 < 1e-5), and
# waits at most 57.5 s in all (about half that on average) before it fails
# with "Failed to <action> after 15 attempts".
ATTEMPTS = 15
BASE_DELAY = 0.1
THROTTLED_BASE_DELAY = 0.5
MAX_DELAY = 5.0

# The request was refused and did nothing: throttling (Cognito answers
# TooManyRequestsException; the others are AWS-wide names) and
# ConcurrentModificationException.
THROTTLING_CODES = frozenset([
    "TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException", "RequestLimitExceeded",
    "RequestThrottled", "RequestThrottledException", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
])
REFUSED_CODES = frozenset(["ConcurrentModificationException"])
# The service failed while it may have carried the request out (HTTP 5xx;
# botocore names a 5xx without an AWS error body by its status, e.g. "503").
TRANSIENT_CODES = frozenset([
    "InternalErrorException", "InternalError", "InternalFailure", "InternalServerError", "ServiceUnavailable",
    "ServiceUnavailableException", "Unavailable", "RequestTimeout", "RequestTimeoutException", "500", "502", "503", "504",
])
TRANSIENT_STATUSES = frozenset([500, 502, 503, 504])
# Throttling without a known code.
THROTTLED_STATUS = 429

# What a retryable error says about the request (retry_kind()).
THROTTLED = "throttled"      # refused for the request rate: not carried out
REFUSED = "refused"          # refused for now (or never sent): not carried out
UNKNOWN = "unknown outcome"  # the service may have carried it out


def retry_kind(error):
    """THROTTLED, REFUSED or UNKNOWN when ``error`` (a botocore exception) is worth retrying, else None.

    Errors that cannot succeed later (InvalidParameterException,
    NotAuthorizedException, ResourceNotFoundException, LimitExceededException,
    missing credentials, a bad certificate...) are not retried.
    """
    if isinstance(error, botocore.exceptions.ClientError):
        response = error.response or {}
        code = response.get("Error", {}).get("Code")
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in THROTTLING_CODES or status == THROTTLED_STATUS:
            return THROTTLED
        if code in REFUSED_CODES:
            return REFUSED
        if code in TRANSIENT_CODES or status in TRANSIENT_STATUSES:
            return UNKNOWN
        return None
    # The connection failed before the request was sent.
    if isinstance(error, (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectTimeoutError)):
        return REFUSED
    # The connection broke or timed out after the request was sent.
    if isinstance(error, (botocore.exceptions.ConnectionClosedError, botocore.exceptions.ReadTimeoutError,
                          botocore.exceptions.ResponseStreamingError, botocore.exceptions.IncompleteReadError)):
        return UNKNOWN
    return None


def backoff_delay(retry, kind):
    """Seconds to wait before the ``retry``-th retry (1, 2, ...) after an error of ``kind``."""
    base = THROTTLED_BASE_DELAY if kind == THROTTLED else BASE_DELAY
    return random.uniform(0, min(MAX_DELAY, base * 2 ** (retry - 1)))


def _call_with_retries(func, args, kwargs, recover=None):
    outcome_unknown = False
    for attempt in range(1, ATTEMPTS + 1):
        if outcome_unknown and recover is not None:
            # An earlier attempt may have been carried out: look before trying again.
            done = recover(*args, **kwargs)
            if done is not None:
                return done
        try:
            return func(*args, **kwargs)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
            kind = retry_kind(e)
            if kind is None:
                raise
            if attempt == ATTEMPTS:
                e.kaleido_attempts = attempt
                raise
            outcome_unknown = outcome_unknown or kind == UNKNOWN
            time.sleep(backoff_delay(attempt, kind))
    raise AssertionError("unreachable")  # pragma: no cover


def retry(func):
    """Retry ``func`` (one Cognito call that is safe to repeat) as described above."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return _call_with_retries(func, args, kwargs)
    return wrapper


def retry_create(recover):
    """Retry a create call that must not be repeated blindly.

    After an attempt whose outcome is unknown (connection lost after sending,
    HTTP 5xx), ``recover`` (called with the create's arguments) looks for what
    that attempt may have created and returns it (then adopted as the result),
    or None to try again.
    """
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return _call_with_retries(func, args, kwargs, recover=recover)
        return wrapper
    return decorator


class AnsibleCognitoError(AnsibleAWSError):
    pass


class CognitoErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCognitoError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")

    @classmethod
    def common_error_handler(cls, description):
        """AWSErrorHandler.common_error_handler that says when the retries ran out."""
        def wrapper(func):
            @functools.wraps(func)
            def handler(*args, **kwargs):
                try:
                    return func(*args, **kwargs)
                except botocore.exceptions.WaiterError as e:
                    raise cls._CUSTOM_EXCEPTION(message="Timeout trying to {0}".format(description), exception=e) from e
                except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
                    raise cls._CUSTOM_EXCEPTION(message=failure_message(description, e), exception=e) from e
            return handler
        return wrapper


def failure_message(description, error):
    attempts = getattr(error, "kaleido_attempts", None)
    if attempts:
        return "Failed to {0} after {1} attempts (the retries ran out)".format(description, attempts)
    return "Failed to {0}".format(description)


# botocore's own retries: none (one attempt per call).  See "Retries" above.
NO_RETRIES = {"mode": "standard", "total_max_attempts": 1}
# botocore's own retries of the client that only reads (CognitoModule.waiter_client() in modules.py).
READ_RETRIES = {"mode": "standard", "total_max_attempts": ATTEMPTS}


def client_config(user_config=None, retries=None):
    """botocore settings of the Cognito client: the user's ``aws_config`` with botocore's own retries off.

    amazon.aws merges a user's ``aws_config`` after the module's own config,
    so a ``retries`` setting of the user's would win, and botocore reads
    ``AWS_MAX_ATTEMPTS`` / ``max_attempts`` of the AWS config file whenever the
    client config does not name ``total_max_attempts``: any of them would turn
    botocore's retries back on and let a lost CreateUserPool answer make a
    second pool.  The user's other settings (timeouts, proxies...) are kept;
    ``retries`` is always NO_RETRIES (READ_RETRIES for CognitoModule.waiter_client() in modules.py), which
    names ``total_max_attempts``.
    """
    config = botocore.config.Config(**dict(user_config or {}))
    return config.merge(botocore.config.Config(retries=dict(retries or NO_RETRIES)))


def unknown_members(client, resource_id):
    """Members of the latest Describe answer about ``resource_id`` that the installed botocore does not know.

    None when they cannot be known: the client records no answers (it was not
    made by CognitoModule.connect()), or the latest answer could not be read as JSON.
    """
    recorder = getattr(client, "kaleido_unknown_members", None)
    if recorder is None or recorder.unreadable(resource_id):
        return None
    return recorder.of(resource_id)


# The updates that are guarded, because they are built from a Describe answer
# and reset (or may reset) what they are not sent: UpdateUserPool and
# UpdateUserPoolClient (documented: "If you don't provide a value for an
# attribute, Amazon Cognito sets it to its default value") and
# UpdateUserPoolDomain (sent the described CustomDomainConfig back; what it
# does with a member it is not sent is not documented).  The modules' other
# updates need no guard: UpdateIdentityProvider is sent only the members that
# change, and its one described member sent back, ProviderDetails, is a map
# whose keys botocore keeps whatever they are; UpdateManagedLoginBranding
# "preserves existing style settings that you don't specify" (its
# documentation) and its Settings is a document that botocore keeps whole.
def unknown_members_problem(client, kind, resource_id, operation):
    """Before ``operation`` (UpdateUserPool, UpdateUserPoolClient, UpdateUserPoolDomain; see above): None, or (message, members).

    A problem when AWS reported settings of the resource that the installed
    botocore does not know (so they are missing from the update), or when its
    latest Describe answer could not be read to tell (fail closed: members is
    then an empty list).
    """
    members = unknown_members(client, resource_id)
    if members == []:
        return None
    if members is None:
        return model.unreadable_answer_message(kind, resource_id, operation), []
    return model.unknown_members_message(kind, resource_id, operation, members), members


def error_code(error):
    """The AWS error code behind an AnsibleCognitoError, or None."""
    response = getattr(getattr(error, "exception", None), "response", None) or {}
    return response.get("Error", {}).get("Code")


# User pools


@CognitoErrorHandler.list_error_handler("list user pools", [])
@retry
def list_user_pools(client):
    paginator = client.get_paginator("list_user_pools")
    return paginator.paginate(PaginationConfig={"PageSize": PAGE_SIZE}).build_full_result().get("UserPools", [])


@CognitoErrorHandler.list_error_handler("describe user pool")
@retry
def describe_user_pool(client, user_pool_id):
    return client.describe_user_pool(UserPoolId=user_pool_id)["UserPool"]


# Runs that start at the same time (AWX jobs, CI pipelines) each look a name up,
# find nothing and create: Cognito names are not unique and nothing in Cognito
# is a lock.  Every run applies the same rule after its create: of all the
# resources of that name, the oldest (creation date, then id) wins; a run whose
# own new resource is not the oldest deletes it, while nothing uses it yet,
# and goes on with the oldest.  The oldest is never deleted by this rule, so
# the runs converge on it; a resource found by name alone is the oldest as
# soon as the listing shows every resource of that name.  A look-up that finds
# several waits SETTLE_DELAYS for the losers to go before it gives up.
SETTLE_DELAYS = (1, 2, 3)


def oldest(items, id_key):
    """The item created first (``CreationDate``, then id), the one concurrent runs keep."""
    def key(item):
        created = item.get("CreationDate")
        return (created is None, created.timestamp() if hasattr(created, "timestamp") else 0, item[id_key])
    return min(items, key=key)


def settle_created_pool(client, created):
    """After CreateUserPool: (the pool to go on with, the id of this run's pool if it was deleted, else None).

    When runs created pools of the same name at the same time, the oldest wins
    (see SETTLE_DELAYS).  This run's pool, when it lost, is deleted if no app
    client uses it yet (deletion protection turned off first), and the oldest
    is described and returned.
    """
    same = [item for item in list_user_pools(client) if item.get("Name") == created["Name"]]
    if len(same) <= 1 or oldest(same, "Id")["Id"] == created["Id"]:
        return created, None
    if list_user_pool_clients(client, created["Id"]):
        return created, None  # Another run already uses it: keep it; a later run reports the names it shares.
    if created.get("DeletionProtection") == "ACTIVE":
        update_user_pool(client, **unprotect_request(created))
    delete_user_pool(client, created["Id"])
    return describe_user_pool(client, oldest(same, "Id")["Id"]), created["Id"]


def unprotect_request(pool):
    """The UpdateUserPool request that turns ``pool``'s deletion protection off and changes nothing else."""
    return user_pool.update_request(pool, {"deletion_protection": False})[0]


def settle_created_client(client, created):
    """After CreateUserPoolClient: (the client to go on with, the id of this run's client if it was deleted, else None).

    The same rule as settle_created_pool() within the pool; ListUserPoolClients
    has no creation dates, so the clients of that name are described.  A new
    client is used by nothing yet: when it lost, it is deleted.
    """
    pool_id = created["UserPoolId"]
    ids = [item["ClientId"] for item in list_user_pool_clients(client, pool_id) if item.get("ClientName") == created["ClientName"]]
    if len(ids) <= 1:
        return created, None
    described = [item for item in (describe_user_pool_client(client, pool_id, client_id) for client_id in ids) if item]
    if not described or oldest(described, "ClientId")["ClientId"] == created["ClientId"]:
        return created, None
    delete_user_pool_client(client, pool_id, created["ClientId"])
    return oldest(described, "ClientId"), created["ClientId"]


def no_such_user_pool_message(pool_id):
    """The one message for a user_pool_id that AWS does not know."""
    return "user_pool_id {0}: no such user pool in this account and region".format(pool_id)


def no_such_app_client_message(client_id, pool_id):
    """The one message for a client_id that the user pool does not have."""
    return "client_id {0}: no such app client in user pool {1}".format(client_id, pool_id)


def _only_one(kind, name, ids):
    """Fail when an interrupted create left several resources of one name (never guess which is ours)."""
    if len(ids) > 1:
        raise AnsibleCognitoError(
            message="the answer to a create call was lost and now {0} {1}s are named {2!r} ({3}); delete the extra ones".format(
                len(ids), kind, name, ", ".join(ids))
        )


def _created_user_pool(client, **params):
    """The pool an attempt of CreateUserPool with ``params`` may have made (found by name), or None.

    The modules create a pool only when none has its name.
    """
    ids = sorted(item["Id"] for item in list_user_pools(client) if item.get("Name") == params["PoolName"])
    _only_one("user pool", params["PoolName"], ids)
    return describe_user_pool(client, ids[0]) if ids else None


@CognitoErrorHandler.common_error_handler("create user pool")
@retry_create(_created_user_pool)
def create_user_pool(client, **params):
    return client.create_user_pool(**params)["UserPool"]


@CognitoErrorHandler.common_error_handler("update user pool")
@retry
def update_user_pool(client, **params):
    client.update_user_pool(**params)
    return True


def _added_custom_attributes(client, user_pool_id, attributes):
    """True when the pool has every attribute of an attempt of AddCustomAttributes, else None."""
    pool = describe_user_pool(client, user_pool_id) or {}
    names = set(item["Name"] for item in pool.get("SchemaAttributes", []))
    wanted = [item["Name"] if item["Name"].startswith("custom:") else "custom:" + item["Name"] for item in attributes]
    return True if all(name in names for name in wanted) else None


@CognitoErrorHandler.common_error_handler("add custom attributes to user pool")
@retry_create(_added_custom_attributes)
def add_custom_attributes(client, user_pool_id, attributes):
    client.add_custom_attributes(UserPoolId=user_pool_id, CustomAttributes=attributes)
    return True


@CognitoErrorHandler.list_error_handler("list tags of user pool", {})
@retry
def list_tags_for_resource(client, arn):
    return client.list_tags_for_resource(ResourceArn=arn).get("Tags") or {}


@CognitoErrorHandler.common_error_handler("tag user pool")
@retry
def tag_resource(client, arn, tags):
    client.tag_resource(ResourceArn=arn, Tags=tags)
    return True


@CognitoErrorHandler.common_error_handler("untag user pool")
@retry
def untag_resource(client, arn, keys):
    client.untag_resource(ResourceArn=arn, TagKeys=keys)
    return True


@CognitoErrorHandler.deletion_error_handler("delete user pool")
@retry
def delete_user_pool(client, user_pool_id):
    client.delete_user_pool(UserPoolId=user_pool_id)
    return True


# App clients


@CognitoErrorHandler.list_error_handler("list user pool clients", [])
@retry
def list_user_pool_clients(client, user_pool_id):
    paginator = client.get_paginator("list_user_pool_clients")
    result = paginator.paginate(UserPoolId=user_pool_id, PaginationConfig={"PageSize": PAGE_SIZE}).build_full_result()
    return result.get("UserPoolClients", [])


@CognitoErrorHandler.list_error_handler("describe user pool client")
@retry
def describe_user_pool_client(client, user_pool_id, client_id):
    return client.describe_user_pool_client(UserPoolId=user_pool_id, ClientId=client_id)["UserPoolClient"]


def _created_user_pool_client(client, **params):
    """The app client an attempt of CreateUserPoolClient with ``params`` may have made (found by name), or None.

    The modules create a client only when its pool has none of its name.
    """
    pool_id = params["UserPoolId"]
    ids = sorted(item["ClientId"] for item in list_user_pool_clients(client, pool_id) if item.get("ClientName") == params["ClientName"])
    _only_one("app client", params["ClientName"], ids)
    return describe_user_pool_client(client, pool_id, ids[0]) if ids else None


@CognitoErrorHandler.common_error_handler("create user pool client")
@retry_create(_created_user_pool_client)
def create_user_pool_client(client, **params):
    return client.create_user_pool_client(**params)["UserPoolClient"]


@CognitoErrorHandler.common_error_handler("update user pool client")
@retry
def update_user_pool_client(client, **params):
    return client.update_user_pool_client(**params)["UserPoolClient"]


@CognitoErrorHandler.deletion_error_handler("delete user pool client")
@retry
def delete_user_pool_client(client, user_pool_id, client_id):
    client.delete_user_pool_client(UserPoolId=user_pool_id, ClientId=client_id)
    return True


# Domains


@CognitoErrorHandler.list_error_handler("describe user pool domain")
@retry
def describe_user_pool_domain(client, domain):
    """The domain's description, or None when no pool has it (AWS answers an empty description)."""
    description = client.describe_user_pool_domain(Domain=domain).get("DomainDescription") or {}
    return description or None


@CognitoErrorHandler.common_error_handler("create user pool domain")
@retry
def create_user_pool_domain(client, **params):
    """CreateUserPoolDomain; a domain that turns out to be this pool's already counts as created.

    Domain names are unique, so a repeated attempt cannot make a second one:
    after an attempt whose answer was lost, AWS answers "Domain already
    exists." or "already associated with another user pool", and
    DescribeUserPoolDomain tells whether that pool is this one.
    """
    try:
        return client.create_user_pool_domain(**params)
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        if not (domains.is_taken_error(error.get("Code"), error.get("Message")) or domains.is_exists_error(error.get("Code"), error.get("Message"))):
            raise
        description = describe_user_pool_domain(client, params["Domain"]) or {}
        # A domain of this pool that is DELETING is the old one going, not one this call made.
        if description.get("UserPoolId") != params["UserPoolId"] or description.get("Status") == domains.DELETING:
            raise
        return {"CloudFrontDomain": description["CloudFrontDistribution"]} if description.get("CloudFrontDistribution") else {}


@CognitoErrorHandler.common_error_handler("update user pool domain")
@retry
def update_user_pool_domain(client, **params):
    return client.update_user_pool_domain(**params)


@CognitoErrorHandler.common_error_handler("delete user pool domain")
@retry
def delete_user_pool_domain(client, user_pool_id, domain):
    """DeleteUserPoolDomain; False when AWS answers that the domain is already gone ("No such domain")."""
    try:
        client.delete_user_pool_domain(UserPoolId=user_pool_id, Domain=domain)
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        if domains.is_gone_error(error.get("Code"), error.get("Message")):
            return False
        raise
    return True


# ACM certificates of custom domains


@CognitoErrorHandler.list_error_handler("describe ACM certificate")
def describe_certificate(client, arn):
    """The certificate (DescribeCertificate's Certificate), or None when ACM has no such certificate (ResourceNotFoundException)."""
    return client.describe_certificate(CertificateArn=arn)["Certificate"]


# Domain waits
#
# A domain is CREATING, UPDATING or DELETING for a while after a change.  The
# waits read it with a botocore waiter (amazon.aws BaseWaiterFactory, which
# adds "retry" acceptors for throttling and 5xx answers; the codes that
# retry_kind() retries are added too).  A waiter only reads, and a read is
# safe to send again, so it runs on a client of its own whose botocore retries
# are on (CognitoModule.waiter_client() in modules.py): a throttled read or a dropped connection is
# retried by botocore and does not end the wait.
DOMAIN_STATUS = "DomainDescription.Status"
DOMAIN_ACTIVE = "user_pool_domain_active"
DOMAIN_GONE = "user_pool_domain_gone"


class DomainWaiterFactory(BaseWaiterFactory):
    @property
    def _waiter_model_data(self):
        retries = [dict(state="retry", matcher="error", expected=code) for code in sorted(THROTTLING_CODES | REFUSED_CODES | TRANSIENT_CODES)]
        # No status: AWS answers an empty DomainDescription for a domain that no pool has.  (Each
        # wait sets its own delay and attempts from its timeout: _waiter_reached().)
        gone = dict(matcher="path", argument=DOMAIN_STATUS, expected=None)
        return {
            DOMAIN_ACTIVE: dict(operation="DescribeUserPoolDomain", delay=domains.WAIT_DELAY_PREFIX, maxAttempts=60, acceptors=[
                dict(state="success", matcher="path", argument=DOMAIN_STATUS, expected=domains.ACTIVE),
                dict(state="failure", matcher="path", argument=DOMAIN_STATUS, expected=domains.FAILED),
                dict(gone, state="failure"),
            ] + retries),
            DOMAIN_GONE: dict(operation="DescribeUserPoolDomain", delay=domains.WAIT_DELAY_PREFIX, maxAttempts=60, acceptors=[
                dict(gone, state="success"),
            ] + retries),
        }


DOMAIN_WAITERS = DomainWaiterFactory()


@CognitoErrorHandler.common_error_handler("wait for user pool domain")
def _waiter_reached(waiter, domain, timeout):
    """Run ``waiter`` for at most about ``timeout`` seconds; False when it stopped without reaching its success state."""
    try:
        waiter.wait(Domain=domain, WaiterConfig=custom_waiter_config(timeout, domains.wait_delay(domain)))
    except botocore.exceptions.WaiterError as e:
        response = e.last_response or {}
        error = botocore.exceptions.ClientError(response, "DescribeUserPoolDomain") if "Error" in response else None
        if error is not None and retry_kind(error) is None:
            raise error from e  # an answer that no wait gets past (NotAuthorizedException...)
        return False
    return True


def _wait_for_domain(waiter_client, client, domain, waiter_name, timeout):
    started = time.monotonic()
    reached = _waiter_reached(DOMAIN_WAITERS.get_waiter(waiter_client, waiter_name), domain, timeout)
    description = None if reached and waiter_name == DOMAIN_GONE else describe_user_pool_domain(client, domain)
    return description, time.monotonic() - started


def wait_until_domain_gone(waiter_client, client, domain, timeout):
    """Wait until AWS no longer reports ``domain`` (a deleted domain is DELETING for a while).

    Returns (None, seconds waited) once it is gone, or (its description,
    seconds waited) when ``timeout`` seconds passed first.
    """
    return _wait_for_domain(waiter_client, client, domain, DOMAIN_GONE, timeout)


def wait_until_domain_active(waiter_client, client, domain, timeout):
    """Wait until ``domain`` is ACTIVE, FAILED or gone, at most ``timeout`` seconds.

    Returns (its description, read after the wait, or None when it is gone;
    seconds waited).  A description that is still CREATING or UPDATING means
    that the time ran out.
    """
    return _wait_for_domain(waiter_client, client, domain, DOMAIN_ACTIVE, timeout)


# Managed login branding


@CognitoErrorHandler.list_error_handler("describe managed login branding of app client")
@retry
def describe_managed_login_branding_by_client(client, user_pool_id, client_id):
    """The app client's branding style (ManagedLoginBrandingType), or None when it has none (or no such client)."""
    return client.describe_managed_login_branding_by_client(UserPoolId=user_pool_id, ClientId=client_id)["ManagedLoginBranding"]


def _created_managed_login_branding(client, **params):
    """The style an attempt of CreateManagedLoginBranding may have made (an app client has at most one), or None."""
    return describe_managed_login_branding_by_client(client, params["UserPoolId"], params["ClientId"])


@CognitoErrorHandler.common_error_handler("create managed login branding")
@retry_create(_created_managed_login_branding)
def create_managed_login_branding(client, **params):
    return client.create_managed_login_branding(**params)["ManagedLoginBranding"]


@CognitoErrorHandler.common_error_handler("update managed login branding")
@retry
def update_managed_login_branding(client, **params):
    return client.update_managed_login_branding(**params)["ManagedLoginBranding"]


@CognitoErrorHandler.deletion_error_handler("delete managed login branding")
@retry
def delete_managed_login_branding(client, user_pool_id, branding_id):
    """DeleteManagedLoginBranding; False when the style is already gone."""
    client.delete_managed_login_branding(UserPoolId=user_pool_id, ManagedLoginBrandingId=branding_id)
    return True


# Identity providers


@CognitoErrorHandler.list_error_handler("list identity providers", [])
@retry
def list_identity_providers(client, user_pool_id):
    paginator = client.get_paginator("list_identity_providers")
    result = paginator.paginate(UserPoolId=user_pool_id, PaginationConfig={"PageSize": PAGE_SIZE}).build_full_result()
    return result.get("Providers", [])


@CognitoErrorHandler.list_error_handler("describe identity provider")
@retry
def describe_identity_provider(client, user_pool_id, name):
    """The provider's description, or None when the pool has no provider of that name (ResourceNotFoundException)."""
    return client.describe_identity_provider(UserPoolId=user_pool_id, ProviderName=name)["IdentityProvider"]


def _created_identity_provider(client, **params):
    """The provider an attempt of CreateIdentityProvider with ``params`` may have made, or None.

    Provider names are unique in a pool and the modules create a provider only
    when the pool has none of its name.
    """
    return describe_identity_provider(client, params["UserPoolId"], params["ProviderName"])


@CognitoErrorHandler.common_error_handler("create identity provider")
@retry_create(_created_identity_provider)
def create_identity_provider(client, **params):
    return client.create_identity_provider(**params)["IdentityProvider"]


@CognitoErrorHandler.common_error_handler("update identity provider")
@retry
def update_identity_provider(client, **params):
    return client.update_identity_provider(**params)["IdentityProvider"]


@CognitoErrorHandler.deletion_error_handler("delete identity provider")
@retry
def delete_identity_provider(client, user_pool_id, name):
    client.delete_identity_provider(UserPoolId=user_pool_id, ProviderName=name)
    return True
