#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_identity_provider
version_added: 1.0.0
short_description: Manage the external identity providers of AWS Cognito user pools
description:
  - Create, update and delete an identity provider (IdP) of an Amazon Cognito user pool, so that users sign in
    through Google, Facebook, Sign in with Apple, Login with Amazon, an OpenID Connect (OIDC) provider or a SAML 2.0
    provider.
  - The provider is identified by O(user_pool_id) and O(name), which is unique in a pool.
  - Options that are not set leave the provider's setting as it is. O(attribute_mapping) and O(idp_identifiers),
    when set, are the whole desired value. O(details) names the details the task manages; the details AWS
    adds by itself (for example C(authorize_url) of a Google provider) are never compared.
  - Input that AWS would refuse (a missing detail, a social provider not named after its type, a name or identifier
    AWS does not accept) fails the task before any AWS call, naming the option.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  name:
    description:
      - Name of the provider, 1 to 32 characters. A new provider's name has at least 3 characters, and no space or
        underscore but as its second character (botocore's C(ProviderNameTypeV2)).
      - A provider of type V(Google), V(Facebook), V(SignInWithApple) or V(LoginWithAmazon) must be named after its type
        (AWS refuses a provider C(MyGoogle) of type C(Google)). OIDC and SAML providers may have any name.
      - App clients list providers by this name in their C(supported_identity_providers).
    type: str
    required: true
  type:
    description:
      - Type of the provider. Required to create one, and with O(details).
      - Set when the provider is created; a different type on an existing provider fails the task, naming both types,
        and changes nothing.
    type: str
    choices: [Google, Facebook, SignInWithApple, LoginWithAmazon, OIDC, SAML]
  details:
    description:
      - The provider details (C(ProviderDetails)), with AWS's names.
      - Each type needs its own details, checked before any AWS call. V(Google), V(Facebook) and V(LoginWithAmazon)
        need C(client_id), C(client_secret) and C(authorize_scopes) (V(Facebook) also takes C(api_version));
        V(SignInWithApple) needs C(client_id), C(team_id), C(key_id), C(private_key) and C(authorize_scopes);
        V(OIDC) needs C(client_id), C(attributes_request_method), C(oidc_issuer) and C(authorize_scopes) and takes
        C(client_secret), and C(authorize_url), C(token_url), C(attributes_url) and C(jwks_uri) when the issuer does not
        publish them; V(SAML) needs exactly one of C(MetadataURL) and C(MetadataFile) and takes C(IDPSignout),
        C(IDPInit), C(RequestSigningAlgorithm) and C(EncryptedResponses).
      - Details that do not belong to the type, and those AWS sets itself, fail the task.
      - Only the details the task names are compared with the provider's. An update sends the provider's other details
        unchanged, because AWS replaces the whole set with what an update sends.
      - Required to create a provider. When set, it must hold every detail the type needs.
    type: dict
    suboptions:
      client_id:
        description: Client id of the app registered with the provider.
        type: str
      client_secret:
        description:
          - Client secret of the app registered with the provider. Secret; never in the module's output (see the notes).
        type: str
      authorize_scopes:
        description:
          - Scopes requested from the provider, separated by spaces (for Facebook, by commas), for example
            V(openid email profile).
        type: str
      api_version:
        description: Facebook Graph API version, for example V(v17.0).
        type: str
      team_id:
        description: Apple developer team id (V(SignInWithApple)).
        type: str
      key_id:
        description: Id of the private key (V(SignInWithApple)).
        type: str
      private_key:
        description:
          - The private key of V(SignInWithApple), in PEM text. Secret; never in the module's output.
          - AWS does not report it, so the module cannot tell whether it changed; it is sent whenever the details are
            updated for another reason.
        type: str
      attributes_request_method:
        description: HTTP method of the OIDC userInfo request.
        type: str
        choices: [GET, POST]
      oidc_issuer:
        description: Issuer URL of the OIDC provider.
        type: str
      authorize_url:
        description: Authorization endpoint of an OIDC provider that does not publish it at O(details.oidc_issuer).
        type: str
      token_url:
        description: Token endpoint of an OIDC provider that does not publish it.
        type: str
      attributes_url:
        description: userInfo endpoint of an OIDC provider that does not publish it.
        type: str
      jwks_uri:
        description: JSON Web Key Set URL of an OIDC provider that does not publish it.
        type: str
      MetadataURL:
        description: URL of the SAML provider's metadata document.
        type: str
      MetadataFile:
        description: The SAML provider's metadata document (XML text).
        type: str
      IDPSignout:
        description: Whether signing out of the user pool also signs the user out of the SAML provider.
        type: bool
      IDPInit:
        description: Whether the SAML provider may start the sign-in (IdP-initiated SAML).
        type: bool
      RequestSigningAlgorithm:
        description: Signing algorithm of SAML requests.
        type: str
        choices: [rsa-sha256]
      EncryptedResponses:
        description: Whether the SAML provider encrypts its assertions.
        type: bool
  attribute_mapping:
    description:
      - User pool attribute -> provider attribute; for Google, map C(email) to C(email). Keys are 1 to 32 characters.
      - The whole desired mapping. AWS maps C(username) to C(sub) by itself when a provider is created without a
        C(username) mapping; that mapping is not a difference when the task does not name C(username).
    type: dict
  idp_identifiers:
    description:
      - Identifiers of the provider (at most 50, each 1 to 40 letters, digits, spaces or C(_+=.@-) characters), for
        example an email domain for SAML email-address matching. The whole desired list.
    type: list
    elements: str
  require_email_mapping:
    description:
      - Kaleido invites members by email, so users who sign in through a provider need their email address mapped.
      - V(true) fails the task when the provider would not map C(email); V(false) only warns.
    type: bool
    default: false
  remove_from_clients:
    description:
      - With O(state=absent), what to do when app clients of the pool still list the provider in their supported
        identity providers. V(false) fails the task, naming the clients (ids and names), and deletes nothing. V(true)
        first removes the provider from each of these clients (an update that keeps every other setting of the client)
        and then deletes the provider.
    type: bool
    default: false
notes:
  - The secrets O(details.client_secret) and O(details.private_key) are marked no_log, so ansible-core replaces them
    by C(********) wherever they would appear (the task's invocation, results, warnings, errors), at any verbosity.
    RV(identity_provider) never contains them; the diff shows a marker, C((hidden)), or C((hidden, changed)) when the
    task changes the secret. The task reports a change of secret by comparing with the secret AWS reports.
  - E(ANSIBLE_DEBUG) is not covered; ansible-core documents that its debug output can show secrets despite no_log.
  - Only O(state=absent) reads the pool's app clients (one C(ListUserPoolClients) and one C(DescribeUserPoolClient)
    per client).
  - C(AcrMapping) is not managed.
extends_documentation_fragment:
  - kaleido.cognito.common.pool_resource
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: Sign in with Google
  kaleido.cognito.cognito_identity_provider:
    user_pool_id: us-east-1_AbCdEfGhI
    name: Google
    type: Google
    details:
      client_id: 1example23456789.apps.googleusercontent.com
      client_secret: "{{ google_client_secret }}"
      authorize_scopes: openid email profile
    attribute_mapping:
      email: email
      name: name
    require_email_mapping: true

- name: Sign in through an OIDC provider
  kaleido.cognito.cognito_identity_provider:
    user_pool_id: us-east-1_AbCdEfGhI
    name: Corporate
    type: OIDC
    details:
      client_id: cognito-example
      client_secret: "{{ oidc_client_secret }}"
      attributes_request_method: GET
      oidc_issuer: https://login.example.com
      authorize_scopes: openid email
    attribute_mapping:
      email: email

- name: Sign in through a SAML provider whose metadata is a file of the playbook
  kaleido.cognito.cognito_identity_provider:
    user_pool_id: us-east-1_AbCdEfGhI
    name: CorporateSAML
    type: SAML
    details:
      MetadataFile: "{{ lookup('ansible.builtin.file', 'idp-metadata.xml') }}"
      IDPSignout: true
    attribute_mapping:
      email: http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress
    idp_identifiers: [example.com]

- name: Providers from a list, as a role would
  kaleido.cognito.cognito_identity_provider:
    user_pool_id: us-east-1_AbCdEfGhI
    name: "{{ item.name }}"
    type: "{{ item.type }}"
    details: "{{ item.details }}"
    attribute_mapping: "{{ item.attribute_mapping | default(omit) }}"
    idp_identifiers: "{{ item.idp_identifiers | default(omit) }}"
  loop: "{{ external_identity_providers }}"
  loop_control:
    label: "{{ item.name }}"

- name: Delete a provider, removing it from the app clients that offer it
  kaleido.cognito.cognito_identity_provider:
    user_pool_id: us-east-1_AbCdEfGhI
    name: Corporate
    state: absent
    remove_from_clients: true
"""

RETURN = r"""
identity_provider:
  description:
    - The provider as C(DescribeIdentityProvider) reports it, without secrets. Top-level keys in snake_case;
      the keys of RV(identity_provider.provider_details) and RV(identity_provider.attribute_mapping) as AWS spells them.
    - In check mode, the predicted provider.
    - Empty after the provider is deleted or when it does not exist.
  returned: always
  type: dict
  contains:
    user_pool_id:
      description: Id of the user pool.
      type: str
      returned: when the provider exists
      sample: us-east-1_AbCdEfGhI
    provider_name:
      description: Name of the provider.
      type: str
      returned: when the provider exists
      sample: Google
    provider_type:
      description: Type of the provider.
      type: str
      returned: when the provider exists
      sample: Google
    provider_details:
      description:
        - The details, including those AWS adds (such as C(authorize_url), C(token_url), C(attributes_url),
          C(oidc_issuer) of a Google provider), without C(client_secret) and C(private_key).
      type: dict
      returned: when the provider exists
      sample: {"client_id": "1example23456789.apps.googleusercontent.com", "authorize_scopes": "openid email profile"}
    attribute_mapping:
      description: User pool attribute -> provider attribute.
      type: dict
      returned: when the provider exists
      sample: {"email": "email", "username": "sub"}
    idp_identifiers:
      description: Identifiers of the provider.
      type: list
      elements: str
      returned: when set
    creation_date:
      description: When the provider was created.
      type: str
      returned: when the provider exists, not in check mode
    last_modified_date:
      description: When the provider was last changed.
      type: str
      returned: when the provider exists, not in check mode
updated_clients:
  description:
    - With O(state=absent) and O(remove_from_clients=true), the app clients the provider was removed from (or, in check
      mode, would be).
  returned: when O(state=absent)
  type: list
  elements: dict
  contains:
    client_id:
      description: Id of the app client.
      type: str
    client_name:
      description: Name of the app client.
      type: str
"""

from ansible_collections.kaleido.cognito.plugins.module_utils import app_client as clients
from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import identity_provider as providers
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base
from ansible_collections.kaleido.cognito.plugins.module_utils import transform


def _detail_option(key):
    if key in providers.BOOLEAN_DETAILS:
        return dict(type="bool")
    option = dict(type="str")
    if key in providers.SECRET_DETAILS:
        option["no_log"] = True
    elif key in ("key_id", "token_url"):
        option["no_log"] = False
    if key == "attributes_request_method":
        option["choices"] = ["GET", "POST"]
    if key == "RequestSigningAlgorithm":
        option["choices"] = ["rsa-sha256"]
    return option


ARGUMENT_SPEC = dict(
    user_pool_id=base.USER_POOL_ID_OPTION,
    name=dict(type="str", required=True),
    type=dict(type="str", choices=list(providers.TYPES)),
    details=dict(type="dict", options=dict((key, _detail_option(key)) for key in providers.ALL_DETAILS)),
    attribute_mapping=dict(type="dict"),
    idp_identifiers=dict(type="list", elements="str"),
    require_email_mapping=dict(type="bool", default=False),
    state=base.STATE_OPTION,
    remove_from_clients=dict(type="bool", default=False),
)


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    params = module.params
    module.fail_on_problems(module.option_problems("user_pool_id") + providers.input_problems(params))


def check_email_mapping(module, current):
    mapping = providers.resulting_mapping(current, module.params)
    if "email" in mapping:
        return
    message = providers.email_mapping_message(module.params["name"], mapping)
    if module.params["require_email_mapping"]:
        module.fail_json(msg=message, identity_provider=providers.provider_to_ansible(current))
    module.warn(message)


def ensure_created(module, client):
    params = module.params
    pool_id = params["user_pool_id"]
    missing = [option for option in ("type", "details") if params.get(option) is None]
    if missing:
        module.fail_json(msg="{0} required to create identity provider {1} of user pool {2}".format(
            " and ".join(missing) + (" are" if len(missing) > 1 else " is"), params["name"], pool_id))
    if cognito.describe_user_pool(client, pool_id) is None:
        module.fail_json(msg=cognito.no_such_user_pool_message(pool_id))
    check_email_mapping(module, None)
    request = providers.create_request(params)
    if module.check_mode:
        return providers.predicted_created_provider(request)
    try:
        return cognito.create_identity_provider(client, **request)
    except cognito.AnsibleCognitoError as e:
        if cognito.error_code(e) != "DuplicateProviderException":
            raise
    # Provider names are unique in a pool: a run that started at the same time created it first.
    return None


def find_provider(module, client):
    return cognito.describe_identity_provider(client, module.params["user_pool_id"], module.params["name"])


def ensure_present(module, client, current):
    """(changed, result, the secrets the change replaces)."""
    if current is None:
        created = ensure_created(module, client)
        if created is not None:
            return True, created, ()
        current = cognito.describe_identity_provider(client, module.params["user_pool_id"], module.params["name"])
        module.warn("identity provider {0} was created by another run at the same time; this run goes on with it".format(module.params["name"]))
        return (True,) + ensure_present(module, client, current)[1:]
    conflict = providers.type_conflict(current, module.params)
    if conflict:
        module.fail_json(msg=conflict, identity_provider=providers.provider_to_ansible(current))
    check_email_mapping(module, current)
    request, changes = providers.update_request(current, module.params)
    if not changes:
        return False, current, ()
    secrets = tuple(key for key in providers.SECRET_DETAILS if "details." + key in changes)
    if module.check_mode:
        return True, providers.predicted_updated_provider(current, request), secrets
    return True, cognito.update_identity_provider(client, **request), secrets


def clients_listing(module, client, name):
    pool_id = module.params["user_pool_id"]
    described = []
    for item in cognito.list_user_pool_clients(client, pool_id):
        found = cognito.describe_user_pool_client(client, pool_id, item["ClientId"])
        if found is not None:
            described.append(found)
    return providers.clients_listing(described, name)


def remove_from_client(module, client, app, name):
    params = {"supported_identity_providers": [provider for provider in app.get("SupportedIdentityProviders") or [] if provider != name]}
    request, changes = clients.update_request(app, params)
    if not changes:
        return
    module.refuse_reset_of_unknown_members(client, "app client", app["ClientId"], "UpdateUserPoolClient")
    if not module.check_mode:
        cognito.update_user_pool_client(client, **request)


def ensure_absent(module, client, current):
    """(changed, result, the app clients the provider is removed from)."""
    if current is None:
        return False, None, []
    name = current["ProviderName"]
    listing = clients_listing(module, client, name)
    if listing and not module.params["remove_from_clients"]:
        module.fail_json(
            msg=providers.in_use_message(name, module.params["user_pool_id"], listing),
            identity_provider=providers.provider_to_ansible(current),
            app_clients=[{"client_id": app["ClientId"], "client_name": app.get("ClientName")} for app in listing],
        )
    for app in listing:
        remove_from_client(module, client, app, name)
    if not module.check_mode:
        cognito.delete_identity_provider(client, current["UserPoolId"], name)
    return True, None, [{"client_id": app["ClientId"], "client_name": app.get("ClientName")} for app in listing]


def main():
    module = base.CognitoModule(argument_spec=ARGUMENT_SPEC)
    validate(module)
    client = module.connect()
    current, (changed, result, third) = module.apply_state(client, find_provider, ensure_present, ensure_absent)
    # ensure_absent returns the app clients it removed the provider from, ensure_present the secrets it replaces.
    extra, secrets = ({"updated_clients": third}, ()) if module.params["state"] == "absent" else ({}, third)
    diff = transform.diff(providers.diff_view(current), providers.diff_view(result, secrets), providers.VOLATILE_FIELDS)
    module.exit_json(changed=changed, identity_provider=providers.provider_to_ansible(result), diff=diff, **extra)


if __name__ == "__main__":
    main()
