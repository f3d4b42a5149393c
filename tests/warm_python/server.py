# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The warm Python of the tests: a fork server that runs Ansible module scripts.

Every module task of a test starts a Python process that imports
ansible.module_utils.basic and boto3 (AnsiballZ imports the module_utils from
its zip, which Python compiles each time: no bytecode cache) before the module
does anything, most of a module run's CPU; the tests run many module tasks.
This server imports those once, then forks a child per request of
tests/warm_python/python (client.py): the child takes the client's
standard streams, working directory, environment, umask and arguments, runs
the script as ``__main__`` as ``python SCRIPT ARGS`` would (runpy.run_path)
and exits the way Python exits (atexit handlers, flushed streams); the
client exits with the child's status.

What a child shares with the others is only what the server imported before
forking: Python's standard library, ansible-core's module_utils and
boto3/botocore, the same files (from the same virtualenv) that a cold Python
would import, what botocore read from its data files (share_botocore_data),
and the code of the collection files (share_compiled_sources), which a
child takes only for a file of its payload with exactly the same source.
The collections (kaleido.cognito, amazon.aws) are not imported here: every
module still imports them from its AnsiballZ payload, so a payload that
lacks a file still fails. With PYTHONPATH in the
request's environment (the test-aws mode puts tests/aws there) the child
puts it first on sys.path and imports ``sitecustomize`` as Python's startup
would.

