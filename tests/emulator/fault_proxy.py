# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fault-injecting HTTP proxy on 127.0.0.1 in front of the Cognito emulator.

Cognito's request-rate quotas are low (about 15 requests per second per
category, 5 per operation per pool), so throttling is normal weather for a
collection that AWX runs in many jobs side by side.  This proxy forwards every
request to the emulator and answers a chosen share of the cognito-idp
operations (named by the X-Amz-Target header) with a fault instead:

* ``throttle``: 400 ``TooManyRequestsException`` (what Cognito answers when a
  request-rate quota is exceeded; Cognito API reference, Common errors);
* ``throttling``: 400 ``ThrottlingException`` (the generic AWS throttling error);
* ``internal_error``: 500 ``InternalErrorException`` with its JSON body;
* ``500`` and ``503``: a bare HTTP 500 / 503 with a non-JSON body, as a load
  balancer sends it (botocore then reports the numeric status as the code);
* ``drop_before``: read the request, close the connection, forward nothing;
* ``drop_after``: forward the request, let the emulator carry it out, then
  close the connection without an answer (the caller cannot know it happened);
* ``error`` (``once`` rules only): 400 with the AWS error code of the rule's
  ``code`` (e.g. a non-retryable InvalidParameterException).

Control endpoints (JSON)::

    POST /_faults/config   {"seed": 7,
                            "rules": {"*": {"throttle": 0.15, "503": 0.05},
                                      "CreateUserPool": {"drop_after": 0.5}},
                            "once": [{"operation": "CreateUserPoolClient", "call": 1,
                                      "kind": "error", "code": "InvalidParameterException"}],
                            "max_faults": 500}
    GET  /_faults/config
    GET  /_faults/stats    {"requests": n, "faulted": n, "by_kind": {...},
                            "operations": {op: {"requests": n, "faulted": {kind: n}}}}
    POST /_faults/reset    no rules, counters cleared
    GET  /_faults/health

``rules`` give each operation (or ``*``: every operation without its own
entry) shares (0..1, at most 1 in total) of fault kinds.  One random number is
drawn per cognito-idp request, in order of arrival, from a generator seeded
with ``seed``: the same sequence of requests meets the same faults.  A ``once``
rule fails exactly the ``call``-th request of an operation (counted since the
configuration was set) once, whatever ``max_faults`` says; ``max_faults``
bounds the random faults.

