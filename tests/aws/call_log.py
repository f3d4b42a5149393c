# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Cognito call log of a run against a real AWS account (./scripts/test-aws).

The integration targets and test-aws count the Cognito calls of each step;
the emulator keeps that log itself, AWS does not.  Here it comes from
botocore's client-side monitoring (CSM), which every botocore client has:
with AWS_CSM_ENABLED=true it sends one UDP datagram for each API call it
made (type ``ApiCall``, after any retries, also for calls AWS answered with
an error; not for calls botocore refused before sending them) to
AWS_CSM_HOST:AWS_CSM_PORT.  It only observes: the requests are the ones
users send.

    python tests/aws/call_log.py listen LOG PORT_FILE   # the listener (test-aws starts it)
    python tests/aws/call_log.py take                   # print the calls logged so far, one a line, and empty the log

The listener appends each cognito-idp call to LOG, one a line: the operation,
a tab, the User-Agent (amazon.aws adds ``app/<tag>`` to it when a task sets
``aws_config: {user_agent_extra: app/<tag>}``, which tells apart the runs of
one looped task).  It writes its UDP port to PORT_FILE and exits with its
parent.  Readers call ``take()``, which first sends the listener ``sync``
and waits for its answer: the listener answers once it has written every
datagram that came before, so the log then holds every call made so far.
The log is named by KALEIDO_COGNITO_CALL_LOG, the listener by AWS_CSM_HOST
and AWS_CSM_PORT.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

CALL_LOG = "KALEIDO_COGNITO_CALL_LOG"
SERVICE = "Cognito Identity Provider"  # the service id of cognito-idp, as CSM names it
SYNC = b"sync"
SYNCED = b"synced"
SYNC_TIMEOUT = 30
MAX_DATAGRAM = 65535


def log_line(datagram):
    """The call log's line of a CSM datagram (operation, tab, User-Agent), or None when it is not a Cognito call."""
    try:
        event = json.loads(datagram.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(event, dict) or event.get("Type") != "ApiCall" or event.get("Service") != SERVICE:
        return None
    return "%s\t%s\n" % (event.get("Api"), " ".join(str(event.get("UserAgent") or "").split()))


def listen(log_path, port_file, parent_pid=None):
    """Serve until SIGTERM or until the parent is gone."""
    from tests.emulator import local_server  # pylint: disable=import-outside-toplevel

    local_server.watchdog(parent_pid, label="call log")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    local_server.write_port_file(port_file, sock.getsockname()[1])
    with open(log_path, "a", encoding="utf-8") as log:
        while True:
            datagram, sender = sock.recvfrom(MAX_DATAGRAM)
            if datagram == SYNC:
                sock.sendto(SYNCED, sender)
                continue
            line = log_line(datagram)
            if line:
                log.write(line)
                log.flush()


def sync(environ=None):
    """Wait until the listener has written every call sent to it so far."""
    environ = os.environ if environ is None else environ
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(SYNC_TIMEOUT)
        sock.sendto(SYNC, (environ.get("AWS_CSM_HOST") or "127.0.0.1", int(environ["AWS_CSM_PORT"])))
        if sock.recv(16) != SYNCED:
            raise OSError("the call log listener gave an unexpected answer")


def take(path=None, clear=True):
    """The calls logged so far, each (operation, User-Agent); the log emptied unless clear is false."""
    path = path or os.environ[CALL_LOG]
    sync()
    with open(path, "r+", encoding="utf-8") as log:
        lines = log.read().splitlines()
        if clear:
            log.seek(0)
            log.truncate()
    return [tuple((line.split("\t", 1) + [""])[:2]) for line in lines if line.strip()]


@contextlib.contextmanager
def running(log_path, start_timeout=30):
    """The listener as a subprocess of this process (the tests' way; test-aws starts it itself).

    Yields the environment that makes botocore send its calls to it and the readers take them from log_path.
    """
    port_file = str(log_path) + ".port"
    with subprocess.Popen([sys.executable, os.path.abspath(__file__), "listen", str(log_path), port_file],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as listener:
        try:
            deadline = time.monotonic() + start_timeout
            while not (os.path.exists(port_file) and os.path.getsize(port_file)):
                if listener.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the call log listener did not start: %s" % listener.stdout.read())
                time.sleep(0.05)
            with open(port_file, encoding="utf-8") as handle:
                port = handle.read().strip()
            yield {"AWS_CSM_ENABLED": "true", "AWS_CSM_HOST": "127.0.0.1", "AWS_CSM_PORT": port, CALL_LOG: str(log_path)}
        finally:
            listener.terminate()
            listener.wait(timeout=10)


def main(argv):
    if len(argv) == 4 and argv[1] == "listen":
        return listen(argv[2], argv[3], parent_pid=os.getppid())
    if len(argv) == 2 and argv[1] == "take":
        for operation, dummy in take():
            print(operation)
        return 0
    print("usage: call_log.py listen LOG PORT_FILE | call_log.py take", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
