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
the script as ``__main__`` as ``python SCRIPT ARGS`` would (runpy.run_path),
or without arguments the program on its standard input as ``python < PROGRAM``
would (Ansible's pipelining), and exits the way Python exits (atexit
handlers, flushed streams); the client exits with the child's status.

What a child shares with the others is only what the server imported before
forking: Python's standard library, ansible-core's module_utils and
boto3/botocore, the same files (from the same virtualenv) that a cold Python
would import, and what botocore read from its data files (share_botocore_data);
and, from a cache directory, the code compiled from the files of the payloads
(ZipCodeCache). Only public interfaces are used: the modules are
imported by name, and Python's import system is extended with finders on
sys.meta_path (zipimport.zipimporter, marshal and importlib.util do the
rest) and not patched. The collections (kaleido.cognito, amazon.aws) are not imported
here: every module still imports them from its AnsiballZ payload, so a
payload that lacks a file still fails. With PYTHONPATH in the request's
environment the child puts it first on sys.path and imports
``sitecustomize`` as Python's startup would.

Usage: python server.py SOCKET_PATH (tests/conftest.py starts one per
pytest process, see warm_python()).
"""

import atexit
import gc
import importlib
import importlib.machinery
import importlib.util
import json
import marshal
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
    Last on sys.meta_path: asked only when the usual finders found nothing;
    ZipCodeCache looks in the payload's ``ansible`` directories.
    """

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):  # pylint: disable=unused-argument
        if not fullname.startswith("ansible."):
            return None
        package = fullname.split(".")[:-1]
        locations = [os.path.join(entry, *package) for entry in sys.path if entry.endswith(".zip") and os.path.isfile(entry)]
        return ZipCodeCache.find_spec(fullname, locations) if locations else None


class ZipCodeCache(object):  # pylint: disable=too-few-public-methods
    """Finds a module in an AnsiballZ payload (a zip on the import path) and loads it with code compiled once.

    A cold Python compiles every module it imports from a payload (which
    holds no bytecode): that is most of what a module run imports besides
    what the server preloaded. Here the code compiled from a module's source
    is kept in the server's cache directory (marshal, as a .pyc holds it),
    keyed by the module's name and importlib.util.source_hash of the source,
    as Python's hash-based .pyc files are; a payload lives at a new path each
    time, so the code gets this payload's file name. Just before PathFinder
    on sys.meta_path, it answers only while the path entries it meets are
    zips (zipimport.zipimporter), in their order, and leaves the rest to
    PathFinder; zipimporter.find_spec is not used, as it compiles the module
    to name its file.
    """

    cache_directory = None

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):  # pylint: disable=unused-argument
        for entry in sys.path if path is None else path:
            if ".zip" not in entry:
                return None
            try:
                importer = zipimport.zipimporter(entry)
                package = importer.is_package(fullname)
            except zipimport.ZipImportError:
                continue
            tail = importer.prefix + fullname.rpartition(".")[2]
            origin = os.path.join(importer.archive, tail, "__init__.py") if package else os.path.join(importer.archive, tail + ".py")
            try:
                source = importer.get_data(origin)
            except OSError:
                return None  # bytecode only: zipimport's own way
            loader = CachedCodeLoader(importer, origin, cls.cache_directory, source)
            spec = importlib.util.spec_from_loader(fullname, loader, origin=origin, is_package=package)
            spec.has_location = True
            if package:
                spec.submodule_search_locations = [os.path.join(importer.archive, tail)]
            return spec
        return None


class CachedCodeLoader(object):
    """The loader of a module found by ZipCodeCache: its zipimporter, but for the code."""

    def __init__(self, loader, filename, cache_directory, source):
        self.loader = loader
        self.filename = filename
        self.cache_directory = cache_directory
        self.source = source  # the bytes of the file, read once by ZipCodeCache

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def create_module(self, spec):  # pylint: disable=unused-argument
        return None

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)  # pylint: disable=exec-used

    def get_filename(self, fullname):  # pylint: disable=unused-argument
        return self.filename

    def get_code(self, fullname):
        # The source as zipimport compiles it: universal newlines, a final newline.
        source = self.source.replace(b"\r\n", b"\n").replace(b"\r", b"\n") + b"\n"
        cached = os.path.join(self.cache_directory, "%s.%s" % (fullname, importlib.util.source_hash(source).hex()))
        try:
            with open(cached, "rb") as handle:
                code = marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            code = compile(source, self.filename, "exec", dont_inherit=True)
            partial = "%s.%d" % (cached, os.getpid())
            with open(partial, "wb") as handle:
                marshal.dump(code, handle)
            os.replace(partial, cached)
        return code if code.co_filename == self.filename else with_filename(code, self.filename)


def with_filename(code, filename):
    """``code`` and the code objects within it, with ``filename`` as their file name."""
    constants = tuple(with_filename(constant, filename) if isinstance(constant, types.CodeType) else constant for constant in code.co_consts)
    return code.replace(co_filename=filename, co_consts=constants)


def preload():
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    share_botocore_data()


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
    script = request["argv"][0] if request["argv"] else None
    # As Python sets them: the script's directory first on sys.path, or for a program on standard input "" (the working directory).
    sys.argv = list(request["argv"]) or [""]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)) if script else "")
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
        if script:
            runpy.run_path(script, run_name="__main__")
        else:
            run_standard_input()
        status[0] = 0
    except SystemExit as exit_exception:
        status[0] = exit_status(exit_exception)
        raise
    except BaseException:
        status[0] = 1
        raise
    return status[0]


def run_standard_input():
    """Run the program on standard input as ``__main__``, as ``python < PROGRAM`` does."""
    source = sys.stdin.buffer.read()
    main = types.ModuleType("__main__")
    main.__file__ = "<stdin>"
    main.__cached__ = None
    main.__loader__ = importlib.machinery.BuiltinImporter
    sys.modules["__main__"] = main
    exec(compile(source, "<stdin>", "exec"), main.__dict__)  # pylint: disable=exec-used


def serve(path):
    preload()
    ZipCodeCache.cache_directory = os.path.join(os.path.dirname(os.path.abspath(path)), "code")
    os.makedirs(ZipCodeCache.cache_directory, exist_ok=True)
    sys.meta_path.insert(sys.meta_path.index(importlib.machinery.PathFinder), ZipCodeCache)
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
