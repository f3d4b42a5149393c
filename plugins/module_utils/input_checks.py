# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of task input shared by the modules, as pure functions (internal use only).

Each returns a message naming the option, or None / an empty list, without
any AWS call, so that a module refuses the input before it reads or writes
anything.  Patterns are matched against the whole value (``re.fullmatch``):
``^...$`` with ``re.match`` would let a trailing newline through.
"""

import re

# C0 and C1 control characters and DEL: never part of a Cognito name or id.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# botocore UserPoolIdType; the part before "_" is the pool's region.
POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
# botocore UserPoolNameType (CreateUserPool PoolName): 1 to 128 characters of [\w\s+=,.@-].
POOL_NAME = re.compile(r"[\w\s+=,.@-]{1,128}")
# botocore ClientIdType.
CLIENT_ID = re.compile(r"[\w+]{1,128}")
# An AWS region name such as us-east-2 or ap-southeast-1 (the kaleido_prep role checks kaleido_prep_region with it).
REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]+")
# Tags (TagResource / UserPoolTags): keys of 1 to 128 characters that do not
# start with the reserved "aws:", values of at most 256 characters.
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
RESERVED_TAG_PREFIX = "aws:"


def control_character_problem(option, value):
    """A message when ``value`` contains a control character such as a newline, tab, NUL or escape, else None."""
    match = CONTROL_CHARACTER.search(value)
    if not match:
        return None
    return "{0} must not contain control characters, got {1!r} (the character {2!r} at position {3})".format(
        option, value, match.group(0), match.start()
    )


def pool_id_problem(option, pool_id, region, region_source="the region option or AWS_REGION"):
    """A message when ``pool_id`` is not a user pool id, or is the id of a pool of another region than ``region``.

    ``region_source`` says where ``region`` came from, for the message.
    """
    if not POOL_ID.fullmatch(pool_id):
        return "{0} must look like <region>_<id>, for example us-east-1_AbCdEfGhI, got {1!r}".format(option, pool_id)
    pool_region = pool_id.split("_", 1)[0]
    if region and pool_region != region:
        return (
            "{0} {1} is the id of a user pool in the region {2}, and the task runs in {3} ({4});"
            " use the pool's region or the id of a pool in {3}".format(option, pool_id, pool_region, region, region_source)
        )
    return None


def name_problem(option, name):
    """A message when ``name`` is not a user pool or app client name AWS accepts, else None.

    botocore's ClientNameType is the same pattern and length as UserPoolNameType.
    """
    problem = control_character_problem(option, name)
    if problem:
        return problem
    if not POOL_NAME.fullmatch(name):
        return "{0} must be 1 to 128 letters, digits, spaces or +=,.@-_ characters, got {1!r}".format(option, name)
    return None


def client_id_problem(option, client_id):
    """A message when ``client_id`` is not an app client id AWS accepts, else None."""
    if CLIENT_ID.fullmatch(client_id):
        return None
    return "{0} must be 1 to 128 letters, digits or + characters, got {1!r}".format(option, client_id)


def region_problem(option, region):
    """A message when ``region`` is not an AWS region name, else None."""
    if REGION.fullmatch(region):
        return None
    return "{0} {1!r} is not an AWS region name such as us-east-2".format(option, region)


def tag_problems(option, tags):
    """Messages for tags AWS would refuse."""
    problems = []
    for key, value in sorted((tags or {}).items(), key=lambda item: str(item[0])):
        key = str(key)
        value = "" if value is None else str(value)
        if not 1 <= len(key) <= TAG_KEY_MAX:
            problems.append("{0}: the key {1!r} must be 1 to {2} characters".format(option, key, TAG_KEY_MAX))
        if key.lower().startswith(RESERVED_TAG_PREFIX):
            problems.append("{0}: the key {1!r} starts with {2!r}, which AWS reserves for its own tags".format(option, key, RESERVED_TAG_PREFIX))
        if len(value) > TAG_VALUE_MAX:
            problems.append("{0}: the value of {1!r} must be at most {2} characters, got {3}".format(option, key, TAG_VALUE_MAX, len(value)))
        for text in (key, value):
            problem = control_character_problem(option, text)
            if problem:
                problems.append(problem)
    return problems
