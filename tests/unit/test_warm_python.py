# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The warm Python of the tests (tests/warm_python) runs a script as ``python SCRIPT ARGS`` does.

Each case runs the same script with the warm Python (the session's server,
tests/conftest.py warm_python) and with the real Python (no server: the
client runs the real one), and compares what a caller sees: standard output
and error, the exit status, files the script wrote.
"""

import os
import subprocess
import sys
import textwrap
import zipfile

import pytest

from tests.conftest import COLD_PYTHON_VARIABLE
from tests.conftest import ROOT
from tests.conftest import WARM_PYTHON
from tests.conftest import WARM_PYTHON_VARIABLES

SCRIPT = textwrap.dedent(
    """
    import atexit, json, os, sys
    atexit.register(lambda: print("atexit ran"))
    print(json.dumps({
        "argv": sys.argv[1:],
        "cwd": os.getcwd(),
        "variable": os.environ.get("WARM_PYTHON_TEST"),
        "umask": oct(os.umask(0o022)),
        "stdin": sys.stdin.read(),
        "main": __name__,
        "file": os.path.basename(__file__),
        "path0": sys.path[0] == os.path.dirname(os.path.abspath(__file__)),
    }, sort_keys=True))
    sys.stderr.write("to stderr\\n")
    ending = sys.argv[1]
    if ending == "status":
        sys.exit(3)
    if ending == "message":
        sys.exit("a message")
    if ending == "exception":
        raise ValueError("boom")
    """
)


def run(script, arguments, cwd, warm):
    env = dict(os.environ, WARM_PYTHON_TEST="from the caller")
    if not warm:
        env.pop(WARM_PYTHON_VARIABLES["socket"], None)
    return subprocess.run(
        [WARM_PYTHON, str(script)] + arguments,
        cwd=str(cwd), env=env, input="on stdin", capture_output=True, text=True, timeout=60, check=False,
    )


def run_both(script, arguments, cwd):
    """The script run by the warm Python and by the real one, both having exited with 0."""
    warm = run(script, arguments, cwd, warm=True)
    cold = run(script, arguments, cwd, warm=False)
    assert warm.returncode == cold.returncode == 0, warm.stderr + cold.stderr
    return warm, cold


@pytest.fixture
def warm_session():
    if not os.environ.get(WARM_PYTHON_VARIABLES["socket"]):
        pytest.skip("this session runs without the warm Python (%s=1)" % COLD_PYTHON_VARIABLE)


@pytest.fixture
def script(tmp_path, warm_session):  # pylint: disable=unused-argument,redefined-outer-name
    path = tmp_path / "script.py"
    path.write_text(SCRIPT)
    return path


@pytest.mark.parametrize("ending", ["normal", "status", "message", "exception"])
def test_warm_python_runs_a_script_as_python_does(script, tmp_path, ending):  # pylint: disable=redefined-outer-name
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    old = os.umask(0o077)
    try:
        warm = run(script, [ending, "two words"], cwd, warm=True)
        cold = run(script, [ending, "two words"], cwd, warm=False)
    finally:
        os.umask(old)
    assert warm.returncode == cold.returncode == {"normal": 0, "status": 3, "message": 1, "exception": 1}[ending]
    assert warm.stdout == cold.stdout
    assert '"argv": ["%s", "two words"]' % ending in warm.stdout
    assert '"cwd": "%s"' % cwd in warm.stdout
    assert '"variable": "from the caller"' in warm.stdout
    assert '"umask": "0o77"' in warm.stdout
    assert '"stdin": "on stdin"' in warm.stdout
    assert '"main": "__main__"' in warm.stdout and '"file": "script.py"' in warm.stdout and '"path0": true' in warm.stdout
    assert warm.stdout.rstrip().endswith("atexit ran")
    assert warm.stderr.startswith("to stderr\n")
    if ending == "message":
        assert warm.stderr == cold.stderr == "to stderr\na message\n"
    if ending == "exception":
        assert warm.stderr.rstrip().endswith("ValueError: boom") and cold.stderr.rstrip().endswith("ValueError: boom")


@pytest.mark.usefixtures("warm_session")
def test_the_warm_python_has_the_imports_done_and_the_real_python_runs_what_is_not_a_script(tmp_path):
    check = tmp_path / "check.py"
    check.write_text("import sys\nprint('boto3' in sys.modules, sys.executable == %r)\n" % sys.executable)
    assert run(check, [], tmp_path, warm=True).stdout == "True True\n"
    assert run(check, [], tmp_path, warm=False).stdout == "False True\n"
    # Options (here -c) go to the real Python.
    result = subprocess.run([WARM_PYTHON, "-c", "import sys; print('boto3' in sys.modules)"], capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout) == (0, "False\n")


STDIN_PROGRAM = textwrap.dedent(
    """
    import atexit, json, os, sys
    atexit.register(lambda: print("atexit ran"))
    print(json.dumps({
        "argv": sys.argv, "path0": sys.path[0], "main": __name__, "file": __file__, "spec": __spec__,
        "cwd": os.getcwd(), "variable": os.environ.get("WARM_PYTHON_TEST"), "stdin left": sys.stdin.read(),
    }, sort_keys=True))
    sys.exit(int(os.environ.get("WARM_PYTHON_TEST_STATUS", "0")))
    """
)


@pytest.mark.usefixtures("warm_session")
@pytest.mark.parametrize("status", [0, 4])
def test_a_program_on_standard_input_runs_as_python_runs_it(tmp_path, status):
    """How Ansible runs a module with pipelining: ``python`` reads the program from standard input."""
    results = {}
    for warm in (True, False):
        env = dict(os.environ, WARM_PYTHON_TEST="from the caller", WARM_PYTHON_TEST_STATUS=str(status))
        if not warm:
            env.pop(WARM_PYTHON_VARIABLES["socket"], None)
        probe = "import sys; print('boto3' in sys.modules)\n"
        results[warm] = [
            subprocess.run([WARM_PYTHON], cwd=str(tmp_path), env=env, input=program, capture_output=True, text=True, timeout=60, check=False)
            for program in (STDIN_PROGRAM, probe)
        ]
    warm, cold = results[True][0], results[False][0]
    assert warm.returncode == cold.returncode == status
    assert warm.stdout == cold.stdout and warm.stderr == cold.stderr == ""
    assert '"argv": [""]' in warm.stdout and '"path0": ""' in warm.stdout and '"file": "<stdin>"' in warm.stdout
    assert '"main": "__main__"' in warm.stdout and '"spec": null' in warm.stdout and '"stdin left": ""' in warm.stdout
    assert '"cwd": "%s"' % tmp_path in warm.stdout and '"variable": "from the caller"' in warm.stdout
    assert warm.stdout.rstrip().endswith("atexit ran")
    # The warm child has the server's imports; the real Python has not.
    assert (results[True][1].stdout, results[False][1].stdout) == ("True\n", "False\n")


BOTO_SCRIPT = textwrap.dedent(
    """
    import json, os, boto3, botocore.loaders
    os.environ.pop("AWS_ENDPOINT_URL", None)
    session = boto3.session.Session()
    client = session.client("cognito-idp", region_name="eu-west-3", aws_access_key_id="a", aws_secret_access_key="b")
    model = client.meta.service_model
    print(json.dumps({
        "operations": len(model.operation_names),
        "shape": model.operation_model("CreateUserPool").input_shape.members["UsernameAttributes"].member.enum,
        "endpoint": client.meta.endpoint_url,
        "paginates": client.can_paginate("list_user_pools"),
        "services": len(session.get_available_services()),
        "shared": botocore.loaders.JSONFileLoader.load_file.__name__ == "shared_load_file",
    }))
    """
)


@pytest.mark.usefixtures("warm_session")
def test_a_warm_child_gets_the_botocore_data_the_server_read_and_the_same_client_as_a_cold_python(tmp_path):
    check = tmp_path / "boto.py"
    check.write_text(BOTO_SCRIPT)
    warm, cold = run_both(check, [], tmp_path)
    assert warm.stdout.replace('"shared": true', '"shared": false') == cold.stdout
    assert '"shared": true' in warm.stdout and '"endpoint": "https://cognito-idp.eu-west-3.amazonaws.com"' in warm.stdout


ZIP_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    import input_checks, other
    print(input_checks.__file__ == other.__file__.replace("other.py", "input_checks.py"), input_checks.__file__.startswith(sys.argv[1]))
    print(input_checks.name_problem.__code__.co_filename == input_checks.__file__, input_checks.name_problem("name", "a\\nb"))
    print(other.value(), other.value.__code__.co_filename == other.__file__)
    """
)


