# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only botocore hook for runs against a real AWS account (./scripts/test-aws).

Loaded in every Python process of such a run by tests/aws/sitecustomize.py
(scripts/test-aws puts tests/aws on PYTHONPATH; ansible-playbook, molecule and
every Ansible module they start are child processes that inherit it), and only
when KALEIDO_COGNITO_AWS_TESTS=1.  It registers botocore event handlers on
every botocore session for cognito-idp:

* The run's tag.  Every user pool of the run must carry the tag
  ``kaleido-cognito-test=<run id>`` (KALEIDO_TEST_RUN_ID), so that the cleanup
  at the end of the run, and ./scripts/sweep-aws for runs that died, find it.
  The integration targets set, add and purge tags and assert the exact tag
  dictionary a pool ends with, and the modules purge tags a task does not
  name.  So the tag is invisible to everything above botocore:

  - CreateUserPool: the tag is added to UserPoolTags;
  - UpdateUserPool with UserPoolTags: the tag is added to them (the request
    carries the whole tag set, which the caller read without the tag);
  - UpdateUserPool without UserPoolTags is sent as it is, since whether AWS
    then keeps the tags is what the run should find out (the modules put back
    tags they see dropped); if the next DescribeUserPool of that pool in the
    same process shows the run's tag gone, the hook tags the pool again with a
    client of its own (not logged, not seen by the caller);
  - TagResource / UntagResource: the tag's key is dropped from Tags / TagKeys
    (a call left with nothing to do is answered here and not sent);
  - CreateUserPool, DescribeUserPool, ListTagsForResource: the tag is removed
    from the parsed answer (UserPool.UserPoolTags, Tags).

* The call log.  The integration targets count the Cognito calls of a run
  (``emulator_api: call: calls``, the ``emulator_calls`` lookup); the emulator
  keeps that log itself.  Here every cognito-idp operation sent is appended,
  one a line (its name, a tab, its User-Agent header, as the emulator
  records them), to the file named by KALEIDO_COGNITO_CALL_LOG, and those two
  test helpers read that file instead when the variable is set.  A call is
  logged once however often botocore sends it (``before-call``, which runs
  after parameter validation: a call refused by botocore is not logged, as it
  never reaches the emulator either).

The endpoint is whatever botocore is configured with, so the unit tests
(tests/unit/test_aws_scripts.py) run these handlers against the emulator.
"""

import os
import sys

TAG_KEY = "kaleido-cognito-test"
SERVICE = "cognito-identity-provider"  # botocore's event name of cognito-idp (hyphenized service id)
FLAG = "KALEIDO_COGNITO_AWS_TESTS"
RUN_ID = "KALEIDO_TEST_RUN_ID"
CALL_LOG = "KALEIDO_COGNITO_CALL_LOG"
# Set in the context of a call this hook answers itself (nothing left to send).
_SKIP = "kaleido_cognito_test_skip"
# Pools sent an UpdateUserPool without UserPoolTags by this process: their next
# DescribeUserPool checks that the run's tag is still there.
_UPDATED_WITHOUT_TAGS = set()


def run_id():
    """The tag's value: the run id of scripts/test-aws."""
    return os.environ.get(RUN_ID) or "unknown-run"


def _add_tag(params, **kwargs):
    tags = dict(params.get("UserPoolTags") or {})
    tags[TAG_KEY] = run_id()
    params["UserPoolTags"] = tags


def _add_tag_if_tags_sent(params, **kwargs):
    if "UserPoolTags" in params:
        _add_tag(params)
    elif params.get("UserPoolId"):
        _UPDATED_WITHOUT_TAGS.add(params["UserPoolId"])


def _retag(pool, region):
    """Tag a pool with the run's tag again, with a client that has none of these handlers."""
    import botocore.session  # pylint: disable=import-outside-toplevel

    session = botocore.session.Session()
    for event, handler in HANDLERS:
        session.unregister(event, handler, unique_id=_unique_id(event, handler))
    client = session.create_client("cognito-idp", region_name=region)
    client.tag_resource(ResourceArn=pool["Arn"], Tags={TAG_KEY: run_id()})


