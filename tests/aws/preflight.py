# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Are AWS credentials available?  (./scripts/test-aws, before it creates anything.)

    python tests/aws/preflight.py REGION

Looks for credentials the way boto3 does (environment, AWS_PROFILE and the
shared files, SSO, container and instance roles) without any AWS call; when it
finds some, asks STS GetCallerIdentity (the boto3 equivalent of
``aws sts get-caller-identity``) whether they work.  Prints the account and the
identity and exits 0, or says what is missing and exits 3 (no credentials) or 4
(credentials that STS refuses).
"""

import sys

import boto3
import botocore.exceptions

HOW = ("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), "
       "or AWS_PROFILE naming a profile of ~/.aws/credentials or ~/.aws/config")


def main(argv):
    region = argv[1] if len(argv) > 1 else "us-east-1"
    session = boto3.session.Session(region_name=region)
    try:
        credentials = session.get_credentials()
    except botocore.exceptions.BotoCoreError as e:
        print("no usable AWS credentials (%s): %s" % (e, HOW), file=sys.stderr)
        return 3
    if credentials is None:
        print("no AWS credentials found: %s" % HOW, file=sys.stderr)
        return 3
    try:
        identity = session.client("sts").get_caller_identity()
    except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
        print("AWS credentials found (%s) but STS GetCallerIdentity failed: %s; %s" % (credentials.method, e, HOW), file=sys.stderr)
        return 4
    print("AWS account %s, identity %s (credentials: %s)" % (identity["Account"], identity["Arn"], credentials.method))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
