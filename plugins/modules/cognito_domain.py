#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_domain
version_added: 1.0.0
short_description: Manage the hosted-UI domain of an AWS Cognito user pool
description:
  - Give a user pool a prefix domain (V(<prefix>.auth.<region>.amazoncognito.com)) or a custom domain
    (a fully qualified name with an ACM certificate), change its managed login version or certificate, or remove it.
  - A prefix is checked against the AWS rules and reserved words before any AWS call.
  - A domain that belongs to another user pool, of this account or of any other, is never re-pointed. The task
    fails with a message saying the domain is not available, and the other pool keeps it.
  - A user pool can have one prefix domain and one custom domain. A pool that already has a different domain of
    the same kind is not changed and the task fails naming both domains, unless O(replace=true), which deletes the
    old domain and creates the new one.
  - O(managed_login_version) and O(certificate_arn) are changed in place with C(UpdateUserPoolDomain); a new name
    is always a delete and a create.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  domain:
    description:
      - A prefix, for example V(kaleido-example), which gives V(kaleido-example.auth.<region>.amazoncognito.com),
        or a fully qualified custom domain such as V(auth.example.com) (any name with a dot is a custom domain).
      - A prefix is 1 to 63 lowercase letters, digits and hyphens, starts and ends with a letter or a digit, and
        does not contain V(aws), V(amazon) or V(cognito). Prefixes are unique per region across all AWS accounts.
      - Required with O(state=present).
      - With O(state=absent) and no O(domain), the pool's only domain is removed; a pool with both a prefix and a
        custom domain fails the task and the domain to remove must be named.
    type: str
  certificate_arn:
    description:
      - ARN of the ACM certificate of a custom domain. AWS requires a certificate in V(us-east-1).
      - Required to create a custom domain. On an existing custom domain, a different ARN replaces the certificate
        in place; unset leaves it as it is.
    type: str
  managed_login_version:
    description:
      - V(1) for the classic hosted UI, V(2) for managed login.
      - V(2) needs a user pool tier other than V(LITE) (see M(kaleido.cognito.cognito_user_pool) O(kaleido.cognito.cognito_user_pool#module:user_pool_tier)).
        The task fails before any change when the pool is on V(LITE).
      - Unset leaves the version as it is; AWS creates domains with V(1).
    type: int
    choices: [1, 2]
  replace:
    description:
      - Whether a pool that has a different domain of the same kind (prefix or custom) has it deleted and the new
        one created.
      - With V(false), such a pool makes the task fail, naming both domains, and nothing changes.
      - Check mode and diff mode show the replacement without making it.
      - AWS keeps a deleted domain in the status V(DELETING) for a while, and the pool keeps it until it is gone; the
        replacement waits for that (at most O(wait_timeout)) before it creates the new domain, even with O(wait=false).
      - Before anything is deleted, the new domain is checked as far as AWS allows it to be read beforehand. Its name is
        not another pool's, the pool's tier allows O(managed_login_version), and for a custom domain the certificate
        O(certificate_arn) is V(ISSUED) in ACM (C(acm:DescribeCertificate)). A failed check fails the task and changes
        nothing.
      - When AWS still refuses the new domain after the old one was deleted, the old domain is created again with its
        name, certificate and managed login version, and the task fails saying so (a custom domain created again gets
        a new CloudFront distribution, which the message names, and its DNS alias must point to it). When that fails too,
        the message says that the pool has no such domain any more and gives the options of the task that restores it.
    type: bool
    default: false
  state:
    description:
      - V(present) makes the domain exist on the pool, V(absent) removes it.
      - A domain that belongs to another pool is never removed; with O(state=absent) the task then changes nothing.
  wait:
    description:
      - Whether to wait until the domain's status is V(ACTIVE) after creating or updating it (and when an existing
        domain is not yet active), or, with O(state=absent), until AWS no longer reports it.
      - AWS documents up to a minute for a prefix domain and up to an hour for a custom domain.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait with O(wait=true). When it runs out, the task fails saying how long it waited and the
        domain's status; the domain itself stays as AWS has it, and running the task again keeps waiting.
      - Defaults to V(300) for a prefix domain and V(3600) for a custom domain.
      - The status is read every 2 seconds for a prefix domain and every 10 seconds for a custom domain (more often
        when O(wait_timeout) is shorter than three reads); a throttled read or a dropped connection does not end the wait.
    type: int
notes:
  - With O(pending_user_pool=true) in check mode, the task reads the domain (one C(DescribeUserPoolDomain)) and fails
    when it is not available.
  - With O(new_user_pool=true), outside check mode, the task sends C(CreateUserPoolDomain) without reading the domain or
    the pool first (the pool is read for O(managed_login_version=2), for its tier). If the pool had a domain of this kind
    after all, AWS refuses the creation ("User pool already has a domain configured.") and the task goes on as without
    the option; if it already had this domain, the task brings it to O(managed_login_version).
  - The domain's availability is read with C(DescribeUserPoolDomain). AWS may not show a domain of another account
    there; C(CreateUserPoolDomain) then answers that the domain is already associated with another user pool, and the
    task fails with the same "not available" message.
  - A domain that is already V(DELETING) is not deleted again (AWS answers "No such domain" to that), and the task
    reports no change.
  - With O(state=present), a domain of the pool that is still V(DELETING) (deleted moments ago; AWS answers "Domain
    already exists." to its creation meanwhile) is waited for until it is gone (at most O(wait_timeout), even with
    O(wait=false)), then created.
  - C(UpdateUserPoolDomain) is sent the domain's current custom domain configuration back. When C(DescribeUserPoolDomain)
    reports settings that the installed botocore does not know, or its answer cannot be read to tell, the task fails
    before any change and asks for a newer botocore (check mode warns).
  - To delete a user pool that has a domain, remove the domain with this module first (O(state=absent), with or without
    O(domain)), then delete the pool with M(kaleido.cognito.cognito_user_pool).
  - A custom domain also needs a DNS alias (CNAME or Route 53 alias) to RV(domain.cloud_front_distribution).
extends_documentation_fragment:
  - kaleido.cognito.common.pending_pool_resource
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: Give the pool a prefix domain for the hosted UI
  kaleido.cognito.cognito_domain:
    user_pool_id: "{{ pool.user_pool.id }}"
    domain: kaleido-example
  register: hosted_ui

- name: Show the value the Kaleido console asks for
  ansible.builtin.debug:
    msg: "Cognito domain: {{ hosted_ui.domain.fqdn }}"

- name: Switch the domain to managed login (not on the LITE tier)
  kaleido.cognito.cognito_domain:
    user_pool_id: "{{ pool.user_pool.id }}"
    domain: kaleido-example
    managed_login_version: 2

- name: Change the prefix (deletes the old domain, creates the new one)
  kaleido.cognito.cognito_domain:
    user_pool_id: "{{ pool.user_pool.id }}"
    domain: kaleido-example-prod
    replace: true

- name: A custom domain; point a DNS alias at the CloudFront distribution it returns
  kaleido.cognito.cognito_domain:
    user_pool_id: "{{ pool.user_pool.id }}"
    domain: auth.example.com
    certificate_arn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666
    wait_timeout: 3600
  register: custom

- name: Remove the pool's domain, then the pool
  kaleido.cognito.cognito_domain:
    user_pool_id: "{{ pool.user_pool.id }}"
    state: absent

- name: Delete the pool
  kaleido.cognito.cognito_user_pool:
    user_pool_id: "{{ pool.user_pool.id }}"
    deletion_protection: false
    state: absent
"""

RETURN = r"""
domain:
  description:
    - The domain as C(DescribeUserPoolDomain) reports it, in snake_case, with RV(domain.fqdn).
    - In check mode, the predicted domain (without RV(domain.cloud_front_distribution) for a domain that would be created).
    - Empty after the domain is removed, or with O(state=absent) when there is none.
  returned: always
  type: dict
  contains:
    domain:
      description: The prefix or custom domain name.
      type: str
      returned: when the domain exists
      sample: kaleido-example
    fqdn:
      description:
        - The host name of the hosted UI, without V(https://). V(<prefix>.auth.<region>.amazoncognito.com) for a prefix,
          the custom name for a custom domain. This is the value the Kaleido console asks for.
      type: str
      returned: when the domain exists
      sample: kaleido-example.auth.us-east-1.amazoncognito.com
    user_pool_id:
      description: Id of the user pool.
      type: str
      returned: when the domain exists
      sample: us-east-1_AbCdEfGhI
    status:
      description: V(CREATING), V(UPDATING), V(DELETING), V(ACTIVE) or V(FAILED).
      type: str
      returned: when the domain exists
      sample: ACTIVE
    managed_login_version:
      description: V(1) classic hosted UI, V(2) managed login.
      type: int
      returned: when the domain exists
      sample: 1
    cloud_front_distribution:
      description: The CloudFront distribution that serves the domain; a custom domain's DNS alias points to it.
      type: str
      returned: when the domain exists and AWS reports it
      sample: d111111abcdef8.cloudfront.net
    custom_domain_config:
      description: The certificate of a custom domain.
      type: dict
      returned: for a custom domain
      contains:
        certificate_arn:
          description: ARN of the ACM certificate.
          type: str
          sample: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666
    aws_account_id:
      description: The account of the user pool.
      type: str
      returned: when the domain exists and AWS reports it
      sample: "123456789012"
"""

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base
from ansible_collections.kaleido.cognito.plugins.module_utils import transform


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    module.fail_on_problems(module.user_pool_id_problems() + domains.validation_errors(module.params))


def find_pool(module, client):
    """The task's user pool (DescribeUserPool result); None when it is pending (check mode) or, with state=absent, gone."""
    if module.pending_user_pool():
        return None
    pool = cognito.describe_user_pool(client, module.params["user_pool_id"])
    if pool is None and module.params["state"] == "present":
        module.fail_json(msg=cognito.no_such_user_pool_message(module.params["user_pool_id"]))
    return pool


def find_domain(module, client):
    """The task's domain (DescribeUserPoolDomain result), or None when no pool has it.

    state=present reads the domain first and the pool only when it needs it (ensure_present).  With
    new_user_pool, ensure_present creates the domain without reading it first.
    """
    if module.new_user_pool():
        return None
    return cognito.describe_user_pool_domain(client, module.params["domain"])


def create_on_new_pool(module, client):
    """new_user_pool: create the domain of a pool created moments ago without reading the domain or the pool first.

    Returns the new domain's description, or None when AWS answers that the
    pool already has a domain of this kind ("User pool already has a domain
    configured."): the task then reads both, as without new_user_pool.  The
    pool is read first only for managed login version 2 (its tier).
    """
    params = module.params
    pool = find_pool(module, client) if params.get("managed_login_version") == 2 else {"Id": params["user_pool_id"]}
    request = creation_request(module, pool)
    try:
        problem = create(module, client, request)
    except cognito.AnsibleCognitoError as e:
        module.fail_if_no_such_user_pool(e)
        if domains.is_pool_has_domain_error(cognito.error_code(e), str(e)):
            return None
        raise
    fail_on(module, problem)
    return cognito.describe_user_pool_domain(client, params["domain"])


def wait_for(module, client, description):
    """Wait until the domain's status is ACTIVE; fail with how long it waited when wait_timeout runs out."""
    name = description["Domain"]
    timeout = domains.timeout_for(name, module.params["wait_timeout"])
    waited = 0
    if description.get("Status") in domains.PENDING_STATUSES:
        description, waited = cognito.wait_until_domain_active(module.waiter_client(), client, name, timeout)
    if description is None:
        module.fail_json(msg="{0} {1!r} disappeared while waiting for it to become ACTIVE".format(domains.kind(name), name))
    status = description.get("Status")
    if status == domains.FAILED:
        module.fail_json(msg="{0} {1!r} has the status FAILED; see it in the AWS console".format(domains.kind(name), name),
                         domain=domains.domain_to_ansible(description, module.region))
    if status in domains.PENDING_STATUSES:
        module.fail_json(msg=domains.timeout_message(name, status, waited, timeout), waited=round(waited, 1),
                         domain=domains.domain_to_ansible(description, module.region))
    return description


def wait_gone(module, client, name):
    """Wait until AWS no longer reports the domain (it is DELETING for a while after DeleteUserPoolDomain).

    Returns None once it is gone, or the failure message when wait_timeout ran out first.
    """
    timeout = domains.timeout_for(name, module.params["wait_timeout"])
    description, waited = cognito.wait_until_domain_gone(module.waiter_client(), client, name, timeout)
    if description is not None:
        return domains.timeout_message(name, description.get("Status"), waited, timeout)
    return None


def fail_on(module, problem):
    if problem:
        module.fail_json(msg=problem)


def create(module, client, request):
    """CreateUserPoolDomain; returns the "not available" message when the name is taken, else None.

    AWS answers "Domain already exists." while a domain of the name that was
    just deleted is not gone yet: that one is waited for (at most
    wait_timeout), then the domain is created.
    """
    name = request["Domain"]
    for attempt in range(2):
        try:
            cognito.create_user_pool_domain(client, **request)
            return None
        except cognito.AnsibleCognitoError as e:
            if domains.is_taken_error(cognito.error_code(e), str(e)):
                return domains.not_available_message(name)
            if attempt or not domains.is_exists_error(cognito.error_code(e), str(e)):
                raise
        description = cognito.describe_user_pool_domain(client, name)
        if domains.belongs_to_another_pool(description, request["UserPoolId"]):
            return domains.not_available_message(name, description)
        problem = wait_gone(module, client, name)
        if problem:
            return problem
    return None  # not reached: the second attempt returns or raises


def ensure_available(module, pool_id, description):
    if domains.belongs_to_another_pool(description, pool_id):
        module.fail_json(msg=domains.not_available_message(module.params["domain"], description))


def ensure_tier(module, pool, description=None):
    if domains.needs_paid_tier(pool, module.params, description):
        module.fail_json(
            msg="managed_login_version 2 (managed login) needs a user pool tier other than LITE, and user pool {0} is on LITE;"
            " set user_pool_tier to ESSENTIALS or PLUS with kaleido.cognito.cognito_user_pool, or use managed_login_version 1."
            " Nothing was changed".format(pool["Id"])
        )


def creation_request(module, pool):
    """The CreateUserPoolDomain request of the task, once its certificate and the pool's tier are checked."""
    params = module.params
    if params.get("certificate_arn") is None and domains.is_custom(params["domain"]):
        module.fail_json(msg="certificate_arn is required to create the custom domain {0!r}".format(params["domain"]))
    ensure_tier(module, pool)
    return domains.create_request(params)


def ensure_certificate_usable(module, old):
    """Before a custom domain replaces ``old``: its certificate must be ISSUED in ACM, or nothing is deleted.

    The other reasons AWS has to refuse the new domain that can be read
    beforehand are checked too: its name (ensure_present) and the pool's tier
    (creation_request).
    """
    arn = module.params.get("certificate_arn")
    if arn is None or not domains.is_custom(module.params["domain"]):
        return
    try:
        certificate = cognito.describe_certificate(module.acm_client(domains.certificate_region(arn)), arn)
    except cognito.AnsibleCognitoError as e:
        module.fail_json(msg="could not read certificate_arn {0!r} in ACM (acm:DescribeCertificate) before replacing the {1} {2!r}: {3}."
                         " Nothing was changed".format(arn, domains.kind(old["Domain"]), old["Domain"], e))
    problem = domains.certificate_problem(arn, certificate)
    if problem:
        module.fail_json(msg="{0}. The {1} {2!r} was not replaced; nothing was changed".format(problem, domains.kind(old["Domain"]), old["Domain"]),
                         domain=domains.domain_to_ansible(old, module.region))


def ensure_created(module, client, pool):
    params = module.params
    request = creation_request(module, pool)
    if module.check_mode:
        return domains.predicted_created(request, params["wait"])
    problem = create(module, client, request)
    if problem:
        module.fail_json(msg=problem)
    return cognito.describe_user_pool_domain(client, params["domain"])


def ensure_replaced(module, client, pool, old):
    """Delete the pool's old domain of this kind and create the new one (replace=true)."""
    params = module.params
    if not params["replace"]:
        module.fail_json(
            msg="user pool {0} already has the {1} {2!r}, and the task asks for {3!r}: AWS cannot rename a domain."
            " Set replace=true to delete {2!r} and create {3!r}; nothing was changed".format(
                pool["Id"], domains.kind(old["Domain"]), old["Domain"], params["domain"]),
            domain=domains.domain_to_ansible(old, module.region),
        )
    request = creation_request(module, pool)
    ensure_certificate_usable(module, old)
    if module.check_mode:
        return domains.predicted_created(request, params["wait"])
    cognito.delete_user_pool_domain(client, pool["Id"], old["Domain"])
    # The old domain stays DELETING for a while, and the pool keeps it until it is gone.
    problem = wait_gone(module, client, old["Domain"])
    if problem:
        module.fail_json(msg="{0}. It was deleted to be replaced by {1!r}, which is not created yet: run the task again to create it".format(
            problem, params["domain"]))
    try:
        problem = create(module, client, request)
    except cognito.AnsibleCognitoError as e:
        problem = str(e)
    if problem:
        restore(module, client, old, problem)
    return cognito.describe_user_pool_domain(client, params["domain"])


def restore(module, client, old, problem):
    """The new domain could not be created after the old one was deleted: create the old one again, and fail."""
    try:
        reason = create(module, client, domains.restore_request(old))
    except cognito.AnsibleCognitoError as e:
        reason = str(e)
    if reason:
        module.fail_json(msg=domains.not_restored_message(problem, old, reason))
    restored = cognito.describe_user_pool_domain(client, old["Domain"]) or old
    module.fail_json(msg=domains.restored_message(problem, old, restored), domain=domains.domain_to_ansible(restored, module.region))


def ensure_updated(module, client, description):
    request, changes = domains.update_request(description, module.params)
    if not changes:
        return False, description
    if "managed_login_version" in changes:
        ensure_tier(module, find_pool(module, client), description)
    # The request carries the described CustomDomainConfig back: nothing botocore dropped from it may be lost.
    module.refuse_reset_of_unknown_members(client, domains.kind(description["Domain"]), description["Domain"], "UpdateUserPoolDomain")
    if module.check_mode:
        return True, domains.predicted_updated(description, request, module.params["wait"])
    cognito.update_user_pool_domain(client, **request)
    return True, cognito.describe_user_pool_domain(client, description["Domain"])


def ensure_present(module, client, description):
    """Returns (changed, before, after) as DescribeUserPoolDomain results.

    ``description`` is the domain, read first (find_domain): when it already
    belongs to the task's pool, the pool itself is read only if its tier
    matters (a change of managed_login_version).  A pending pool (check mode)
    has no domain yet.
    """
    name = module.params["domain"]
    created = create_on_new_pool(module, client) if module.new_user_pool() else None
    if created is not None:
        # The domain is there: when this run did not make it after all (new_user_pool was wrong), it may differ from the task.
        changed, after = True, ensure_updated(module, client, created)[1]
        if module.params["wait"]:
            after = wait_for(module, client, after)
        return changed, None, after
    if module.new_user_pool():
        description = cognito.describe_user_pool_domain(client, name)
    ensure_available(module, module.params["user_pool_id"], description)
    if description and description.get("Status") != domains.DELETING:
        changed, after = ensure_updated(module, client, description)
        before = description
    else:
        pool = find_pool(module, client)
        old_name = domains.current_of_same_kind(pool, name)
        old = cognito.describe_user_pool_domain(client, old_name) if old_name else None
        if old and old.get("Status") == domains.DELETING:
            # Deleted moments ago: the pool keeps it, and AWS its name, until it is gone; then there is no old domain.
            if not module.check_mode:
                fail_on(module, wait_gone(module, client, old["Domain"]))
            old = None
        before = old
        if old and old["Domain"] == name:
            # Another run of the same task gave the pool this domain since it was read: it is the task's domain.
            changed, after = ensure_updated(module, client, old)
        else:
            changed = True
            after = ensure_replaced(module, client, pool, old) if old else ensure_created(module, client, pool)
    if module.params["wait"] and not module.check_mode:
        after = wait_for(module, client, after)
    return changed, before, after


def domain_to_remove(module, pool):
    """The name of the pool's domain that state=absent removes, or None."""
    name = module.params.get("domain")
    names = [item for item in domains.pool_domains(pool) if item]
    if name is not None:
        return name if name in names else None
    if len(names) > 1:
        module.fail_json(msg="user pool {0} has the domains {1}; set domain to the one to remove".format(pool["Id"], " and ".join(names)))
    return names[0] if names else None


def ensure_absent(module, client, pool):
    """Returns (changed, before, after)."""
    if pool is None:
        return False, None, None
    name = domain_to_remove(module, pool)
    if name is None:
        if module.params.get("domain"):
            description = cognito.describe_user_pool_domain(client, module.params["domain"])
            if domains.belongs_to_another_pool(description, pool["Id"]):
                module.warn("{0} {1!r} belongs to user pool {2}, not to {3}; it was left as it is".format(
                    domains.kind(module.params["domain"]), module.params["domain"], description["UserPoolId"], pool["Id"]))
        return False, None, None
    before = cognito.describe_user_pool_domain(client, name) or {"UserPoolId": pool["Id"], "Domain": name}
    # A deleted domain is DELETING for a while, and AWS answers "No such domain" to another delete.
    changed = before.get("Status") != domains.DELETING
    if changed and not module.check_mode:
        changed = cognito.delete_user_pool_domain(client, pool["Id"], name)
    if module.params["wait"] and not module.check_mode:
        fail_on(module, wait_gone(module, client, name))
    return changed, before if changed else None, None


ARGUMENT_SPEC = dict(
    base.PENDING_POOL_OPTIONS,
    domain=dict(type="str"),
    certificate_arn=dict(type="str"),
    managed_login_version=dict(type="int", choices=[1, 2]),
    replace=dict(type="bool", default=False),
    state=base.STATE_OPTION,
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int"),
)


def main():
    module = base.CognitoModule(argument_spec=ARGUMENT_SPEC, required_if=[["state", "present", ["domain"]]])
    validate(module)
    client = module.connect()
    region = module.region

    find = find_pool if module.params["state"] == "absent" else find_domain
    dummy, (changed, before, after) = module.apply_state(client, find, ensure_present, ensure_absent)

    module.exit_json(
        changed=changed,
        domain=domains.domain_to_ansible(after, region),
        diff=transform.diff(domains.domain_to_ansible(before, region), domains.domain_to_ansible(after, region), domains.VOLATILE_FIELDS),
    )


if __name__ == "__main__":
    main()
