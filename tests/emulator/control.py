# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start, query and stop the Cognito emulator (cognito_emulator.py) from tests.

    with Emulator() as emu:
        client = emu.client()
        client.create_user_pool(PoolName="p")
        assert emu.write_calls() == ["CreateUserPool"]

``client(account="111122223333")`` returns a client whose requests moto files
under that AWS account: the emulator's STS AssumeRole hands out credentials for
a role ARN in that account, and moto maps those credentials to the account.
``credentials(account)`` returns such credentials (e.g. for AWS_* environment
variables of an Ansible run).  A full ``reset()`` forgets them; ask again.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# pylint: disable=invalid-name
__metaclass__ = type

REGION = "us-east-1"
DUMMY_CREDENTIALS = {
    "aws_access_key_id": "AKIAEMULATOR00000000",
    "aws_secret_access_key": "emulator-secret-key",
    "aws_session_token": None,
}
EMULATOR_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cognito_emulator.py")
START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0
READ_PREFIXES = ("Describe", "List", "Get")


class EmulatorError(Exception):
    """The emulator could not be started or did not answer."""


class Emulator:
    """A Cognito emulator subprocess on 127.0.0.1 with a free port.

    raw_moto=True starts unpatched moto behind the same control endpoints.
    """

    def __init__(self, host="127.0.0.1", start_timeout=START_TIMEOUT, raw_moto=False):
        self.host = host
        self.raw_moto = raw_moto
        self.start_timeout = start_timeout
        self.pid = None
        self.port = None
        self._process = None
        self._workdir = None
        self._log = None

    # ----------------------------------------------------------- lifecycle
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def running(self):
        """True while the subprocess is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def endpoint_url(self):
        """http://127.0.0.1:PORT"""
        if self.port is None:
            raise EmulatorError("the emulator is not started")
        return "http://%s:%d" % (self.host, self.port)

    def start(self):
        """Launch the emulator and wait until it answers (at most start_timeout seconds)."""
        if self.running:
            return self
        self._workdir = tempfile.mkdtemp(prefix="cognito-emulator-")
        port_file = os.path.join(self._workdir, "port")
        env = dict(os.environ)
        # MOTO_ACCOUNT_ID would pin every request to one account.
        env.pop("MOTO_ACCOUNT_ID", None)
        self._log = open(os.path.join(self._workdir, "emulator.log"), "wb")  # pylint: disable=consider-using-with
        try:
            self._process = subprocess.Popen(  # pylint: disable=consider-using-with
                [sys.executable, EMULATOR_SCRIPT, "--host", self.host, "--port", "0", "--port-file", port_file,
                 "--exit-with-parent"]
                + (["--raw-moto"] if self.raw_moto else []),
                stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
            self.pid = self._process.pid
            self._wait_ready(port_file)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, port_file):
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmulatorError("the emulator exited with %s: %s" % (self._process.returncode, self.log_text()))
            if self.port is None and os.path.exists(port_file):
                with open(port_file) as handle:  # pylint: disable=unspecified-encoding
                    text = handle.read().strip()
                if text:
                    self.port = int(text)
            if self.port is not None:
                try:
                    self._request("GET", "/_emulator/health", timeout=2)
                    return
                except (OSError, EmulatorError):
                    pass
            time.sleep(0.05)
        raise EmulatorError("the emulator did not answer within %s s: %s" % (self.start_timeout, self.log_text()))

    def log_text(self):
        """What the emulator wrote to stdout/stderr so far."""
        if not self._workdir:
            return ""
        path = os.path.join(self._workdir, "emulator.log")
        if not os.path.exists(path):
            return ""
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")[-4000:]

    def stop(self):
        """SIGTERM the emulator by PID, SIGKILL it after STOP_TIMEOUT seconds, and reap it."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                try:
                    os.kill(process.pid, signal.SIGTERM)
                    process.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait()
                except ProcessLookupError:
                    process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._workdir:
            for name in ("port", "port.tmp", "emulator.log"):
                path = os.path.join(self._workdir, name)
                if os.path.exists(path):
                    os.remove(path)
            os.rmdir(self._workdir)
            self._workdir = None
        self.pid = None
        self.port = None

    # ----------------------------------------------------------- requests
    def _request(self, method, path, payload=None, timeout=10):
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.endpoint_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec - local emulator
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise EmulatorError("%s %s: %s %s" % (method, path, exc.code, exc.read().decode("utf-8", "replace")))
        return json.loads(body.decode("utf-8")) if body.strip() else {}

    def calls(self):
        """Names of the cognito-idp operations received since the last reset, in order."""
        return self._request("GET", "/_emulator/calls")["calls"]

    def write_calls(self):
        """calls() without the Describe*, List* and Get* operations."""
        return [name for name in self.calls() if not name.startswith(READ_PREFIXES)]

    def reset_calls(self):
        """Forget the recorded calls."""
        self._request("POST", "/_emulator/calls/reset")

    def configure(self, **knobs):
        """Set emulator knobs (e.g. domain_creating_seconds=2); returns the whole configuration."""
        return self._request("POST", "/_emulator/config", knobs)["config"]

    def reset(self):
        """Reset all AWS state (moto's /moto-api/reset), the call log and the knobs."""
        self._request("POST", "/moto-api/reset")
        self._request("POST", "/_emulator/reset")

    # ------------------------------------------------------------ clients
    def credentials(self, account=None):
        """boto3 credential arguments; for another account, STS AssumeRole credentials of a role there."""
        if account is None:
            return dict(DUMMY_CREDENTIALS)
        import boto3  # pylint: disable=import-outside-toplevel
        sts = boto3.client("sts", region_name=REGION, endpoint_url=self.endpoint_url, **DUMMY_CREDENTIALS)
        role = sts.assume_role(RoleArn="arn:aws:iam::%s:role/cognito-emulator" % account, RoleSessionName="emulator")
        creds = role["Credentials"]
        return {
            "aws_access_key_id": creds["AccessKeyId"],
            "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"],
        }

    def client(self, account=None, region=REGION):
        """A boto3 cognito-idp client for the emulator (default account 123456789012 or ``account``)."""
        import boto3  # pylint: disable=import-outside-toplevel
        return boto3.client("cognito-idp", region_name=region, endpoint_url=self.endpoint_url, **self.credentials(account))
