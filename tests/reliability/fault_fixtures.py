# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the faults suite (test_faults.py): the fault proxy in front of
the emulator, and the figures the suite reports at the end of the run
(conftest.py's pytest_terminal_summary prints FIGURES.lines())."""

from collections import Counter

import pytest

from tests.emulator.fault_proxy import FaultProxy

# The weather of the suite: on every operation 30% throttling (TooManyRequestsException
# and ThrottlingException), 10% HTTP 5xx, 6% dropped connections; the create calls,
# where a lost answer is dangerous, get more drops after the request was carried out.
WEATHER = {
    "*": {"throttle": 0.15, "throttling": 0.15, "internal_error": 0.04, "500": 0.03, "503": 0.03, "drop_before": 0.03, "drop_after": 0.03},
    "CreateUserPool": {"throttle": 0.15, "throttling": 0.10, "internal_error": 0.05, "503": 0.03, "drop_before": 0.03, "drop_after": 0.10},
    "CreateUserPoolClient": {"throttle": 0.15, "throttling": 0.10, "internal_error": 0.05, "503": 0.03, "drop_before": 0.03, "drop_after": 0.10},
    "CreateUserPoolDomain": {"throttle": 0.15, "throttling": 0.10, "internal_error": 0.05, "503": 0.03, "drop_before": 0.03, "drop_after": 0.10},
    "AddCustomAttributes": {"throttle": 0.15, "throttling": 0.10, "internal_error": 0.05, "503": 0.03, "drop_before": 0.03, "drop_after": 0.10},
}


class Figures:
    """What the suite measured, summed over its tests."""

    def __init__(self):
        self.requests = 0
        self.faulted = 0
        self.by_kind = Counter()
        self.runs = Counter()
        self.duplicates = 0

    def add_traffic(self, stats):
        self.requests += stats["requests"]
        self.faulted += stats["faulted"]
        self.by_kind.update(stats["by_kind"])

    def run(self, kind, converged):
        """Count a run of ``kind`` (e.g. "runs under random faults") and whether it converged."""
        self.runs[(kind, "all")] += 1
        self.runs[(kind, "converged")] += int(bool(converged))

    def state(self):
        """What this process measured, as JSON (for pytest-xdist's controller, see tests/conftest.py)."""
        return {"requests": self.requests, "faulted": self.faulted, "by_kind": dict(self.by_kind),
                "runs": [[kind, what, count] for (kind, what), count in self.runs.items()], "duplicates": self.duplicates}

    def merge(self, other):
        """Add what another process measured (``state()`` there)."""
        self.requests += other["requests"]
        self.faulted += other["faulted"]
        self.by_kind.update(other["by_kind"])
        for kind, what, count in other["runs"]:
            self.runs[(kind, what)] += count
        self.duplicates += other["duplicates"]

    def lines(self):
        if not self.requests and not self.runs:
            return []
        share = 100.0 * self.faulted / self.requests if self.requests else 0.0
        kinds = ", ".join("{0} {1}".format(kind, count) for kind, count in sorted(self.by_kind.items()))
        lines = ["faults: {0} of {1} Cognito requests faulted ({2:.1f}%: {3})".format(self.faulted, self.requests, share, kinds)]
        for kind in sorted({key[0] for key in self.runs}):
            lines.append("{0} converged: {1}/{2}".format(kind, self.runs[(kind, "converged")], self.runs[(kind, "all")]))
        lines.append("duplicates found: {0} (user pools, app clients or domains beyond one of a name)".format(self.duplicates))
        return lines


FIGURES = Figures()


@pytest.fixture(scope="session")
def figures():
    return FIGURES


@pytest.fixture(scope="session")
def proxy(emulator):
    with FaultProxy(emulator.endpoint_url) as running:
        yield running


@pytest.fixture
def faults(emulator, proxy, figures):  # pylint: disable=redefined-outer-name
    """An empty emulator behind a proxy without faults; configure them with faults.configure(...).

    Whatever went through the proxy during the test is added to the figures.
    """
    emulator.reset()
    proxy.reset()
    yield proxy
    figures.add_traffic(proxy.stats())
    proxy.reset()
