# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""kaleido_prep on an AWS account shared with other people's work.

The role owns only the pools it created (they carry its ownership tag, from
roles/kaleido_prep/vars/main.yml). On any other pool it applies only the
variables set explicitly, never removes a tag, and teardown removes only its
app client, domain and providers. An owned pool with users is deleted only
when told.
"""

import json
import os
import stat

import pytest
import yaml

from tests.conftest import ROOT
from tests.integration.test_kaleido_prep import prep  # noqa: F401  pylint: disable=unused-import
from tests.integration.test_kaleido_prep import recap
from tests.integration.test_kaleido_prep import succeeded

pytestmark = pytest.mark.integration

with open(os.path.join(ROOT, "roles", "kaleido_prep", "vars", "main.yml")) as _handle:
    OWNER_TAG = yaml.safe_load(_handle)["__kaleido_prep_owner_tag"]


def hand_made_pool(client, name):
    """A pool made in the console for Kaleido (seed step 3), with its owner's own stricter settings, tags and a user."""
    pool = client.create_user_pool(
        PoolName=name,
        UsernameAttributes=["email"],
        Schema=[{"Name": "email", "Required": True, "Mutable": True, "AttributeDataType": "String"}],
        Policies={"PasswordPolicy": {"MinimumLength": 14, "RequireSymbols": True, "TemporaryPasswordValidityDays": 3}},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        DeletionProtection="INACTIVE",
        UserPoolTags={"cost-center": "cc-42", "owner": "identity-team"},
    )["UserPool"]
    client.admin_create_user(UserPoolId=pool["Id"], Username="alice@example.com")
    return client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]


SETTINGS = ("Policies", "AdminCreateUserConfig", "DeletionProtection", "MfaConfiguration", "AutoVerifiedAttributes",
            "AccountRecoverySetting", "UsernameConfiguration", "Name")