Bounded: the proxy exits by itself after ``--max-lifetime`` seconds (default
900) or ``--max-requests`` requests (default 20000), and with its parent
(``--exit-with-parent``).  ``FaultProxy`` (below) starts and stops it by PID on
a free port.
"""

from __future__ import absolute_import, division, print_function

import argparse
import http.client
import json
import os
import random
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer

try:
    from . import local_server
except ImportError:  # run as a script: this directory is sys.path[0]
    import local_server  # pylint: disable=import-error

# pylint: disable=invalid-name
__metaclass__ = type

COGNITO_TARGET_PREFIX = "AWSCognitoIdentityProviderService."
JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
# Kinds a rule may name, with the answer each one gives (None: no answer).
ANSWERS = {
    "throttle": (400, "TooManyRequestsException", "Too many requests"),
    "throttling": (400, "ThrottlingException", "Rate exceeded"),
    "internal_error": (500, "InternalErrorException", "Internal server error"),
    "500": (500, None, "Internal Server Error"),
    "503": (503, None, "Service Unavailable"),
    "drop_before": None,
    "drop_after": None,
}
ONCE_ONLY_KINDS = ("error",)
MAX_LIFETIME = 900.0
MAX_REQUESTS = 20000
UPSTREAM_TIMEOUT = 60.0
HOP_BY_HOP = ("connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "content-length")
START_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0


class FaultConfigError(ValueError):
    """A fault configuration the proxy refuses."""


class FaultPlan:
    """Which request gets which fault; counts what happened. Thread-safe."""

    def __init__(self, seed=0, rules=None, once=None, max_faults=None):
        self.rules = self._checked_rules(rules or {})
        self.once = self._checked_once(once or [])
        if max_faults is not None and (isinstance(max_faults, bool) or not isinstance(max_faults, int) or max_faults < 0):
            raise FaultConfigError("max_faults must be an integer >= 0 or null")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise FaultConfigError("seed must be an integer")
        self.seed = seed
        self.max_faults = max_faults
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._fired = set()
        self._random_faults = 0
        self.requests = 0
        self.operations = {}

    @staticmethod
    def _checked_rules(rules):
        if not isinstance(rules, dict):
            raise FaultConfigError("rules must be an object of operation: {kind: share}")
        checked = {}
        for operation, shares in rules.items():
            if not isinstance(shares, dict):
                raise FaultConfigError("rules[%s] must be an object of kind: share" % operation)
            for kind, share in shares.items():
                if kind not in ANSWERS:
                    raise FaultConfigError("rules[%s]: unknown fault kind %r (known: %s)" % (operation, kind, ", ".join(sorted(ANSWERS))))
                if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
                    raise FaultConfigError("rules[%s][%s] must be a share between 0 and 1" % (operation, kind))
            if sum(shares.values()) > 1.0 + 1e-9:
                raise FaultConfigError("rules[%s]: the shares add up to more than 1" % operation)
            # A fixed order of kinds makes one random number mean the same fault every time.
            checked[operation] = sorted(shares.items())
        return checked

    @staticmethod
    def _checked_once(once):
        if not isinstance(once, list):
            raise FaultConfigError("once must be a list")
        checked = []
        for rule in once:
            if not isinstance(rule, dict) or not isinstance(rule.get("operation"), str):
                raise FaultConfigError("each once rule needs an operation")
            call = rule.get("call", 1)
            if isinstance(call, bool) or not isinstance(call, int) or call < 1:
                raise FaultConfigError("once rule call must be an integer >= 1")
            kind = rule.get("kind")
            if kind not in ANSWERS and kind not in ONCE_ONLY_KINDS:
                raise FaultConfigError("once rule: unknown fault kind %r" % (kind,))
            if kind == "error" and not isinstance(rule.get("code"), str):
                raise FaultConfigError("once rule of kind error needs the AWS error code in code")
            checked.append({"operation": rule["operation"], "call": call, "kind": kind, "code": rule.get("code")})
        return checked

    def decide(self, operation):
        """The fault for the next request of ``operation``: None or (kind, once rule or None)."""
        with self._lock:
            self.requests += 1
            entry = self.operations.setdefault(operation, {"requests": 0, "faulted": {}})
            entry["requests"] += 1
            number = self._random.random()
            fault = None
            for index, rule in enumerate(self.once):
                if index not in self._fired and rule["operation"] == operation and rule["call"] == entry["requests"]:
                    self._fired.add(index)
                    fault = (rule["kind"], rule)
                    break
            if fault is None and (self.max_faults is None or self._random_faults < self.max_faults):
                limit = 0.0
                for kind, share in self.rules.get(operation, self.rules.get("*", [])):
                    limit += share
                    if number < limit:
                        self._random_faults += 1
                        fault = (kind, None)
                        break
            if fault is not None:
                entry["faulted"][fault[0]] = entry["faulted"].get(fault[0], 0) + 1
            return fault

    def stats(self):
        with self._lock:
            operations = json.loads(json.dumps(self.operations))
            requests = self.requests
        by_kind = {}
        for entry in operations.values():
            for kind, count in entry["faulted"].items():
                by_kind[kind] = by_kind.get(kind, 0) + count
        return {"requests": requests, "faulted": sum(by_kind.values()), "by_kind": by_kind, "operations": operations}

    def config(self):
        return {
            "seed": self.seed,
            "rules": {operation: dict(shares) for operation, shares in self.rules.items()},
            "once": list(self.once),
            "max_faults": self.max_faults,
        }


class ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, upstream, max_requests=MAX_REQUESTS):
        ThreadingHTTPServer.__init__(self, address, ProxyHandler)
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream = (parsed.hostname, parsed.port or 80)
        self.plan = FaultPlan()
        self.max_requests = max_requests
        self.handled = 0
        self.count_lock = threading.Lock()

    def count_request(self):
        """Count a proxied request; past the cap, the proxy shuts itself down."""
        with self.count_lock:
            self.handled += 1
            over = self.handled > self.max_requests
        if over:
            sys.stderr.write("fault proxy: request cap of %d reached, stopping\n" % self.max_requests)
            threading.Thread(target=self.shutdown, daemon=True).start()
        return not over


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server_version = "FaultProxy/1.0"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, payload, headers=(), content_type="application/json"):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # pylint: disable=invalid-name
        self._handle("GET")

    def do_POST(self):  # pylint: disable=invalid-name
        self._handle("POST")

    def _handle(self, method):
        body = self._body()
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        if path.startswith("/_faults"):
            self._control(method, path, body)
            return
        if not self.server.count_request():
            self._send(503, {"error": "fault proxy request cap reached"})
            return
        target = self.headers.get("X-Amz-Target") or ""
        fault = None
        if target.startswith(COGNITO_TARGET_PREFIX):
            fault = self.server.plan.decide(target[len(COGNITO_TARGET_PREFIX):])
        if fault is None:
            self._forward(method, body)
            return
        kind, rule = fault
        if kind == "drop_before":
            self.close_connection = True
            return
        if kind == "drop_after":
            self._upstream(method, body)
            self.close_connection = True
            return
        if kind == "error":
            self._send_aws_error(400, rule["code"], "Injected by the fault proxy")
            return
        status, code, message = ANSWERS[kind]
        if code is None:
            self._send(status, ("<html><body><h1>%d %s</h1></body></html>" % (status, message)).encode("utf-8"), content_type="text/html")
        else:
            self._send_aws_error(status, code, message)

    def _send_aws_error(self, status, code, message):
        self._send(status, {"__type": code, "message": message}, headers=[("x-amzn-ErrorType", code + ":")], content_type=JSON_CONTENT_TYPE)

    def _upstream(self, method, body):
        connection = http.client.HTTPConnection(*self.server.upstream, timeout=UPSTREAM_TIMEOUT)
        try:
            headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP}
            headers["Content-Length"] = str(len(body))
            connection.request(method, self.path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def _forward(self, method, body):
        try:
            status, headers, payload = self._upstream(method, body)
        except OSError as exc:
            self._send(502, {"error": "upstream: %s" % exc})
            return
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP and name.lower() not in ("server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _control(self, method, path, body):
        server = self.server
        if (method, path) == ("GET", "/_faults/health"):
            self._send(200, {"ok": True})
        elif (method, path) == ("GET", "/_faults/stats"):
            self._send(200, server.plan.stats())
        elif (method, path) == ("GET", "/_faults/config"):
            self._send(200, server.plan.config())
        elif (method, path) == ("POST", "/_faults/config"):
            try:
                config = json.loads(body.decode("utf-8")) if body.strip() else {}
                if not isinstance(config, dict):
                    raise FaultConfigError("the body must be a JSON object")
                unknown = set(config) - {"seed", "rules", "once", "max_faults"}
                if unknown:
                    raise FaultConfigError("unknown settings: %s" % ", ".join(sorted(unknown)))
                server.plan = FaultPlan(**config)
            except (ValueError, TypeError) as exc:
                self._send(400, {"error": str(exc)})
                return
            self._send(200, server.plan.config())
        elif (method, path) == ("POST", "/_faults/reset"):
            server.plan = FaultPlan()
            self._send(200, server.plan.config())
        else:
            self._send(404, {"error": "no such fault proxy endpoint: %s %s" % (method, path)})


def main(argv=None):
    """Serve the proxy until SIGTERM, SIGINT, the lifetime or the request cap."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="the emulator, e.g. http://127.0.0.1:5000")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the chosen port to this file once listening")
    parser.add_argument("--max-lifetime", type=float, default=MAX_LIFETIME, help="seconds before the proxy exits by itself")
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS, help="proxied requests before the proxy exits by itself")
    parser.add_argument("--exit-with-parent", action="store_true", help="stop when the parent process ends")
    args = parser.parse_args(argv)

    server = ProxyServer((args.host, args.port), args.upstream, max_requests=args.max_requests)
    return local_server.serve(
        server, "fault proxy listening on http://%s:%d for %s" % (args.host, server.server_port, args.upstream), port_file=args.port_file,
        parent_pid=os.getppid() if args.exit_with_parent else None, max_lifetime=args.max_lifetime, label="fault proxy")


