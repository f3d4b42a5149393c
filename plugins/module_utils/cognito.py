# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Cognito service layer of kaleido.cognito (internal use only).

One thin function per Cognito API call.  Each retries throttling and
transient errors with jittered backoff and turns any other error into
:class:`AnsibleCognitoError`, so modules catch one exception type.  Functions
that read a resource return ``None`` when it does not exist.
"""

try:
    import botocore  # pylint: disable=unused-import
except ImportError:
    pass  # Modules are responsible for handling this.

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

# Cognito answers TooManyRequestsException when a request-rate quota is
# exceeded (retried by AWSRetry already); ConcurrentModificationException and
# InternalErrorException are transient too.
RETRY_CODES = ["ConcurrentModificationException", "InternalErrorException", "ServiceUnavailable"]
retry = AWSRetry.jittered_backoff(retries=10, delay=1, max_delay=30, catch_extra_error_codes=RETRY_CODES)

# ListUserPools / ListUserPoolClients accept at most 60 results a page.
PAGE_SIZE = 60


class AnsibleCognitoError(AnsibleAWSError):
    pass


class CognitoErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCognitoError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


def connect(module):
    """The Cognito client of a module. Creating it makes no AWS call."""
    return module.client("cognito-idp")


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


@CognitoErrorHandler.common_error_handler("create user pool")
@retry
def create_user_pool(client, **params):
    return client.create_user_pool(**params)["UserPool"]


@CognitoErrorHandler.common_error_handler("update user pool")
@retry
def update_user_pool(client, **params):
    client.update_user_pool(**params)
    return True


@CognitoErrorHandler.common_error_handler("add custom attributes to user pool")
@retry
def add_custom_attributes(client, user_pool_id, attributes):
    client.add_custom_attributes(UserPoolId=user_pool_id, CustomAttributes=attributes)
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


@CognitoErrorHandler.common_error_handler("create user pool client")
@retry
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
    return client.create_user_pool_domain(**params)


@CognitoErrorHandler.common_error_handler("update user pool domain")
@retry
def update_user_pool_domain(client, **params):
    return client.update_user_pool_domain(**params)


@CognitoErrorHandler.deletion_error_handler("delete user pool domain")
@retry
def delete_user_pool_domain(client, user_pool_id, domain):
    client.delete_user_pool_domain(UserPoolId=user_pool_id, Domain=domain)
    return True