@pytest.mark.usefixtures("warm_session")
def test_a_warm_child_imports_from_a_zip_as_a_cold_python(tmp_path):
    """A file of this collection in a payload (a zip on sys.path) is imported and named as a cold Python does."""
    archive = tmp_path / "payload.zip"
    with zipfile.ZipFile(str(archive), "w") as payload:
        payload.write(os.path.join(ROOT, "plugins", "module_utils", "input_checks.py"), "input_checks.py")
        payload.writestr("other.py", "def value():\n    return 42\n")
    check = tmp_path / "zipped.py"
    check.write_text(ZIP_SCRIPT)
    warm, cold = run_both(check, [str(archive)], tmp_path)
    assert warm.stdout == cold.stdout
    assert warm.stdout.splitlines()[0] == "True True" and warm.stdout.splitlines()[1].startswith("True name")


CACHE_SCRIPT = textwrap.dedent(
    """
    import sys, traceback
    sys.path.insert(0, sys.argv[1])
    import cached
    print(cached.__file__, cached.outer.__code__.co_filename, cached.outer().__code__.co_filename, cached.outer()())
    try:
        cached.fails()
    except ValueError:
        print(traceback.format_exc().splitlines()[-2].strip())
    """
)


CACHED_MODULE = "\ndef outer():\n    def inner():\n        return VALUE\n    return inner\n\ndef fails():\n    raise ValueError(VALUE)\n"


