# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The kaleido_prep playbook end to end, run as users run it:
`ansible-playbook kaleido.cognito.kaleido_prep -e ...` against the emulator."""

import os
import re
import stat

import pytest
import yaml

PLAYBOOK = "kaleido.cognito.kaleido_prep"
pytestmark = pytest.mark.integration


@pytest.fixture
def prep(emulator, run_playbook, tmp_path):
    """Run the playbook with the standard test inputs plus any extra -e pairs."""
    emulator.reset()
    handoff = tmp_path / "handoff.yml"

    def run(*args, _env=None, **extra_vars):
        variables = {
            "kaleido_prep_pool_name": "kaleido-test",
            "kaleido_prep_domain_prefix": "kaleido-test-org",
            "kaleido_prep_region": "us-east-1",
            "kaleido_prep_handoff_file": str(handoff),
        }
        variables.update(extra_vars)
        emulator.reset_calls()
        result = run_playbook(PLAYBOOK, extra_vars=variables, args=args, env=_env)
        result.calls = emulator.calls()
        result.writes = emulator.write_calls()
        result.output = result.stdout + result.stderr
        return result

    run.handoff = handoff
    return run


def recap(result):
    match = re.search(r"localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", result.stdout)
    assert match, result.output[-5000:]
    return {"ok": int(match.group(1)), "changed": int(match.group(2)), "failed": int(match.group(3))}


def succeeded(result):
    assert result.returncode == 0, result.output[-15000:]
    return result


def inventory(client):
    pools = client.list_user_pools(MaxResults=60)["UserPools"]
    described = [client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"] for pool in pools]
    clients = {pool["Id"]: client.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"] for pool in pools}
    return described, clients


def test_first_run_creates_one_pool_one_client_one_domain_and_a_0600_handoff_file(prep, emulator):
    result = succeeded(prep())
    client = emulator.client()
    pools, clients = inventory(client)
    assert len(pools) == 1
    pool = pools[0]
    assert pool["UsernameAttributes"] == ["email"]
    assert [a for a in pool["SchemaAttributes"] if a["Name"] == "email"][0]["Required"] is True
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["DeletionProtection"] == "ACTIVE"
    assert pool["Domain"] == "kaleido-test-org"
    assert len(clients[pool["Id"]]) == 1
    app = client.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=clients[pool["Id"]][0]["ClientId"])["UserPoolClient"]
    assert app["ClientName"] == "kaleido"
    assert app["ClientSecret"]
    assert sorted(result.writes) == ["CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain"]

    assert stat.S_IMODE(os.stat(prep.handoff).st_mode) == 0o600
    handoff = yaml.safe_load(prep.handoff.read_text())
    assert handoff == {
        "region": "us-east-1",
        "user_pool_id": pool["Id"],
        "user_pool_arn": pool["Arn"],
        "client_id": app["ClientId"],
        "client_secret": app["ClientSecret"],
        "cognito_domain": "kaleido-test-org.auth.us-east-1.amazoncognito.com",
        # What a later run compares before it uses the ids.
        "user_pool_name": "kaleido-test",
        "client_name": "kaleido",
    }
    assert "Cognito domain: kaleido-test-org.auth.us-east-1.amazoncognito.com" in result.stdout
    assert "User pool ID:   " + pool["Id"] in result.stdout
    assert app["ClientSecret"] not in result.output


def test_a_converged_account_reruns_unchanged_takes_the_callback_urls_and_is_torn_down_only_without_protection(prep, emulator):
    """One first run, then the next steps of a user (one ansible-playbook launch each, no first run per case).

    A rerun and a check-mode run change nothing and write nothing; a teardown
    while deletion protection is on is refused and changes nothing; the second
    phase (Kaleido's callback URLs) changes only the app client; a teardown
    with protection turned off leaves nothing (the domain deleted before the
    pool), and a second one changes nothing.
    """
    succeeded(prep())
    client = emulator.client()
    pool_before = inventory(client)[0][0]

    result = succeeded(prep())
    assert recap(result)["changed"] == 0
    assert result.writes == []

    result = succeeded(prep("--check"))
    assert recap(result)["changed"] == 0
    assert result.writes == []

    result = prep(kaleido_prep_state="absent")
    assert result.returncode != 0
    assert "deletion protection" in result.output
    assert "kaleido_prep_deletion_protection=false" in result.output
    assert result.writes == []
    pools, clients = inventory(client)
    assert len(pools) == 1 and pools[0]["Domain"] == "kaleido-test-org" and len(clients[pools[0]["Id"]]) == 1
    assert prep.handoff.exists()

    result = succeeded(
        prep(
            kaleido_prep_callback_urls=["https://acme.kaleido.io/api/v1/oidc/callback"],
            kaleido_prep_logout_urls=["https://acme.kaleido.io/logout"],
        )
    )
    assert recap(result)["changed"] == 1
    assert result.writes == ["UpdateUserPoolClient"]
    pools, clients = inventory(client)
    pool = pools[0]
    app = client.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=clients[pool["Id"]][0]["ClientId"])["UserPoolClient"]
    assert app["CallbackURLs"] == ["https://acme.kaleido.io/api/v1/oidc/callback"]
    assert app["LogoutURLs"] == ["https://acme.kaleido.io/logout"]
    assert app["AllowedOAuthFlowsUserPoolClient"] is True
    assert app["AllowedOAuthFlows"] == ["code"]
    assert sorted(app["AllowedOAuthScopes"]) == ["email", "openid", "profile"]
    assert sorted(app["ExplicitAuthFlows"]) == ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
    for key in ("UsernameAttributes", "Policies", "DeletionProtection", "Domain", "UserPoolTags", "AutoVerifiedAttributes"):
        assert pool.get(key) == pool_before.get(key), key

    result = succeeded(prep(kaleido_prep_state="absent", kaleido_prep_deletion_protection=False))
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []
    assert client.describe_user_pool_domain(Domain="kaleido-test-org")["DomainDescription"] == {}
    assert result.writes.index("DeleteUserPoolDomain") < result.writes.index("DeleteUserPool")
    assert not prep.handoff.exists()
    again = succeeded(prep(kaleido_prep_state="absent", kaleido_prep_deletion_protection=False))
    assert recap(again)["changed"] == 0
    assert again.writes == []


def test_reusing_a_pool_that_does_not_sign_in_by_email_fails_clearly_and_changes_nothing(prep, emulator):
    client = emulator.client()
    pool = client.create_user_pool(PoolName="legacy", AliasAttributes=["email"], UserPoolTags={"Team": "a"})["UserPool"]
    result = prep(kaleido_prep_user_pool_id=pool["Id"])
    assert result.returncode != 0
    assert "username_attributes" in result.output
    assert "AWS cannot change" in result.output
    assert "create a new user pool" in result.output
    assert result.writes == []
    after = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert after.get("Domain") is None
    assert client.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"] == []


def test_reusing_a_compliant_pool_adds_client_and_domain_without_touching_its_settings(prep, emulator):
    client = emulator.client()
    pool = client.create_user_pool(
        PoolName="existing",
        UsernameAttributes=["email"],
        Schema=[{"Name": "email", "Required": True, "Mutable": True, "AttributeDataType": "String"}],
        Policies={"PasswordPolicy": {"MinimumLength": 14}},
        UserPoolTags={"Team": "a"},
    )["UserPool"]
    before = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    result = succeeded(prep(kaleido_prep_user_pool_id=pool["Id"]))
    assert sorted(result.writes) == ["CreateUserPoolClient", "CreateUserPoolDomain"]
    after = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    for key in ("Policies", "UserPoolTags", "DeletionProtection", "MfaConfiguration", "Name"):
        assert after.get(key) == before.get(key), key
    handoff = yaml.safe_load(prep.handoff.read_text())
    assert handoff["user_pool_id"] == pool["Id"]


def test_client_secret_never_appears_in_output_at_high_verbosity(prep, emulator):
    """The first run at -vvv --diff, the run that changes the app client at -vvvv --diff."""
    first = succeeded(prep("-vvv", "--diff"))
    client = emulator.client()
    pools, clients = inventory(client)
    secret = client.describe_user_pool_client(UserPoolId=pools[0]["Id"], ClientId=clients[pools[0]["Id"]][0]["ClientId"])["UserPoolClient"]["ClientSecret"]
    assert len(secret) > 20
    second = succeeded(prep("-vvvv", "--diff", kaleido_prep_callback_urls=["https://acme.kaleido.io/cb"]))
    assert recap(second)["changed"] >= 1
    for result in (first, second):
        assert secret not in result.output
    assert secret in prep.handoff.read_text()


def test_role_works_through_include_role_in_a_larger_playbook_with_module_defaults(emulator, run_playbook):
    emulator.reset()
    playbook = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks", "larger_playbook.yml")
    result = run_playbook(playbook, env={"AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "eu-west-3"})
    assert result.returncode == 0, (result.stdout + result.stderr)[-15000:]
    assert len(emulator.client(region="us-east-1").list_user_pools(MaxResults=60)["UserPools"]) == 1


def test_managed_login_gives_the_app_client_a_style_so_that_its_login_pages_work(prep, emulator):
    first = succeeded(prep(kaleido_prep_managed_login_version=2))
    client = emulator.client()
    data = yaml.safe_load(prep.handoff.read_text())
    domain = client.describe_user_pool_domain(Domain="kaleido-test-org")["DomainDescription"]
    assert domain["ManagedLoginVersion"] == 2
    branding = client.describe_managed_login_branding_by_client(UserPoolId=data["user_pool_id"], ClientId=data["client_id"])
    assert branding["ManagedLoginBranding"]["UseCognitoProvidedValues"] is True
    assert "CreateManagedLoginBranding" in first.writes
    again = succeeded(prep(kaleido_prep_managed_login_version=2))
    assert recap(again)["changed"] == 0 and again.writes == []
    gone = succeeded(prep(kaleido_prep_state="absent", kaleido_prep_deletion_protection=False, kaleido_prep_managed_login_version=2))
    assert "DeleteUserPoolClient" in gone.writes
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []


GOOGLE_SECRET = "GOCSPX-kaleido-role-test-0123456789abcdef"
GOOGLE = {"name": "Google", "type": "Google", "attribute_mapping": {"email": "email"},
          "details": {"client_id": "kaleido-role.apps.googleusercontent.com", "client_secret": GOOGLE_SECRET, "authorize_scopes": "openid email profile"}}
SAML_METADATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets", "cognito_identity_provider", "files", "saml-metadata.xml")


def providers_file(tmp_path, providers):
    """The providers in a variables file (as a user keeps them, e.g. vaulted): -e on the command line is echoed at -vvvv."""
    path = tmp_path / "providers.yml"
    path.write_text(yaml.safe_dump({"kaleido_prep_external_identity_providers": providers}))
    path.chmod(0o600)
    return "@" + str(path)


def test_google_sign_in_end_to_end_with_the_redirect_uri_in_the_handoff_and_no_secret_in_the_output(prep, emulator, tmp_path):
    first = succeeded(prep("-vvvv", "--diff", "-e", providers_file(tmp_path, [GOOGLE]), kaleido_prep_identity_providers=[]))
    client = emulator.client()
    data = yaml.safe_load(prep.handoff.read_text())
    assert data["idp_redirect_uri"] == "https://kaleido-test-org.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
    assert "saml_entity_id" not in data
    assert "Redirect URI to register with the identity providers: " + data["idp_redirect_uri"] in first.output
    provider = client.describe_identity_provider(UserPoolId=data["user_pool_id"], ProviderName="Google")["IdentityProvider"]
    assert provider["ProviderType"] == "Google" and provider["AttributeMapping"]["email"] == "email"
    app = client.describe_user_pool_client(UserPoolId=data["user_pool_id"], ClientId=data["client_id"])["UserPoolClient"]
    assert app["SupportedIdentityProviders"] == ["Google"]
    # The provider was created before the app client that names it.
    assert first.writes.index("CreateIdentityProvider") < first.writes.index("CreateUserPoolClient")
    assert GOOGLE_SECRET not in first.output and GOOGLE_SECRET[-12:] not in first.output
    assert data["client_secret"] not in first.output
    again = succeeded(prep(kaleido_prep_identity_providers=[], kaleido_prep_external_identity_providers=[GOOGLE]))
    assert recap(again)["changed"] == 0 and again.writes == []
    gone = succeeded(prep(kaleido_prep_state="absent", kaleido_prep_deletion_protection=False, kaleido_prep_identity_providers=[],
                          kaleido_prep_external_identity_providers=[GOOGLE]))
    assert "DeleteIdentityProvider" in gone.writes
    assert gone.writes.index("DeleteUserPoolClient") < gone.writes.index("DeleteIdentityProvider")
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []


def test_a_saml_provider_hands_back_the_entity_id_and_a_bad_provider_is_refused_before_any_aws_call(prep, emulator):
    with open(SAML_METADATA) as handle:
        saml = {"name": "Corporate", "type": "SAML", "details": {"MetadataFile": handle.read()}, "attribute_mapping": {"email": "emailaddress"}}
    succeeded(prep(kaleido_prep_external_identity_providers=[saml]))
    data = yaml.safe_load(prep.handoff.read_text())
    assert data["saml_entity_id"] == "urn:amazon:cognito:sp:" + data["user_pool_id"]
    assert data["idp_redirect_uri"].endswith(".amazoncognito.com/oauth2/idpresponse")
    app = emulator.client().describe_user_pool_client(UserPoolId=data["user_pool_id"], ClientId=data["client_id"])["UserPoolClient"]
    assert app["SupportedIdentityProviders"] == ["COGNITO", "Corporate"]

    emulator.reset()
    refused = prep(kaleido_prep_pool_name="kaleido-refused", kaleido_prep_external_identity_providers=[dict(GOOGLE, attribute_mapping={"name": "name"})])
    assert refused.returncode != 0
    assert "kaleido_prep_external_identity_providers[0] (Google): attribute_mapping of identity provider Google does not map email" in refused.output
    assert refused.calls == []
    assert GOOGLE_SECRET not in refused.output
