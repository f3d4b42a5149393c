# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reliability suites: hostile input and secrets (test_hostile_input.py,
figures in hostile_figures.py), throttling, faults and interrupted runs
(test_faults.py, fixtures and figures in fault_fixtures.py).

Their figures are printed at the end of the pytest run.
"""

from tests.integration.conftest import emulator  # noqa: F401  pylint: disable=unused-import
from tests.integration.conftest import run_playbook  # noqa: F401  pylint: disable=unused-import
from tests.reliability import hostile_figures
from tests.reliability.fault_fixtures import FIGURES
from tests.reliability.fault_fixtures import faults  # noqa: F401  pylint: disable=unused-import
from tests.reliability.fault_fixtures import figures  # noqa: F401  pylint: disable=unused-import
from tests.reliability.fault_fixtures import proxy  # noqa: F401  pylint: disable=unused-import


def figures_state():
    """The figures this process recorded (tests/conftest.py carries them from pytest-xdist's workers)."""
    from tests.reliability import test_concurrency  # pylint: disable=import-outside-toplevel
    return {"hostile": hostile_figures.state(), "races": dict(test_concurrency.RACES), "faults": FIGURES.state()}


def merge_figures(state):
    """Add the figures of another process (``figures_state()`` there)."""
    from tests.reliability import test_concurrency  # pylint: disable=import-outside-toplevel
    hostile_figures.merge(state["hostile"])
    test_concurrency.merge_races(state["races"])
    FIGURES.merge(state["faults"])


def pytest_terminal_summary(terminalreporter):
    hostile_figures.report(terminalreporter)
    from tests.reliability import test_concurrency  # pylint: disable=import-outside-toplevel
    for line in test_concurrency.pytest_terminal_summary_lines():
        terminalreporter.write_line(line)
    lines = FIGURES.lines()
    if lines:
        terminalreporter.section("throttling, faults and interrupted runs")
        for line in lines:
            terminalreporter.write_line(line)
