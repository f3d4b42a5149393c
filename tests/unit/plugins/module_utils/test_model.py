# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the collection takes from botocore's service model: update fields and unknown members."""

import json

import botocore
import botocore.session

from ansible_collections.kaleido.cognito.plugins.module_utils import model

MODEL = botocore.session.get_session().get_service_model("cognito-idp")


def shape(name):
    return MODEL.shape_for(name)


def test_update_fields_follow_the_model_of_the_installed_botocore():
    request = MODEL.operation_model("UpdateUserPoolClient").input_shape.members
    reported = shape("UserPoolClientType").members
    fields = model.update_fields("UpdateUserPoolClient", "DescribeUserPoolClient", "UserPoolClient", exclude=("ClientId",))
    assert fields == tuple(name for name in request if name in reported and name != "ClientId")
    # A member the Update request has but Describe does not report is never sent back
    # (PublishSecretsInAWSSecretsManager in the model of botocore 1.44; 1.35.77's has no such member).
    write_only = [name for name in request if name not in reported]
    assert not set(write_only) & set(fields)
    if "PublishSecretsInAWSSecretsManager" in request:
        assert "PublishSecretsInAWSSecretsManager" in write_only
    # A member Describe reports but the Update request does not have (read-only) is not sent either.
    assert "ClientSecret" in reported and "ClientSecret" not in fields


def test_known_members_are_not_reported():
    raw = {"Id": "us-east-1_a", "Policies": {"PasswordPolicy": {"MinimumLength": 8}}, "SchemaAttributes": [{"Name": "email"}]}
    assert model.unknown_members(shape("UserPoolType"), raw) == []


def test_unknown_members_are_found_at_the_top_inside_structures_lists_and_maps():
    raw = {
        "Id": "us-east-1_a",
        "FutureSetting": {"Enabled": True},
        "Policies": {"PasswordPolicy": {"MinimumLength": 8, "FuturePasswordRule": 3}},
        "SchemaAttributes": [{"Name": "email", "FutureFlag": 1}, {"Name": "name", "FutureFlag": 2}],
        "UserPoolTags": {"a": "b"},
    }
    assert model.unknown_members(shape("UserPoolType"), raw) == [
        "FutureSetting", "Policies.PasswordPolicy.FuturePasswordRule", "SchemaAttributes[].FutureFlag"]


class FakeResponse:
    def __init__(self, body):
        self.content = json.dumps(body).encode()


def test_the_recorder_keeps_what_each_resource_answer_had_that_the_model_does_not_know():
    recorder = model.UnknownMembers()
    operation = MODEL.operation_model("DescribeUserPool")
    raw = {"UserPool": {"Id": "us-east-1_a", "Name": "p", "FutureSetting": "ON"}}
    parsed = {"UserPool": {"Id": "us-east-1_a", "Name": "p"}}
    recorder.inspect(http_response=FakeResponse(raw), parsed=parsed, model=operation)
    recorder.inspect(http_response=FakeResponse({"UserPool": {"Id": "us-east-1_b"}}), parsed={"UserPool": {"Id": "us-east-1_b"}}, model=operation)
    assert recorder.of("us-east-1_a") == ["FutureSetting"]
    assert recorder.of("us-east-1_b") == []
    assert recorder.of("us-east-1_c") == []
    # Other operations are not inspected.
    recorder.inspect(http_response=FakeResponse({"UserPools": [{"Id": "x", "New": 1}]}), parsed={}, model=MODEL.operation_model("ListUserPools"))
    assert recorder.of("x") == []


def test_the_message_names_the_settings_and_asks_for_a_newer_botocore():
    message = model.unknown_members_message("user pool", "us-east-1_a", "UpdateUserPool", ["FutureSetting", "Policies.X"])
    assert "FutureSetting, Policies.X" in message
    assert "botocore " + botocore.__version__ in message
    assert "newer botocore" in message and "nothing was changed" in message
