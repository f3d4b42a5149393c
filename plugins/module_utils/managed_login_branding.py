# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decisions about managed login branding styles, as pure functions (internal use only).

What a task asks for (create, reset to Cognito's default style, delete or
nothing), the requests, the check-mode predictions and the module's return
value, from DescribeUserPool and DescribeManagedLoginBrandingByClient results.
Nothing here calls AWS.
"""

import copy

from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool
from ansible_collections.kaleido.cognito.plugins.module_utils.transform import from_boto

CREATE = "create"
RESET = "reset"
DELETE = "delete"

# Fields that change without a change of style; left out of diffs.
VOLATILE_FIELDS = ("creation_date", "last_modified_date")


def tier_problem(pool):
    """A message when ``pool`` (DescribeUserPool) is on the LITE feature plan, which has no managed login and so no branding styles, else None."""
    if user_pool.has_managed_login(pool):
        return None
    return (
        "user pool {0} is on the LITE feature plan, and managed login branding needs ESSENTIALS or PLUS;"
        " set user_pool_tier to ESSENTIALS or PLUS with kaleido.cognito.cognito_user_pool first. Nothing was changed".format(pool["Id"])
    )


def action(current, params):
    """What the task does: CREATE, RESET, DELETE or None (nothing to do).

    ``current`` is the app client's style (DescribeManagedLoginBrandingByClient)
    or None.  Only with use_cognito_provided_values (an explicit choice: the
    module's default is false) is a customised style reset to Cognito's
    default one; otherwise any existing style is kept.
    """
    if params["state"] == "absent":
        return DELETE if current else None
    if not current:
        return CREATE
    if params["use_cognito_provided_values"] and not current.get("UseCognitoProvidedValues"):
        return RESET
    return None


def create_request(params):
    """CreateManagedLoginBranding with Cognito's default style (the only style the module makes)."""
    return {"UserPoolId": params["user_pool_id"], "ClientId": params["client_id"], "UseCognitoProvidedValues": True}


def reset_request(current):
    """UpdateManagedLoginBranding that reverts ``current`` to Cognito's default style."""
    return {"UserPoolId": current["UserPoolId"], "ManagedLoginBrandingId": current["ManagedLoginBrandingId"], "UseCognitoProvidedValues": True}


def predicted(current, request):
    """What DescribeManagedLoginBrandingByClient will show after ``request`` (for check mode).

    A style still to be created has no id yet.  Resetting drops the custom
    settings and images (UpdateManagedLoginBranding UseCognitoProvidedValues:
    "This option reverts to default style options").
    """
    result = copy.deepcopy(current) if current else {"UserPoolId": request["UserPoolId"]}
    result["UseCognitoProvidedValues"] = True
    result.pop("Settings", None)
    result["Assets"] = []
    return result


def branding_to_ansible(branding, client_id):
    """The module's ``managed_login_branding``: ManagedLoginBrandingType in snake_case plus ``client_id``.

    ``settings`` (the style document) and the images' bytes are left out: they
    can be large and the module does not manage them.  Each asset is described
    by its category, color mode, extension and resource id.
    """
    if not branding:
        return {}
    branding = dict(branding)
    branding.pop("Settings", None)
    branding["Assets"] = [dict((key, value) for key, value in asset.items() if key != "Bytes") for asset in branding.get("Assets") or []]
    result = from_boto(branding)
    result["client_id"] = client_id
    return result
