# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figures of the hostile-input and secrets suites, printed by conftest.py's pytest_terminal_summary.

The tests record what they measured here; nothing is printed when they did not run.
"""

# Per module or role: inputs tried, inputs that failed with a message naming
# the option, write calls the inputs caused.
HOSTILE = {}
# Per run of the secrets suite: (label, secrets searched for, leaks found).
SECRETS = []


def record_hostile(target, tried, clear, writes):
    HOSTILE[target] = {"tried": tried, "clear": clear, "writes": writes}


def record_secrets(label, searched, leaks, output_chars):
    SECRETS.append({"label": label, "searched": searched, "leaks": leaks, "output_chars": output_chars})


def state():
    """What this process recorded (for pytest-xdist's controller, see tests/conftest.py)."""
    return {"hostile": HOSTILE, "secrets": SECRETS}


def merge(other):
    """Add what another process recorded (``state()`` there)."""
    HOSTILE.update(other["hostile"])
    SECRETS.extend(other["secrets"])


def report(terminalreporter):
    if HOSTILE:
        terminalreporter.section("hostile inputs")
        for target in sorted(HOSTILE):
            figures = HOSTILE[target]
            terminalreporter.write_line(
                "{0}: {1} tried, {2} clear errors, {3} writes".format(target, figures["tried"], figures["clear"], figures["writes"])
            )
        terminalreporter.write_line(
            "hostile inputs: {0} tried, {1} clear errors, {2} writes".format(
                sum(item["tried"] for item in HOSTILE.values()),
                sum(item["clear"] for item in HOSTILE.values()),
                sum(item["writes"] for item in HOSTILE.values()),
            )
        )
    if SECRETS:
        terminalreporter.section("secrets in output")
        for run in SECRETS:
            terminalreporter.write_line(
                "{0}: {1} secrets searched in {2} characters of output, {3} found".format(run["label"], run["searched"], run["output_chars"], run["leaks"])
            )
        terminalreporter.write_line(
            "secrets: {0} runs at -vvvv --diff, {1} found in output".format(len(SECRETS), sum(run["leaks"] for run in SECRETS))
        )