@pytest.mark.usefixtures("warm_session")
def test_a_module_from_a_zip_is_compiled_once_and_named_by_the_zip_it_came_from(tmp_path):
    """The second payload with the same file gets the code compiled for the first (the server's cache), under its own name."""
    check = tmp_path / "cached.py"
    check.write_text(CACHE_SCRIPT)
    outputs = []
    for index, body in enumerate(["VALUE = 1", "VALUE = 1", "VALUE = 2"]):
        archive = tmp_path / ("payload%d.zip" % index)
        with zipfile.ZipFile(str(archive), "w") as payload:
            payload.writestr("cached.py", body + CACHED_MODULE)
        warm, cold = run_both(check, [str(archive)], tmp_path)
        assert warm.stdout == cold.stdout
        outputs.append(warm.stdout)
    name = str(tmp_path / "payload%d.zip" / "cached.py")
    assert [output.splitlines()[0] for output in outputs] == [" ".join([name % index] * 3) + " " + value for index, value in enumerate("112")]
    assert [output.splitlines()[1] for output in outputs] == ["raise ValueError(VALUE)"] * 3
    # One compiled entry per source: the second payload's module came from the first one's.
    cache = os.path.join(os.path.dirname(os.environ[WARM_PYTHON_VARIABLES["socket"]]), "code")
    assert len([name for name in os.listdir(cache) if name.startswith("cached.")]) == 2


LEGACY_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    import ansible.legacy.probe
    print(ansible.legacy.probe.__file__, ansible.legacy.probe.VALUE)
    """
)


@pytest.mark.usefixtures("warm_session")
def test_an_ansible_module_that_only_the_payload_has_is_found_in_it_and_compiled_once(tmp_path):
    """ansible.legacy.<name> (a module of a library path or role) is in the payload, not in the preloaded ansible package."""
    archive = tmp_path / "payload.zip"
    with zipfile.ZipFile(str(archive), "w") as payload:
        for name in ("ansible/__init__.py", "ansible/legacy/__init__.py"):
            payload.writestr(name, "")
        payload.writestr("ansible/legacy/probe.py", "VALUE = 'from the payload'\n")
    check = tmp_path / "legacy.py"
    check.write_text(LEGACY_SCRIPT)
    warm, cold = run_both(check, [str(archive)], tmp_path)
    assert warm.stdout == cold.stdout == "%s from the payload\n" % (archive / "ansible" / "legacy" / "probe.py")
    cache = os.path.join(os.path.dirname(os.environ[WARM_PYTHON_VARIABLES["socket"]]), "code")
    assert [name for name in os.listdir(cache) if name.startswith("ansible.legacy.probe.")]
