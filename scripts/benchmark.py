# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Measure Cognito API calls and wall time per run, against the emulator.

    ./scripts/benchmark            (sets up .venv first)
    ./scripts/benchmark --orgs 10  (N orgs under Cognito's request quotas)

It runs the kaleido_prep playbook (role) and a bare play of the collection's
three modules with the role's settings (bare) through the same kinds of run,
and ends with a table of both and their ratio. Each line: the run, its wall time, the number of Cognito calls, the write
calls, the calls that the emulator refused for the request rate (throttled),
and the calls by operation. Timing depends on the machine; the call counts do
not, except the throttled ones and their retries. Nothing here asserts a time:
this is a measurement.

--orgs N runs the playbook kaleido.cognito.kaleido_prep for N orgs (one
inventory host each, each with its own handoff file) under the emulator's
request_quotas knob: once with --forks N (the orgs side by side, as one AWX
job), once with --forks 1 (one after another); each from an empty account.
"""

import argparse
import glob
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.conftest import COLLECTIONS_PATH  # noqa: E402  pylint: disable=wrong-import-position
from tests.emulator.control import Emulator  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)


def environment(emulator):
    env = dict(os.environ)
    env.update(
        {
            "ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_PATH,
            "ANSIBLE_NOCOLOR": "1",
            "AWS_ENDPOINT_URL": emulator.endpoint_url,
            "AWS_ACCESS_KEY_ID": "AKIAEMULATOR00000000",
            "AWS_SECRET_ACCESS_KEY": "emulator-secret-key",
            "AWS_REGION": "us-east-1",
        }
    )
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    return env


def measure(emulator, label, command):
    emulator.reset_calls()
    start = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=environment(emulator), capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - start
    calls = emulator.calls()
    writes = emulator.write_calls()
    throttled = emulator.throttled_calls()
    status = "ok" if result.returncode == 0 else "FAILED rc={0}".format(result.returncode)
    by_operation = ", ".join("{0} {1}".format(name, count) for name, count in sorted(Counter(calls).items()))
    print("{0:<54} {1:>6.2f} s  {2:>3} calls  {3:>2} writes  {4:>3} throttled  {5}  [{6}]".format(
        label, elapsed, len(calls), len(writes), len(throttled), status, by_operation))
    if result.returncode != 0:
        print(result.stdout[-3000:] + result.stderr[-3000:])
    result.label, result.elapsed, result.calls, result.throttled = label, elapsed, calls, throttled
    return result


def module(name, args):
    return [os.path.join(BIN, "ansible"), "localhost", "-i", "localhost,", "-c", "local",
            "-e", "ansible_python_interpreter=" + sys.executable, "-m", "kaleido.cognito." + name, "-a", json.dumps(args)]


def failures(result):
    """Failed and unreachable hosts of an ansible-playbook run, from its PLAY RECAP."""
    return sum(int(count) for count in re.findall(r"(?:failed|unreachable)=(\d+)", result.stdout))


def many_orgs(count):
    """The kaleido_prep playbook for ``count`` orgs under the request quotas: side by side, then one after another."""
    workdir = tempfile.mkdtemp(prefix="kaleido-benchmark-")
    orgs = ["org{0:02d}".format(index) for index in range(count)]
    inventory = os.path.join(workdir, "orgs.json")
    with open(inventory, "w") as stream:
        json.dump({"orgs": {"hosts": {org: {"kaleido_prep_pool_name": org + "-kaleido-users", "kaleido_prep_domain_prefix": org + "-kaleido-org",
                                            "kaleido_prep_region": "us-east-1"} for org in orgs}}}, stream)
    variables = {"kaleido_prep_hosts": "orgs", "kaleido_prep_handoff_file": os.path.join(workdir, "{{ inventory_hostname }}-handoff.yml")}
    rows = []
    with Emulator() as emulator:
        print("kaleido.cognito benchmark against the emulator at {0}: {1} orgs under the request_quotas knob".format(emulator.endpoint_url, count))
        for forks, how in ((count, "side by side"), (1, "one after another")):
            emulator.reset()
            emulator.configure(request_quotas=True)
            label = "kaleido_prep: {0} orgs {1} (forks {2})".format(count, how, forks)
            result = measure(emulator, label, [os.path.join(BIN, "ansible-playbook"), "-i", inventory, "kaleido.cognito.kaleido_prep",
                                               "--forks", str(forks), "-e", json.dumps(variables)])
            emulator.configure(request_quotas=False)
            pools = len(emulator.client().get_paginator("list_user_pools").paginate(MaxResults=60).build_full_result()["UserPools"])
            rows.append((label, result.elapsed, len(result.calls), len(result.throttled), failures(result), result.returncode, pools))
    print()
    print("| run | wall time | Cognito calls | throttled | failed hosts | exit code | pools |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print("| {0} | {1:.1f} s | {2} | {3} | {4} | {5} | {6} |".format(*row))
    return 0 if all(row[4:] == (0, 0, count) for row in rows) else 1


# A bare play of the collection's own three modules with the role's settings
# (its creation defaults included): what the role's work costs without the role.
BARE_PLAY = """
- name: The three modules kaleido_prep runs, with its settings, without the role
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  module_defaults:
    group/kaleido.cognito.cognito:
      region: us-east-1
  tasks:
    - name: User pool
      kaleido.cognito.cognito_user_pool:
        name: "{{ pool_name }}"
        check_domain_available: "{{ domain_prefix }}"
        username_attributes: [email]
        schema: [{name: email, required: true}]
        purge_tags: false
        creation_defaults: "{{ creation_defaults }}"
      register: pool
    - name: App client
      kaleido.cognito.cognito_app_client:
        user_pool_id: "{{ pool.user_pool.id | default(omit) }}"
        pending_user_pool: "{{ pool.user_pool.id is not defined }}"
        new_user_pool: "{{ pool.created }}"
        name: kaleido
        generate_secret: true
        explicit_auth_flows: [ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH]
        supported_identity_providers: [COGNITO]
        callback_urls: "{{ callback_urls }}"
        allowed_oauth_flows_user_pool_client: "{{ callback_urls | length > 0 }}"
        allowed_oauth_flows: "{{ ['code'] if callback_urls else [] }}"
        allowed_oauth_scopes: "{{ ['openid', 'email', 'profile'] if callback_urls else [] }}"
      register: client
      no_log: true
    - name: Domain
      kaleido.cognito.cognito_domain:
        user_pool_id: "{{ pool.user_pool.id | default(omit) }}"
        pending_user_pool: "{{ pool.user_pool.id is not defined }}"
        new_user_pool: "{{ pool.created }}"
        domain: "{{ domain_prefix }}"
        managed_login_version: 1
        wait: true
"""


# What one module process costs: a kaleido.cognito module and a bare amazon.aws
# module, each run from its AnsiballZ payload (kept by ANSIBLE_KEEP_REMOTE_FILES).
PAYLOAD_PLAY = """
- name: One read of each, to keep their payloads
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  tasks:
    - name: A kaleido.cognito module
      kaleido.cognito.cognito_user_pool_info:
        name: bench-module-process
        region: us-east-1
    - name: A bare amazon.aws module
      amazon.aws.ec2_vpc_net_info:
        region: us-east-1
"""


def module_process(emulator, workdir, runs=10):
    """Per module process: CPU and wall time, the time of its top-level imports, and the payload's size."""
    play = os.path.join(workdir, "payloads.yml")
    kept = os.path.join(workdir, "kept")
    with open(play, "w") as stream:
        stream.write(PAYLOAD_PLAY)
    env = dict(environment(emulator), ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_REMOTE_TMP=kept)
    subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", play], cwd=ROOT, env=env, capture_output=True, check=True)
    print()
    print("| module process (from its AnsiballZ payload) | CPU per run | wall per run | top-level imports | payload |")
    print("|---|---|---|---|---|")
    for name in ("cognito_user_pool_info", "ec2_vpc_net_info"):
        payload = glob.glob(os.path.join(kept, "*", "AnsiballZ_{0}.py".format(name)))[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        for _run in range(runs):
            subprocess.run([sys.executable, payload], env=environment(emulator), capture_output=True, check=True)
        wall = (time.monotonic() - start) / runs
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / runs
        profile = subprocess.run([sys.executable, "-X", "importtime", payload], env=environment(emulator), capture_output=True, text=True, check=True)
        # "import time: self | cumulative | name": a name indented by one space is a top-level import.
        fields = [line.split("|") for line in profile.stderr.splitlines() if line.startswith("import time:")]
        imports = sum(int(field[1]) for field in fields if field[1].strip().isdigit() and not field[2].startswith("  "))
        print("| {0} | {1:.2f} s | {2:.2f} s | {3:.2f} s | {4} kB |".format(name, cpu, wall, imports / 1e6, os.path.getsize(payload) // 1024))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, help="run only the kaleido_prep playbook for this many orgs under the request quotas")
    args = parser.parse_args()
    if args.orgs:
        return many_orgs(args.orgs)
    workdir = tempfile.mkdtemp(prefix="kaleido-benchmark-")
    handoff = os.path.join(workdir, "handoff.yml")
    bare_play = os.path.join(workdir, "bare.yml")
    with open(bare_play, "w") as stream:
        stream.write(BARE_PLAY)
    with open(os.path.join(ROOT, "roles", "kaleido_prep", "vars", "main.yml")) as stream:
        role_vars = yaml.safe_load(stream)
    creation_defaults = dict(role_vars["__kaleido_prep_creation_defaults"], tags=role_vars["__kaleido_prep_owner_tag"])

    def role(name, prefix, *args, **extra):
        variables = dict({"kaleido_prep_pool_name": name, "kaleido_prep_domain_prefix": prefix, "kaleido_prep_region": "us-east-1"}, **extra)
        return [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "kaleido.cognito.kaleido_prep", "-e", json.dumps(variables)] + list(args)

    def bare(name, prefix, *args, **extra):
        variables = {"pool_name": name, "domain_prefix": prefix, "creation_defaults": creation_defaults,
                     "callback_urls": extra.get("kaleido_prep_callback_urls", [])}
        return [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", bare_play, "-e", json.dumps(variables)] + list(args)

    rows = []
    with Emulator() as emulator:
        print("kaleido.cognito benchmark against the emulator at {0}".format(emulator.endpoint_url))
        print("role = the kaleido_prep playbook; bare = a play of cognito_user_pool, cognito_app_client and cognito_domain with its settings")
        module_process(emulator, workdir)
        for who, command in (("role", role), ("bare", bare)):
            name, prefix = "bench-" + who, "bench-org-" + who
            results = [
                measure(emulator, who + ": check mode, empty account", command(name, prefix, "--check")),
                measure(emulator, who + ": first run", command(name, prefix)),
                measure(emulator, who + ": rerun by name", command(name, prefix)),
                measure(emulator, who + ": check mode after the run", command(name, prefix, "--check")),
                measure(emulator, who + ": second phase (callback URLs)", command(name, prefix, kaleido_prep_callback_urls=["https://example.org/cb"])),
            ]
            rows.append(results)
        measure(emulator, "role: rerun that writes the handoff file", role("bench-role", "bench-org-role", kaleido_prep_handoff_file=handoff))
        measure(emulator, "role: rerun with known ids (handoff)", role("bench-role", "bench-org-role", kaleido_prep_handoff_file=handoff))
        client = emulator.client()
        for index in range(1000):
            client.create_user_pool(PoolName="other-{0:04d}".format(index))
        emulator.reset_calls()
        for who, command in (("role", role), ("bare", bare)):
            rows[0 if who == "role" else 1].append(
                measure(emulator, who + ": first run among 1000 other pools", command("bench-1000-" + who, "bench-1000-" + who)))
        measure(emulator, "role: rerun with known ids, 1000 other pools",
                role("bench-role", "bench-org-role", kaleido_prep_handoff_file=handoff, kaleido_prep_callback_urls=["https://example.org/cb"]))
        measure(emulator, "role: teardown",
                role("bench-role", "bench-org-role", kaleido_prep_handoff_file=handoff, kaleido_prep_state="absent", kaleido_prep_deletion_protection=False))
        pool = {"name": "bench-pool", "username_attributes": ["email"], "schema": [{"name": "email", "required": True}], "tags": {"a": "b"}}
        measure(emulator, "cognito_user_pool: create", module("cognito_user_pool", pool))
        measure(emulator, "cognito_user_pool: idempotent rerun", module("cognito_user_pool", pool))
        measure(emulator, "cognito_user_pool: update password policy", module("cognito_user_pool", dict(pool, password_policy={"minimum_length": 12})))
        measure(emulator, "cognito_user_pool: delete", module("cognito_user_pool", {"name": "bench-pool", "state": "absent"}))
    print()
    print("| run | role wall | role calls | bare wall | bare calls | wall ratio | calls ratio |")
    print("|---|---|---|---|---|---|---|")
    for ran, bared in zip(*rows):
        print("| {0} | {1:.2f} s | {2} | {3:.2f} s | {4} | {5:.2f}x | {6:.2f}x |".format(
            ran.label.split(": ", 1)[1], ran.elapsed, len(ran.calls), bared.elapsed, len(bared.calls),
            ran.elapsed / bared.elapsed, len(ran.calls) / max(len(bared.calls), 1)))
    return 0 if all(result.returncode == 0 for results in rows for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
