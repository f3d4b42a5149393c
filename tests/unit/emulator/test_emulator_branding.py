# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The managed login branding operations of the emulator (moto 5.2.5 answers
HTTP 500 to all five).

Run against unpatched moto with COGNITO_EMULATOR_RAW_MOTO=1: every test fails
there.  Sources are cited in the emulator's "managed login branding" section.
"""

from __future__ import absolute_import, division, print_function

import re

import pytest
from botocore.exceptions import ClientError

# pylint: disable=invalid-name
__metaclass__ = type

pytestmark = pytest.mark.emulator

UUID4 = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")
SOURCE_MESSAGE = "useCognitoProvidedValues or settings should be specified (but not both)"
TIER_MESSAGE = "The following features need to be disabled for the LITE pricing tier configured: Managed Login"
UNKNOWN_ID = "11111111-2222-4333-8444-555555555555"
PNG = b"\x89PNG\r\n\x1a\n"


def _error(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"].get("Message", "")


def _pool_and_client(idp, tier=None):
    kwargs = {"UserPoolTier": tier} if tier else {}
    pool_id = idp.create_user_pool(PoolName="branded", **kwargs)["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def _create(idp, pool_id, client_id, **kwargs):
    kwargs.setdefault("UseCognitoProvidedValues", True)
    return idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, **kwargs)["ManagedLoginBranding"]


def _by_client(idp, pool_id, client_id, **kwargs):
    return idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=client_id, **kwargs)["ManagedLoginBranding"]


def test_default_style_is_created_and_found_by_client_and_by_id(idp):
    pool_id, client_id = _pool_and_client(idp)
    created = _create(idp, pool_id, client_id)
    assert UUID4.match(created["ManagedLoginBrandingId"])
    assert created["UserPoolId"] == pool_id
    assert created["UseCognitoProvidedValues"] is True
    assert created["Assets"] == []
    assert "Settings" not in created
    assert "ClientId" not in created
    assert created["CreationDate"] and created["LastModifiedDate"]
    assert _by_client(idp, pool_id, client_id) == created
    described = idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=created["ManagedLoginBrandingId"])
    assert described["ManagedLoginBranding"] == created


def test_a_client_has_one_style(idp):
    pool_id, client_id = _pool_and_client(idp)
    _create(idp, pool_id, client_id)
    with pytest.raises(ClientError) as excinfo:
        _create(idp, pool_id, client_id)
    assert _error(excinfo) == ("ManagedLoginBrandingExistsException", "A ManagedLoginBranding already exists for client %s" % client_id)


def test_a_client_without_a_style_is_not_found(idp):
    pool_id, client_id = _pool_and_client(idp)
    with pytest.raises(ClientError) as excinfo:
        _by_client(idp, pool_id, client_id)
    assert _error(excinfo) == ("ResourceNotFoundException", "ManagedLoginBranding for client %s does not exist." % client_id)


@pytest.mark.parametrize("operation", ["create", "by_client"])
def test_unknown_pool_or_client_is_not_found(idp, operation):
    pool_id, client_id = _pool_and_client(idp)
    call = _create if operation == "create" else _by_client
    for pool, client in (("us-east-1_NoSuchPool", client_id), (pool_id, "nosuchclient0000000000000")):
        with pytest.raises(ClientError) as excinfo:
            call(idp, pool, client)
        assert _error(excinfo)[0] == "ResourceNotFoundException"


def test_unknown_or_other_pools_branding_id_is_not_found(idp):
    pool_id, client_id = _pool_and_client(idp)
    created = _create(idp, pool_id, client_id)
    other_pool = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    for pool, branding_id in ((pool_id, UNKNOWN_ID), (other_pool, created["ManagedLoginBrandingId"])):
        for call in (idp.describe_managed_login_branding, idp.delete_managed_login_branding):
            with pytest.raises(ClientError) as excinfo:
                call(UserPoolId=pool, ManagedLoginBrandingId=branding_id)
            assert _error(excinfo) == ("ResourceNotFoundException", "ManagedLoginBranding does not exist.")


def test_a_lite_pool_gets_no_style(idp):
    pool_id, client_id = _pool_and_client(idp, tier="LITE")
    with pytest.raises(ClientError) as excinfo:
        _create(idp, pool_id, client_id)
    assert _error(excinfo) == ("FeatureUnavailableInTierException", TIER_MESSAGE)
    idp.update_user_pool(UserPoolId=pool_id, UserPoolTier="ESSENTIALS")
    with pytest.raises(ClientError) as excinfo:
        _by_client(idp, pool_id, client_id)
    assert _error(excinfo)[0] == "ResourceNotFoundException"


@pytest.mark.parametrize("kwargs", [
    {"UseCognitoProvidedValues": None},
    {"UseCognitoProvidedValues": False},
    {"UseCognitoProvidedValues": True, "Settings": {"components": {}}},
], ids=["neither", "false-alone", "both"])
def test_one_source_of_style_per_create(idp, kwargs):
    pool_id, client_id = _pool_and_client(idp)
    kwargs = dict((key, value) for key, value in kwargs.items() if value is not None)
    with pytest.raises(ClientError) as excinfo:
        idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, **kwargs)
    assert _error(excinfo) == ("InvalidParameterException", SOURCE_MESSAGE)


def test_settings_alone_make_a_custom_style_and_assets_round_trip(idp):
    pool_id, client_id = _pool_and_client(idp)
    asset = {"Category": "PAGE_HEADER_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}
    created = idp.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id, Settings={"components": {"pageHeader": {}}}, Assets=[asset])["ManagedLoginBranding"]
    assert created["UseCognitoProvidedValues"] is False
    assert created["Settings"] == {"components": {"pageHeader": {}}}
    assert created["Assets"] == [asset]


def test_update_keeps_what_it_is_not_sent_and_reverts_to_the_default_style(idp):
    pool_id, client_id = _pool_and_client(idp)
    branding_id = _create(idp, pool_id, client_id)["ManagedLoginBrandingId"]
    logo = {"Category": "FORM_LOGO", "ColorMode": "DARK", "Extension": "SVG", "Bytes": b"<svg/>"}
    idp.update_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=branding_id, Settings={"a": {"b": 1}}, Assets=[logo])
    updated = idp.update_managed_login_branding(
        UserPoolId=pool_id, ManagedLoginBrandingId=branding_id, Settings={"a": {"c": 2}})["ManagedLoginBranding"]
    assert updated["UseCognitoProvidedValues"] is False
    assert updated["Settings"] == {"a": {"b": 1, "c": 2}}
    assert updated["Assets"] == [logo]
    with pytest.raises(ClientError) as excinfo:
        idp.update_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=branding_id, Assets=[])
    assert _error(excinfo) == ("InvalidParameterException", SOURCE_MESSAGE)
    reverted = idp.update_managed_login_branding(
        UserPoolId=pool_id, ManagedLoginBrandingId=branding_id, UseCognitoProvidedValues=True)["ManagedLoginBranding"]
    assert reverted["UseCognitoProvidedValues"] is True
    assert "Settings" not in reverted
    assert reverted["Assets"] == []
    assert _by_client(idp, pool_id, client_id) == reverted


def test_return_merged_resources_adds_the_default_settings(idp):
    pool_id, client_id = _pool_and_client(idp)
    branding_id = _create(idp, pool_id, client_id)["ManagedLoginBrandingId"]
    assert "Settings" not in _by_client(idp, pool_id, client_id, ReturnMergedResources=False)
    merged = _by_client(idp, pool_id, client_id, ReturnMergedResources=True)
    assert merged["Settings"]
    described = idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=branding_id, ReturnMergedResources=True)
    assert described["ManagedLoginBranding"]["Settings"] == merged["Settings"]


def test_delete_removes_the_style_and_a_second_delete_is_not_found(idp):
    pool_id, client_id = _pool_and_client(idp)
    branding_id = _create(idp, pool_id, client_id)["ManagedLoginBrandingId"]
    idp.delete_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=branding_id)
    with pytest.raises(ClientError) as excinfo:
        _by_client(idp, pool_id, client_id)
    assert _error(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        idp.delete_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=branding_id)
    assert _error(excinfo) == ("ResourceNotFoundException", "ManagedLoginBranding does not exist.")
    assert _create(idp, pool_id, client_id)["ManagedLoginBrandingId"] != branding_id


def test_the_style_goes_with_its_app_client_and_its_pool(idp):
    pool_id, client_id = _pool_and_client(idp)
    branding_id = _create(idp, pool_id, client_id)["ManagedLoginBrandingId"]
    idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    with pytest.raises(ClientError) as excinfo:
        idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=branding_id)
    assert _error(excinfo)[0] == "ResourceNotFoundException"
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app2")["UserPoolClient"]["ClientId"]
    _create(idp, pool_id, client_id)
    idp.delete_user_pool(UserPoolId=pool_id)
    with pytest.raises(ClientError) as excinfo:
        _by_client(idp, pool_id, client_id)
    assert _error(excinfo)[0] == "ResourceNotFoundException"