def _check_tag_after_update(parsed, context, **kwargs):
    pool = parsed.get("UserPool") if isinstance(parsed, dict) else None
    if not isinstance(pool, dict) or pool.get("Id") not in _UPDATED_WITHOUT_TAGS:
        return
    _UPDATED_WITHOUT_TAGS.discard(pool["Id"])
    if TAG_KEY not in (pool.get("UserPoolTags") or {}) and pool.get("Arn"):
        _retag(pool, context.get("client_region"))
        sys.stderr.write("kaleido-cognito test hook: UpdateUserPool without UserPoolTags dropped the tag %s of %s; tagged again\n"
                         % (TAG_KEY, pool["Id"]))


def _drop_tag_from_tag_resource(params, context, **kwargs):
    tags = params.get("Tags")
    if isinstance(tags, dict) and TAG_KEY in tags:
        params["Tags"] = {key: value for key, value in tags.items() if key != TAG_KEY}
        if not params["Tags"]:
            context[_SKIP] = True


def _drop_tag_from_untag_resource(params, context, **kwargs):
    keys = params.get("TagKeys")
    if isinstance(keys, list) and TAG_KEY in keys:
        params["TagKeys"] = [key for key in keys if key != TAG_KEY]
        if not params["TagKeys"]:
            context[_SKIP] = True


def _hide_pool_tag(parsed, **kwargs):
    pool = parsed.get("UserPool") if isinstance(parsed, dict) else None
    if isinstance(pool, dict) and isinstance(pool.get("UserPoolTags"), dict):
        pool["UserPoolTags"].pop(TAG_KEY, None)


def _hide_listed_tag(parsed, **kwargs):
    tags = parsed.get("Tags") if isinstance(parsed, dict) else None
    if isinstance(tags, dict):
        tags.pop(TAG_KEY, None)


class _Answered:
    """The HTTP response of a call this hook answered without sending it."""

    status_code = 200
    headers = {}
    content = b"{}"
    text = "{}"


def _before_call(model, context, params=None, **kwargs):
    if context.get(_SKIP):
        return _Answered(), {"ResponseMetadata": {"HTTPStatusCode": 200, "HTTPHeaders": {}}}
    path = os.environ.get(CALL_LOG)
    if path:
        # The User-Agent tells apart the runs of one looped task (tests/integration/lookup_plugins/emulator_calls.py).
        user_agent = " ".join(str(((params or {}).get("headers") or {}).get("User-Agent") or "").split())
        with open(path, "a", encoding="utf-8") as log:
            log.write(model.name + "\t" + user_agent + "\n")
    return None


HANDLERS = (
    ("before-parameter-build.%s.CreateUserPool" % SERVICE, _add_tag),
    ("before-parameter-build.%s.UpdateUserPool" % SERVICE, _add_tag_if_tags_sent),
    ("before-parameter-build.%s.TagResource" % SERVICE, _drop_tag_from_tag_resource),
    ("before-parameter-build.%s.UntagResource" % SERVICE, _drop_tag_from_untag_resource),
    ("before-call.%s" % SERVICE, _before_call),
    ("after-call.%s.CreateUserPool" % SERVICE, _hide_pool_tag),
    ("after-call.%s.DescribeUserPool" % SERVICE, _check_tag_after_update),
    ("after-call.%s.DescribeUserPool" % SERVICE, _hide_pool_tag),
    ("after-call.%s.ListTagsForResource" % SERVICE, _hide_listed_tag),
)


def _unique_id(event, handler):
    return "kaleido-cognito-test:%s:%s" % (event, handler.__name__)


def register(session):
    """Register the handlers on a botocore session (clients created from it afterwards have them)."""
    for event, handler in HANDLERS:
        session.register(event, handler, unique_id=_unique_id(event, handler))
    return session


def install():
    """Register the handlers on every botocore session created from now on, in this process."""
    import botocore.session  # pylint: disable=import-outside-toplevel

    session_class = botocore.session.Session
    if getattr(session_class, "kaleido_cognito_test_hook", False):
        return
    original_init = session_class.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        register(self)

    session_class.__init__ = __init__
    # scripts/sweep-aws refuses to run with the hook installed: it would hide the tag it looks for.
    session_class.kaleido_cognito_test_hook = True


def install_from_environment():
    """install() when KALEIDO_COGNITO_AWS_TESTS=1 and botocore is importable; otherwise nothing."""
    if os.environ.get(FLAG) != "1":
        return False
    try:
        install()
    except ImportError:
        return False  # a Python without botocore (e.g. a tool's own venv) makes no AWS call
    if not os.environ.get(RUN_ID):
        sys.stderr.write("kaleido-cognito test hook: %s is not set; user pools are tagged %s=unknown-run\n" % (RUN_ID, TAG_KEY))
    return True
