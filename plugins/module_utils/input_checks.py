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
import unicodedata

from urllib.parse import urlsplit

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

# Callback, sign-out and default redirect URLs (botocore RedirectUrlType: 1 to
# 1024 letters, marks, symbols, numbers or punctuation).
REDIRECT_URL_MAX = 1024
# http is accepted only for these hosts (botocore doc of CallbackURLs).
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# Schemes refused although AWS takes any absolute URL: after sign-in the browser
# is sent to the URL with the authorization code or tokens, and with these it
# runs script of the URL's author (javascript, vbscript), shows a page made of
# the URL itself (data), or opens local or browser-internal content (file,
# about, blob, filesystem, view-source, jar, mhtml, ms-its).  An app's own
# scheme such as myapp:// stays accepted, as AWS documents.
UNSAFE_SCHEMES = ("about", "blob", "data", "file", "filesystem", "jar", "javascript", "mhtml", "ms-its", "vbscript", "view-source")


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


# CreateSecret Name (AWS Secrets Manager API reference): 1 to 512 ASCII
# letters, digits and /_+=.@- characters.
SECRET_NAME = re.compile(r"[A-Za-z0-9/_+=.@-]{1,512}")
# DeleteSecret RecoveryWindowInDays: 7 to 30 days; 0 here means
# ForceDeleteWithoutRecovery, as community.aws.secretsmanager_secret's recovery_window.
RECOVERY_WINDOW_DAYS = (7, 30)


def secret_name_problem(option, name):
    """A message when ``name`` is not an AWS Secrets Manager secret name, else None."""
    if SECRET_NAME.fullmatch(name):
        return None
    return "{0} must be 1 to 512 letters, digits or /_+=.@- characters (an AWS Secrets Manager secret name), got {1!r}".format(option, name)


def recovery_window_problem(option, days):
    """A message when ``days`` is neither 0 (no recovery) nor a recovery window AWS Secrets Manager accepts, else None."""
    low, high = RECOVERY_WINDOW_DAYS
    if days == 0 or low <= days <= high:
        return None
    return "{0} must be 0 (delete at once) or {1} to {2} days, got {3}".format(option, low, high, days)


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


def _redirect_url_character_problem(url):
    """Why a character of ``url`` is not one RedirectUrlType allows, or None."""
    for position, character in enumerate(url):
        category = unicodedata.category(character)
        if category[0] in "LMSNP":
            continue
        if CONTROL_CHARACTER.match(character):
            return "contains a control character ({0!r} at position {1})".format(character, position)
        if category[0] == "Z" or character.isspace():
            return "contains white space (at position {0})".format(position)
        return "contains the invisible character U+{0:04X} (at position {1})".format(ord(character), position)
    return None


def _redirect_url_reason(url):
    """Why ``url`` is refused as a redirect URL, or None."""
    if len(url) > REDIRECT_URL_MAX:
        return "is longer than {0} characters".format(REDIRECT_URL_MAX)
    problem = _redirect_url_character_problem(url)
    if problem:
        return problem
    if "\\" in url:
        # Browsers read a backslash as "/" in http(s) URLs, Python's urllib does
        # not: in http://evil.example\@localhost/cb a browser goes to evil.example.
        return "contains a backslash, which browsers read as / so that they may go to another host than the one checked; write / or %5C"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as e:
        return "is not a valid URL ({0})".format(e)
    scheme = parts.scheme.lower()
    if scheme in UNSAFE_SCHEMES:
        return (
            "uses the scheme {0}:, which makes the browser run script or open local content with the sign-in's code or tokens;"
            " use https, http for localhost, or an app's own scheme such as myapp://".format(scheme)
        )
    if "#" in url:
        return "has a fragment (#...), which redirect URLs must not have"
    if not scheme or "://" not in url:
        return "is not an absolute URL (scheme://...)"
    if "@" in parts.netloc:
        return "has user info (user@ or user:password@ before the host), which hides the host the browser goes to; remove it"
    if scheme in ("http", "https") and not host:
        return "has no host"
    if scheme == "http" and host not in LOCAL_HOSTS:
        return "uses http, which AWS accepts only for localhost, 127.0.0.1 and [::1]; use https"
    return None


def _password_hidden(url):
    """``url`` with the password of its user info, if it has one, replaced by ********."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return url
    user_info, at, host = netloc.rpartition("@")
    if not at or ":" not in user_info:
        return url
    return url.replace(netloc, user_info.split(":", 1)[0] + ":********@" + host, 1)


def redirect_url_problem(option, url):
    """A message naming ``option`` and ``url`` when ``url`` is refused as a callback, sign-out or default redirect URL, else None.

    Refused: what AWS refuses (not absolute, a fragment, http to a host other
    than localhost, 127.0.0.1 and [::1], over 1024 characters, characters
    other than letters, marks, symbols, numbers and punctuation), and what
    would send the browser elsewhere than it seems: a scheme of UNSAFE_SCHEMES,
    a backslash, user info before the host.  A password in the URL is not
    repeated in the message.
    """
    reason = _redirect_url_reason(url)
    if reason is None:
        return None
    return "{0}: {1!r} {2}".format(option, _password_hidden(url), reason)