Usage: python server.py SOCKET_PATH (tests/conftest.py starts one per
pytest process, see warm_python()).
"""

import atexit
import gc
import glob
import hashlib
import importlib
import importlib.machinery
import json
import os
import runpy
import signal
import socket
import struct
import sys
import types
import zipimport

# What a module process imports before the module's own code runs, in the
# order Python would; what a version of ansible-core lacks is skipped.
PRELOAD = (
    "ansible.module_utils.basic",
    "ansible.module_utils._internal._ansiballz._loader",  # ansible-core 2.19+
    "ansible.module_utils.common.dict_transformations",
    "ansible.module_utils.common.validation",
    "ansible.module_utils.six",
    "boto3",
    "boto3.session",
    "botocore.client",
    "botocore.config",
    "botocore.exceptions",
    "botocore.paginate",
    "botocore.session",
    "botocore.waiter",
    "base64",
    "datetime",
    "shutil",
    "tempfile",
    "zipfile",
)
MAX_REQUEST = 4 << 20  # arguments and environment of one request, JSON


class PayloadFinder(object):  # pylint: disable=too-few-public-methods
    """Finds an ``ansible.*`` module that only an AnsiballZ payload on sys.path has.

    The preloaded ``ansible`` package is the virtualenv's, so its __path__
    does not reach into the payload, where the modules of a library path or
    a role live (``ansible.legacy.<name>``) and a cold Python finds them.
    Last on sys.meta_path: asked only when the usual finders found nothing.
    """

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):  # pylint: disable=unused-argument
        if not fullname.startswith("ansible."):
            return None
        package = fullname.split(".")[:-1]
        locations = [os.path.join(entry, *package) for entry in sys.path if entry.endswith(".zip") and os.path.isfile(entry)]
        return importlib.machinery.PathFinder.find_spec(fullname, locations) if locations else None


def preload():
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    share_botocore_data()
    share_compiled_sources()


# What botocore read from its data files (service models, endpoints,
# partitions, the list of services), by file and by search path: see
# share_botocore_data().
BOTOCORE_DATA = {}


def share_botocore_data():
    """botocore's data files are read once, here, and the children get what was read.

    botocore reads them again for every session (its Loader caches them per
    instance), and amazon.aws makes a session for every client: the Cognito
    service model, the endpoint rules, partitions.json and the list of the
    services (a directory read each) are a large part of a module run's
    CPU. Here the loader keeps what it read for the process, as it does for
    one session; botocore already hands the same objects to every user of a
    session. The data are those of the same files; a child that asks for
    another file reads it itself. A client of Cognito (with its paginators)
    made here, as amazon.aws makes one, reads the files a module needs.
    """
    try:
        import boto3.session  # pylint: disable=import-outside-toplevel
        import botocore.loaders  # pylint: disable=import-outside-toplevel
    except ImportError:
        return
    load_file = botocore.loaders.JSONFileLoader.load_file
    list_available_services = botocore.loaders.Loader.list_available_services

    def shared_load_file(self, file_path, *args, **kwargs):
        key = ("file", file_path, args, tuple(sorted(kwargs.items())))
        if key not in BOTOCORE_DATA:
            BOTOCORE_DATA[key] = load_file(self, file_path, *args, **kwargs)
        return BOTOCORE_DATA[key]

    def shared_list_available_services(self, type_name):
        key = ("services", type_name, tuple(self.search_paths))
        if key not in BOTOCORE_DATA:
            BOTOCORE_DATA[key] = list_available_services(self, type_name)
        return BOTOCORE_DATA[key]

    botocore.loaders.JSONFileLoader.load_file = shared_load_file
    botocore.loaders.Loader.list_available_services = shared_list_available_services
    client = boto3.session.Session().client("cognito-idp", region_name="us-east-1", aws_access_key_id="warm", aws_secret_access_key="warm")
    client.get_paginator("list_user_pools")


# The collections whose Python files the modules import from their payloads:
# this repository (kaleido.cognito) and amazon.aws (see share_compiled_sources()).
COLLECTION_SOURCES = (
    os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "plugins"),
    os.path.join("ansible_collections", "amazon", "aws", "plugins", "module_utils"),
)
# Code objects of those files, by the SHA-256 of their source.
COMPILED = {}


def share_compiled_sources():
    """A collection file in a payload whose source is that of a file here is not compiled again.

    A payload has no bytecode, so Python (zipimport) compiles every
    collection file a module imports from it, in every module run. Here the
    same files are compiled once (from this repository and the virtualenv's
    amazon.aws); a child still reads each source from the payload and takes
    the code compiled here only for exactly the same bytes (with the
    payload's file name, as zipimport names it), and compiles anything else
    itself.
    """
    compile_source = getattr(zipimport, "_compile_source", None)
    if compile_source is None:
        return
    roots = [COLLECTION_SOURCES[0]]
    spec = importlib.machinery.PathFinder.find_spec("ansible_collections")
    for location in (spec.submodule_search_locations if spec else None) or []:
        roots.append(os.path.join(os.path.dirname(location), COLLECTION_SOURCES[1]))
    for root in roots:
        for path in glob.glob(os.path.join(root, "**", "*.py"), recursive=True):
            with open(path, "rb") as handle:
                source = handle.read()
            try:
                COMPILED[hashlib.sha256(source).digest()] = compile_source(path, source)
            except SyntaxError:
                continue

    def named(code, filename):
        constants = tuple(named(item, filename) if isinstance(item, types.CodeType) else item for item in code.co_consts)
        return code.replace(co_filename=filename, co_consts=constants)

    def shared_compile_source(pathname, source):
        code = COMPILED.get(hashlib.sha256(source).digest())
        return named(code, pathname) if code is not None else compile_source(pathname, source)

    zipimport._compile_source = shared_compile_source  # pylint: disable=protected-access


def exit_status(exit_exception):
    """The status Python exits with for this SystemExit (None: 0; an int; anything else: printed, 1)."""
    code = exit_exception.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


def receive(connection):
    """The request (dict) and the client's standard streams (file descriptors 0, 1, 2)."""
    message, fds, _flags, _address = socket.recv_fds(connection, MAX_REQUEST, 3)
    if len(fds) != 3:
        raise RuntimeError("warm python: expected 3 file descriptors, got %d" % len(fds))
    return json.loads(message.decode("utf-8")), fds


def take_streams(fds):
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    encoding = sys.__stdout__.encoding if sys.__stdout__ else "utf-8"
    sys.stdin = sys.__stdin__ = open(0, "r", encoding=encoding, closefd=False)  # pylint: disable=consider-using-with
    sys.stdout = sys.__stdout__ = open(1, "w", encoding=encoding, closefd=False)  # pylint: disable=consider-using-with
    sys.stderr = sys.__stderr__ = open(2, "w", encoding=encoding, errors="backslashreplace", closefd=False, buffering=1)  # pylint: disable=consider-using-with


def child(connection):
    """In the forked child: become ``python SCRIPT ARGS`` of the request and run it; returns its exit status."""
    status = [1]  # what report() sends: set once the script has ended
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    request, fds = receive(connection)
    take_streams(fds)
    os.chdir(request["cwd"])
    os.umask(request["umask"])
    os.environ.clear()
    os.environ.update(request["env"])
    script = request["argv"][0]
    sys.argv = list(request["argv"])
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    python_path = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    if python_path:
        sys.path[0:0] = python_path
        try:
            importlib.import_module("sitecustomize")
        except ImportError:
            pass

    def report():
        # Registered before the script runs, so it runs after the script's own atexit handlers.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        connection.sendall(struct.pack("!i", status[0]))
        connection.close()

    atexit.register(report)
    try:
        runpy.run_path(script, run_name="__main__")
        status[0] = 0
    except SystemExit as exit_exception:
        status[0] = exit_status(exit_exception)
        raise
    except BaseException:
        status[0] = 1
        raise
    return status[0]


def serve(path):
    preload()
    sys.meta_path.append(PayloadFinder)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    gc.freeze()  # the preloaded objects stay shared with the children
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        connection, _address = listener.accept()
        if os.fork() == 0:
            listener.close()
            sys.exit(child(connection))
        connection.close()


if __name__ == "__main__":
    serve(sys.argv[1])
