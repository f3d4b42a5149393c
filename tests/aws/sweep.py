# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Find and delete the user pools that test runs against AWS left behind.

    ./scripts/sweep-aws                      # dry run: lists what it would delete
    ./scripts/sweep-aws --delete             # deletes it
    ./scripts/sweep-aws --older-than 2h --run-id kc2501011230ab12cd --region us-east-1

A user pool is a test leftover when it carries the tag kaleido-cognito-test
(every pool of ./scripts/test-aws does: it gives run_tags() to the modules
and the kaleido_prep role as their tags; --run-tags prints them) and
was created longer ago than --older-than (default 6h, so that runs still going
on keep their pools; 0 takes any age), and, with --run-id, when the tag's value
is that run id.  Pools are found with ListUserPools, DescribeUserPool (for the
ARN, creation date, domains, deletion protection) and ListTagsForResource.

Deleting a pool: its domains first (DescribeUserPool's Domain and
CustomDomain; DeleteUserPool refuses a pool that has one), waiting until they
are gone; then deletion protection off with an UpdateUserPool that sends the
pool's whole current configuration (UpdateUserPool resets what it is not
sent; the request is the collection's own user_pool.update_request()); then
DeleteUserPool.  The calls go through the collection's service layer
(plugins/module_utils/cognito.py: retries on throttling).

The endpoint is botocore's: AWS, or AWS_ENDPOINT_URL / --endpoint-url (the
emulator, for the tests in tests/unit/test_aws_scripts.py).  Exit status: 0
done (or dry run), 1 a pool could not be deleted, 2 wrong arguments or setup.
"""

import argparse
import datetime
import json
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

# tests.conftest makes the collection importable.
import tests.conftest  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import

import boto3  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool  # noqa: E402  pylint: disable=wrong-import-position

TAG_KEY = "kaleido-cognito-test"
DEFAULT_AGE = "6h"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DOMAIN_GONE_TIMEOUT = 600
POLL_SECONDS = 5


class UsageError(Exception):
    pass


def parse_age(text):
    """Seconds of an age such as 90m, 6h, 2d (0: any age)."""
    match = re.match(r"^(\d+)([smhd]?)$", text.strip())
    if not match or (not match.group(2) and int(match.group(1)) != 0):
        raise UsageError("--older-than: %r is not an age such as 30m, 6h or 2d (units s, m, h, d; 0 for any age)" % text)
    return int(match.group(1)) * UNITS[match.group(2) or "s"]


def describe_age(seconds):
    seconds = int(seconds)
    if seconds >= 86400:
        return "%dd%dh" % (seconds // 86400, seconds % 86400 // 3600)
    if seconds >= 3600:
        return "%dh%02dm" % (seconds // 3600, seconds % 3600 // 60)
    return "%dm%02ds" % (seconds // 60, seconds % 60)


def run_tags(run_id):
    """The tags that mark the user pools of a run: what the sweep finds them by."""
    return {TAG_KEY: run_id}


def connect(region, endpoint_url=None):
    return boto3.session.Session(region_name=region).client("cognito-idp", endpoint_url=endpoint_url, config=cognito.client_config())


def find(client, older_than, run_id=None, now=None):
    """(pools to delete, tagged pools kept for their age), each a list of (pool, tag value, age in seconds)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    found, young = [], []
    for item in cognito.list_user_pools(client):
        pool = cognito.describe_user_pool(client, item["Id"])
        if not pool:
            continue  # deleted meanwhile
        tags = cognito.list_tags_for_resource(client, pool["Arn"])
        if TAG_KEY not in tags or (run_id is not None and tags[TAG_KEY] != run_id):
            continue
        age = (now - pool["CreationDate"]).total_seconds()
        (found if age >= older_than else young).append((pool, tags[TAG_KEY], age))
    return found, young


def domains_of(pool):
    return [name for name in (pool.get("Domain"), pool.get("CustomDomain")) if name]


def delete(client, pool, log=print):
    """Delete a pool's domains, its deletion protection, then the pool."""
    pool_id = pool["Id"]
    for domain in domains_of(pool):
        cognito.delete_user_pool_domain(client, pool_id, domain)
        log("  deleted domain %s" % domain)
    deadline = time.monotonic() + DOMAIN_GONE_TIMEOUT
    while any(cognito.describe_user_pool_domain(client, domain) for domain in domains_of(pool)):
        if time.monotonic() > deadline:
            raise cognito.AnsibleCognitoError(message="domains %s of %s still exist after %d seconds" % (
                ", ".join(domains_of(pool)), pool_id, DOMAIN_GONE_TIMEOUT))
        time.sleep(POLL_SECONDS)
    if pool.get("DeletionProtection") == "ACTIVE":
        current = cognito.describe_user_pool(client, pool_id)
        request, changes = user_pool.update_request(current, {"deletion_protection": False})
        if changes:
            cognito.update_user_pool(client, **request)
            log("  turned deletion protection off")
    cognito.delete_user_pool(client, pool_id)


def describe(pool, run, age):
    notes = ["run %s" % run, "age %s" % describe_age(age)]
    if domains_of(pool):
        notes.append("domains " + ", ".join(domains_of(pool)))
    if pool.get("DeletionProtection") == "ACTIVE":
        notes.append("deletion protection on")
    return "%s %s (%s)" % (pool["Id"], pool.get("Name"), "; ".join(notes))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sweep-aws", description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--older-than", default=DEFAULT_AGE, metavar="AGE",
                        help="only pools created longer ago than this: 30m, 6h, 2d; 0 for any age (default %s)" % DEFAULT_AGE)
    parser.add_argument("--run-id", help="only the pools of this run (the tag's value, e.g. kc2501011230ab12cd)")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
                        help="AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION)")
    parser.add_argument("--endpoint-url", default=None, help="another Cognito endpoint (tests: the emulator); AWS_ENDPOINT_URL works too")
    parser.add_argument("--delete", action="store_true", help="delete them (without it: a dry run that only lists them)")
    parser.add_argument("--run-tags", metavar="RUN_ID", help="print the tags of that run's user pools (JSON) and exit")
    args = parser.parse_args(argv)
    if args.run_tags:
        print(json.dumps(run_tags(args.run_tags)))
        return 0
    try:
        older_than = parse_age(args.older_than)
        if not args.region:
            raise UsageError("no region: pass --region or set AWS_REGION")
        client = connect(args.region, args.endpoint_url)
        found, young = find(client, older_than, args.run_id)
    except UsageError as e:
        print("sweep-aws: %s" % e, file=sys.stderr)
        return 2
    except cognito.AnsibleCognitoError as e:
        print("sweep-aws: %s" % e, file=sys.stderr)
        return 1

    scope = "run %s" % args.run_id if args.run_id else "any run"
    print("sweep-aws: %s, %s, tag %s, older than %s: %d user pool(s); %d younger kept" % (
        args.region, scope, TAG_KEY, args.older_than, len(found), len(young)))
    for pool, run, age in young:
        print("keep (too young): %s" % describe(pool, run, age))
    if not args.delete:
        for pool, run, age in found:
            print("would delete: %s" % describe(pool, run, age))
        print("dry run: nothing deleted (run with --delete to delete %d user pool(s))" % len(found))
        return 0
    failed = 0
    for pool, run, age in found:
        print("deleting: %s" % describe(pool, run, age))
        try:
            delete(client, pool)
        except cognito.AnsibleCognitoError as e:
            failed += 1
            print("  FAILED: %s" % e, file=sys.stderr)
            continue
        print("  deleted user pool %s" % pool["Id"])
    print("deleted %d of %d user pool(s)" % (len(found) - failed, len(found)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