# ------------------------------------------------------------------ control

class FaultProxyError(local_server.LocalServerError):
    """The proxy could not be started or refused a request."""


class FaultProxy(local_server.LocalServerProcess):
    """The proxy as a subprocess on 127.0.0.1 with a free port, in front of ``upstream``.

        with FaultProxy(emulator.endpoint_url) as proxy:
            proxy.configure(seed=1, rules={"*": {"throttle": 0.3}})
            ... AWS_ENDPOINT_URL=proxy.endpoint_url ...
            proxy.stats()["faulted"]

    Lifecycle (start, stop, running, endpoint_url, log_text, context manager):
    local_server.LocalServerProcess.
    """

    name = "the fault proxy"
    error_class = FaultProxyError
    health_path = "/_faults/health"
    workdir_prefix = "fault-proxy-"
    log_name = "proxy.log"
    start_timeout = START_TIMEOUT
    stop_timeout = STOP_TIMEOUT

    def __init__(self, upstream, host="127.0.0.1", max_lifetime=MAX_LIFETIME, max_requests=MAX_REQUESTS):
        local_server.LocalServerProcess.__init__(self, host)
        self.upstream = upstream
        self.max_lifetime = max_lifetime
        self.max_requests = max_requests

    def _command(self, port_file):
        return [sys.executable, os.path.abspath(__file__), "--upstream", self.upstream, "--host", self.host, "--port", "0",
                "--port-file", port_file, "--max-lifetime", str(self.max_lifetime), "--max-requests", str(self.max_requests),
                "--exit-with-parent"]

    def wait(self, timeout):
        """Wait for the proxy to exit by itself; returns its exit status."""
        if self._process is None:
            raise FaultProxyError("the fault proxy is not started")
        return self._process.wait(timeout=timeout)

    def configure(self, seed=0, rules=None, once=None, max_faults=None):
        """Set the faults (and clear the counters); returns the configuration."""
        return self._request("POST", "/_faults/config", {"seed": seed, "rules": rules or {}, "once": once or [], "max_faults": max_faults})

    def reset(self):
        """No faults any more; counters cleared."""
        return self._request("POST", "/_faults/reset")

    def stats(self):
        """Requests seen and faulted since the last configure/reset, per operation and kind."""
        return self._request("GET", "/_faults/stats")


if __name__ == "__main__":
    sys.exit(main())
