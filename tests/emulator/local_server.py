# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the local test servers (cognito_emulator.py, fault_proxy.py) share.

Server side, for the program itself: ``serve`` writes the chosen port to a
port file (atomically), stops on SIGTERM / SIGINT, and with a ``watchdog``
exits when its parent is gone or its lifetime is over.

Client side, for tests: ``LocalServerProcess`` starts such a program as a
subprocess on a free port (``--port 0 --port-file``), waits until its health
endpoint answers, sends it JSON requests, and stops it by PID (SIGTERM, then
SIGKILL).  ``control.Emulator`` and ``fault_proxy.FaultProxy`` are its
subclasses.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

# pylint: disable=invalid-name
__metaclass__ = type

START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0
LOG_TAIL = 4000


# ------------------------------------------------------------------ server side

class ServerStop(Exception):
    """Raised by the signal handler to leave serve_forever."""


def _raise_stop(signum, frame):  # pylint: disable=unused-argument
    raise ServerStop()


def write_port_file(path, port):
    """Write ``port`` to ``path`` atomically (a reader never sees a partial file)."""
    tmp = path + ".tmp"
    with open(tmp, "w") as handle:  # pylint: disable=unspecified-encoding
        handle.write("%d\n" % port)
    os.replace(tmp, path)


def watchdog(parent_pid=None, max_lifetime=None, label="server", interval=0.5):
    """SIGTERM this process when its parent (``parent_pid``) is gone or ``max_lifetime`` seconds are over.

    None for either leaves that condition out.
    """
    deadline = None if max_lifetime is None else time.monotonic() + max_lifetime

    def expired():
        return deadline is not None and time.monotonic() >= deadline

    def watch():
        while not expired() and (parent_pid is None or os.getppid() == parent_pid):
            time.sleep(interval)
        if expired():
            sys.stderr.write("%s: lifetime of %s s is over, stopping\n" % (label, max_lifetime))
        os.kill(os.getpid(), signal.SIGTERM)

    if parent_pid is not None or deadline is not None:
        threading.Thread(target=watch, name="watchdog", daemon=True).start()


def serve(server, banner, port_file=None, parent_pid=None, max_lifetime=None, label="server", interval=0.5):
    """Serve ``server`` (a socketserver-like object) until SIGTERM, SIGINT or the watchdog; returns 0.

    Once listening, the port goes to ``port_file`` and ``banner`` to stdout.
    """
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    watchdog(parent_pid, max_lifetime, label=label, interval=interval)
    if port_file:
        write_port_file(port_file, server.server_port)
    sys.stdout.write(banner + "\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except ServerStop:
        pass
    finally:
        server.server_close()
    return 0


# ------------------------------------------------------------------ client side

class LocalServerError(Exception):
    """A local server could not be started or did not answer."""


class LocalServerProcess:
    """A local server program as a subprocess on ``host`` with a free port.

    Subclasses set the class attributes below and implement ``_command``.
    """

    name = "the server"  # in error messages
    error_class = LocalServerError
    health_path = "/"
    workdir_prefix = "local-server-"
    log_name = "server.log"
    start_timeout = START_TIMEOUT
    stop_timeout = STOP_TIMEOUT

    def __init__(self, host="127.0.0.1"):
        self.host = host
        self.pid = None
        self.port = None
        self._process = None
        self._workdir = None
        self._log = None

    def _command(self, port_file):
        """The argv that starts the server, listening on a free port that it writes to ``port_file``."""
        raise NotImplementedError

    def _environment(self):
        """The environment of the server process (None: this process's)."""
        return None

    # ----------------------------------------------------------- lifecycle
    def __enter__(self):
        return self.start()

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
            raise self.error_class("%s is not started" % self.name)
        return "http://%s:%d" % (self.host, self.port)

    def start(self):
        """Launch the server and wait until it answers (at most start_timeout seconds)."""
        if self.running:
            return self
        self._workdir = tempfile.mkdtemp(prefix=self.workdir_prefix)
        port_file = os.path.join(self._workdir, "port")
        self._log = open(os.path.join(self._workdir, self.log_name), "wb")  # pylint: disable=consider-using-with
        try:
            self._process = subprocess.Popen(  # pylint: disable=consider-using-with
                self._command(port_file), stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self._environment())
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
                raise self.error_class("%s exited with %s: %s" % (self.name, self._process.returncode, self.log_text()))
            if self.port is None and os.path.exists(port_file):
                with open(port_file) as handle:  # pylint: disable=unspecified-encoding
                    text = handle.read().strip()
                if text:
                    self.port = int(text)
            if self.port is not None:
                try:
                    self._request("GET", self.health_path, timeout=2)
                    return
                except (OSError, self.error_class):
                    pass
            time.sleep(0.05)
        raise self.error_class("%s did not answer within %s s: %s" % (self.name, self.start_timeout, self.log_text()))

    def log_text(self):
        """What the server wrote to stdout/stderr so far (the last 4000 characters)."""
        if not self._workdir:
            return ""
        path = os.path.join(self._workdir, self.log_name)
        if not os.path.exists(path):
            return ""
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")[-LOG_TAIL:]

    def stop(self):
        """SIGTERM the server by PID, SIGKILL it after stop_timeout seconds, and reap it."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            try:
                os.kill(process.pid, signal.SIGTERM)
                process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                process.wait()
        elif process is not None:
            process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._workdir:
            for name in ("port", "port.tmp", self.log_name):
                path = os.path.join(self._workdir, name)
                if os.path.exists(path):
                    os.remove(path)
            os.rmdir(self._workdir)
            self._workdir = None
        self.pid = None
        self.port = None

    # ----------------------------------------------------------- requests
    def _request(self, method, path, payload=None, timeout=10):
        """Send ``payload`` as JSON to ``path``; the JSON answer ({} for an empty one)."""
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.endpoint_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec - local test server
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise self.error_class("%s %s: %s %s" % (method, path, exc.code, exc.read().decode("utf-8", "replace")))
        return json.loads(body.decode("utf-8")) if body.strip() else {}