def test_a_hand_made_pool_found_by_name_keeps_its_settings_gets_only_explicit_ones_and_teardown_leaves_it(prep, emulator):
    """Found by name: nothing weakened, no tag removed or added; explicit variables applied; teardown leaves the pool and its user."""
    client = emulator.client()
    before = hand_made_pool(client, "acme-existing2")

    first = succeeded(prep(kaleido_prep_pool_name="acme-existing2"))
    assert sorted(first.writes) == ["CreateUserPoolClient", "CreateUserPoolDomain"]
    after = client.describe_user_pool(UserPoolId=before["Id"])["UserPool"]
    for key in SETTINGS:
        assert after.get(key) == before.get(key), key
    assert client.list_tags_for_resource(ResourceArn=before["Arn"])["Tags"] == {"cost-center": "cc-42", "owner": "identity-team"}
    assert "was not created by kaleido_prep" in first.stdout

    explicit = succeeded(prep(kaleido_prep_pool_name="acme-existing2", kaleido_prep_allow_self_sign_up=True, kaleido_prep_tags={"env": "prod"}))
    after = client.describe_user_pool(UserPoolId=before["Id"])["UserPool"]
    assert after["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    for key in ("Policies", "DeletionProtection", "MfaConfiguration"):
        assert after.get(key) == before.get(key), key
    assert client.list_tags_for_resource(ResourceArn=before["Arn"])["Tags"] == {"cost-center": "cc-42", "owner": "identity-team", "env": "prod"}
    assert "UntagResource" not in explicit.writes

    left = succeeded(prep(kaleido_prep_pool_name="acme-existing2", kaleido_prep_state="absent"))
    assert sorted(left.writes) == ["DeleteUserPoolClient", "DeleteUserPoolDomain"]
    pool = client.describe_user_pool(UserPoolId=before["Id"])["UserPool"]
    assert pool.get("Domain") is None
    assert pool["EstimatedNumberOfUsers"] == 1
    assert "kaleido_prep_adopt_pool=true" in left.stdout

    # Handed over to the role, it is the role's: it is deleted, users too when told.
    refused = prep(kaleido_prep_pool_name="acme-existing2", kaleido_prep_state="absent", kaleido_prep_adopt_pool=True)
    assert refused.returncode != 0 and refused.writes == []
    assert "kaleido_prep_delete_users=true" in refused.output
    succeeded(prep(kaleido_prep_pool_name="acme-existing2", kaleido_prep_state="absent", kaleido_prep_adopt_pool=True,
                   kaleido_prep_delete_users=True))
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []


def test_a_pool_reused_by_id_gets_only_the_explicit_settings_and_is_never_deleted_by_teardown(prep, emulator):
    """Seed step 3: the pool given by id keeps its settings and tags but the one set explicitly; teardown removes only the client and the domain."""
    client = emulator.client()
    before = hand_made_pool(client, "acme-existing")
    succeeded(prep(kaleido_prep_user_pool_id=before["Id"], kaleido_prep_deletion_protection=True))
    assert client.list_tags_for_resource(ResourceArn=before["Arn"])["Tags"] == before["UserPoolTags"]
    assert client.describe_user_pool(UserPoolId=before["Id"])["UserPool"]["DeletionProtection"] == "ACTIVE"

    gone = succeeded(prep(kaleido_prep_user_pool_id=before["Id"], kaleido_prep_state="absent", kaleido_prep_deletion_protection=False))
    assert sorted(gone.writes) == ["DeleteUserPoolClient", "DeleteUserPoolDomain"]
    after = client.describe_user_pool(UserPoolId=before["Id"])["UserPool"]
    for key in SETTINGS:
        if key != "DeletionProtection":
            assert after.get(key) == before.get(key), key
    assert client.list_user_pool_clients(UserPoolId=before["Id"], MaxResults=60)["UserPoolClients"] == []


def test_the_roles_own_pool_keeps_tags_added_later_and_teardown_refuses_users_and_a_domain_it_did_not_make(prep, emulator):
    """A pool the role made: tagged as the role's; a tag added later survives reruns; teardown refusals come before any removal."""
    first = succeeded(prep(kaleido_prep_tags={"project": "kaleido"}))
    client = emulator.client()
    pool_id = yaml.safe_load(prep.handoff.read_text())["user_pool_id"]
    pool = client.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["UserPoolTags"] == dict(OWNER_TAG, project="kaleido")
    # The creation defaults of the role.
    assert pool["DeletionProtection"] == "ACTIVE"
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 8
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert sorted(first.writes) == ["CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain"]

    client.tag_resource(ResourceArn=pool["Arn"], Tags={"compliance": "pci"})
    client.admin_create_user(UserPoolId=pool_id, Username="bob@example.com")
    rerun = succeeded(prep())
    assert recap(rerun)["changed"] == 0 and rerun.writes == []
    assert client.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == dict(OWNER_TAG, project="kaleido", compliance="pci")

    refused = prep(kaleido_prep_state="absent", kaleido_prep_domain_prefix="kaleido-other-org")
    assert refused.returncode != 0 and refused.writes == []
    for what_to_set in ("kaleido_prep_deletion_protection=false", "kaleido_prep_delete_users=true", "kaleido_prep_domain_prefix"):
        assert what_to_set in refused.output
    assert "kaleido-test-org" in refused.output
    assert prep.handoff.exists()

    gone = succeeded(prep(kaleido_prep_state="absent", kaleido_prep_deletion_protection=False, kaleido_prep_delete_users=True))
    assert gone.writes.index("DeleteUserPoolDomain") < gone.writes.index("DeleteUserPool")
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []


def test_a_handoff_file_with_ids_no_pool_or_client_can_have_is_refused_before_any_aws_call(prep):
    prep.handoff.write_text(yaml.safe_dump({
        "region": "us-east-1", "user_pool_id": "us-east-1_../../x", "client_id": "a b", "client_secret": "s",
        "user_pool_name": "kaleido-test", "client_name": "kaleido", "cognito_domain": "x"}))
    os.chmod(prep.handoff, 0o600)
    refused = prep()
    assert refused.returncode != 0
    assert refused.calls == []
    assert "kaleido_prep_handoff_file" in refused.output and "us-east-1_../../x" in refused.output
    assert stat.S_IMODE(os.stat(prep.handoff).st_mode) == 0o600


def test_the_handoff_file_is_private_before_the_secret_is_written_to_it(prep, tmp_path):
    """A handoff file left readable by others (0644, no secret yet) is made 0600 before the task that writes the secret starts.

    The test callback kaleido_file_modes records the file's mode as each task starts.
    """
    prep.handoff.write_text("{}\n")
    os.chmod(prep.handoff, 0o644)
    log = tmp_path / "modes.jsonl"
    succeeded(prep(_env={"KALEIDO_TEST_WATCHED_FILE": str(prep.handoff), "KALEIDO_TEST_WATCH_LOG": str(log)}))
    starts = [json.loads(line) for line in log.read_text().splitlines()]
    writes = [start for start in starts if start["action"] in ("copy", "ansible.builtin.copy")]
    assert len(writes) == 1, starts
    assert writes[0]["mode"] == 0o600
    assert stat.S_IMODE(os.stat(prep.handoff).st_mode) == 0o600
    assert yaml.safe_load(prep.handoff.read_text())["client_secret"]


def test_the_handoff_goes_to_a_secrets_manager_secret_with_no_new_version_on_a_rerun_and_teardown_removes_it(prep, emulator):
    """AWX: the job's files vanish, so the fact (client secret included) goes to AWS Secrets Manager as JSON."""
    import boto3  # pylint: disable=import-outside-toplevel

    secrets = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=emulator.endpoint_url, **emulator.credentials())

    def version_ids():
        return sorted(version["VersionId"] for version in secrets.list_secret_version_ids(SecretId="kaleido-acme")["Versions"])

    first = succeeded(prep(kaleido_prep_secrets_manager_secret="kaleido-acme", kaleido_prep_tags={"project": "kaleido"}))
    handoff = yaml.safe_load(prep.handoff.read_text())
    value = json.loads(secrets.get_secret_value(SecretId="kaleido-acme")["SecretString"])
    assert value == {key: handoff[key] for key in ("region", "user_pool_id", "user_pool_arn", "client_id", "client_secret", "cognito_domain")}
    described = secrets.describe_secret(SecretId="kaleido-acme")
    assert {tag["Key"]: tag["Value"] for tag in described["Tags"]} == dict(OWNER_TAG, project="kaleido")
    assert value["client_secret"] not in first.output
    assert "AWS Secrets Manager secret kaleido-acme" in first.stdout
    versions = version_ids()
    assert len(versions) == 1

    rerun = succeeded(prep(kaleido_prep_secrets_manager_secret="kaleido-acme", kaleido_prep_tags={"project": "kaleido"}))
    assert recap(rerun)["changed"] == 0
    assert version_ids() == versions

    succeeded(prep(kaleido_prep_state="absent", kaleido_prep_deletion_protection=False, kaleido_prep_secrets_manager_secret="kaleido-acme",
                   kaleido_prep_secrets_manager_recovery_window=0))
    assert secrets.list_secrets()["SecretList"] == []
