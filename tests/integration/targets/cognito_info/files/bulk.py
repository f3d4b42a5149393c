# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test helper of the cognito_info target: create or delete many user pools or app clients in one process.

One boto3 process instead of a module run per resource keeps the target fast.
Uses the endpoint and credentials of the environment (AWS_ENDPOINT_URL: the
emulator).  Prints the ids it created, as JSON.

    bulk.py pools <name prefix> <count>
    bulk.py clients <user pool id> <name prefix> <count>
    bulk.py delete-pools <user pool id>...
"""

import json
import sys

import boto3


def main(argv):
    cognito = boto3.client("cognito-idp")
    action, args = argv[1], argv[2:]
    ids = []
    if action == "pools":
        prefix, count = args[0], int(args[1])
        for index in range(count):
            ids.append(cognito.create_user_pool(PoolName="{0}-{1:03d}".format(prefix, index))["UserPool"]["Id"])
    elif action == "clients":
        pool_id, prefix, count = args[0], args[1], int(args[2])
        for index in range(count):
            created = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="{0}-{1:03d}".format(prefix, index))
            ids.append(created["UserPoolClient"]["ClientId"])
    elif action == "delete-pools":
        for pool_id in args:
            cognito.delete_user_pool(UserPoolId=pool_id)
            ids.append(pool_id)
    else:
        raise SystemExit("unknown action {0!r}".format(action))
    print(json.dumps(ids))


if __name__ == "__main__":
    main(sys.argv)
