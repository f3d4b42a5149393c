# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration targets in the mode of scripts/test-aws, against the emulator.

test-aws refuses the emulator, so its plumbing is checked here with the
environment it gives ansible-playbook: KALEIDO_COGNITO_AWS_TESTS=1 (the
targets skip the emulator-only task files), the run's tags in
KALEIDO_TEST_RUN_TAGS (run_target.yml gives them to cognito_user_pool's
creation_defaults through module_defaults; the targets name them in the tags
they set and in the pools they create with emulator_api), nothing on
PYTHONPATH, and the call log of tests/aws/call_log.py (botocore's client-side
monitoring, AWS_CSM_*), read by emulator_api and the emulator_calls lookup
instead of the emulator's.

A recording proxy between Ansible and the emulator sees every request: each
CreateUserPool carries the run's tag and a name that starts with kt<run id>,
and each pool still carries the tag when the target deletes it, so the
cleanup of test-aws would have found it.
"""

import http.client
import json
import os
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer

import pytest

from tests.aws import call_log as aws_call_log

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_ID = "kcmode1"  # no reserved word (aws, amazon, cognito): it is in domain prefixes
RUN_TAGS = {"kaleido-cognito-test": RUN_ID}


class RecordingProxy(ThreadingHTTPServer):
    """Forwards every request to the emulator; records CreateUserPool requests and each pool's tags when it is deleted."""

    daemon_threads = True

    def __init__(self, emulator):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.emulator = emulator
        self.upstream = urllib.parse.urlparse(emulator.endpoint_url)
        self.created = []  # CreateUserPool request bodies
        self.deleted = {}  # pool id: its tags just before DeleteUserPool
        self.lock = threading.Lock()
        self.url = "http://127.0.0.1:%d" % self.server_port


class RecordingHandler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def do_GET(self):  # pylint: disable=invalid-name
        self.forward("GET", b"")

    def do_POST(self):  # pylint: disable=invalid-name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        operation = (self.headers.get("X-Amz-Target") or "").rpartition(".")[2]
        if operation == "CreateUserPool":
            with self.server.lock:
                self.server.created.append(json.loads(body))
        elif operation == "DeleteUserPool":
            pool_id = json.loads(body)["UserPoolId"]
            raw = self.server.emulator.client()
            try:
                tags = raw.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("UserPoolTags", {})
            except raw.exceptions.ResourceNotFoundException:
                tags = None  # a pool that is not there: the emulator answers the delete
            if tags is not None:
                with self.server.lock:
                    self.server.deleted[pool_id] = tags
        self.forward("POST", body)

    def forward(self, method, body):
        upstream = self.server.upstream
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "connection")}
        connection.request(method, self.path, body=body or None, headers=headers)
        answer = connection.getresponse()
        content = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)
        connection.close()


@pytest.fixture
def recording_proxy(emulator):
    proxy = RecordingProxy(emulator)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield proxy
    proxy.shutdown()
    proxy.server_close()


@pytest.fixture
def call_log(tmp_path):
    """tests/aws/call_log.py listening, as in test-aws: the environment that points botocore and the readers to it."""
    log = tmp_path / "calls.log"
    log.write_text("")
    with aws_call_log.running(log) as env:
        yield env


@pytest.mark.integration
@pytest.mark.parametrize("target", ["cognito_user_pool", "cognito_domain", "cognito_info"])
def test_target_passes_in_aws_mode_and_tags_every_pool_it_creates(target, emulator, run_playbook, recording_proxy, call_log):
    emulator.reset()
    env = dict(call_log, KALEIDO_COGNITO_AWS_TESTS="1", KALEIDO_TEST_RUN_ID=RUN_ID, KALEIDO_TEST_RUN_TAGS=json.dumps(RUN_TAGS),
               AWS_ENDPOINT_URL=recording_proxy.url, PYTHONPATH="")
    result = run_playbook(os.path.join(HERE, "run_target.yml"), extra_vars={"target": target}, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]
    assert "failed=0" in result.stdout
    if target == "cognito_domain":
        # The emulator-only task files were skipped (their include lines say when: not kaleido_on_aws).
        for task in ("Waiting for the domain to become active", "A custom domain", "Create a pool in another account"):
            assert re.search(r"TASK \[cognito_domain : %s\] \**\nskipping: \[localhost\]" % re.escape(task), result.stdout), task
    # Every pool was created with the run's tag and a name of the run, and still had the tag when it was deleted.
    created = recording_proxy.created
    assert created
    assert [request["PoolName"] for request in created if not request["PoolName"].startswith("kt" + RUN_ID + "-")] == []
    assert [request for request in created if request.get("UserPoolTags", {}).get("kaleido-cognito-test") != RUN_ID] == []
    assert len(recording_proxy.deleted) == len(created)
    assert {pool: tags for pool, tags in recording_proxy.deleted.items() if tags.get("kaleido-cognito-test") != RUN_ID} == {}
    # The targets tore down everything they made, and counted their calls in the call log: none reset the emulator's.
    assert emulator.client().list_user_pools(MaxResults=60)["UserPools"] == []
    assert emulator.calls().count("CreateUserPool") == len(created)
