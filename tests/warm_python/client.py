# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client of tests/warm_python/server.py, started by tests/warm_python/python.

``python SCRIPT [ARGS]`` (how Ansible runs a module) and ``python`` with a
program on standard input that is not a terminal (how Ansible runs a module
with pipelining) go to the server named by KALEIDO_WARM_PYTHON_SOCKET with
this process's standard streams, working directory, umask and environment;
the client exits with the status of the server's child. Anything else
(options, an interactive Python), or no server, runs the real Python
(KALEIDO_WARM_PYTHON_REAL) with the same arguments.
Standard library only: it runs with ``python -S``.
"""

import json
import os
import socket
import struct
import sys

SOCKET_VARIABLE = "KALEIDO_WARM_PYTHON_SOCKET"
REAL_VARIABLE = "KALEIDO_WARM_PYTHON_REAL"


def real_python(arguments):
    real = os.environ[REAL_VARIABLE]
    os.execv(real, [real] + arguments)


def main(arguments):
    path = os.environ.get(SOCKET_VARIABLE)
    if arguments:
        warm = not arguments[0].startswith("-") and os.path.isfile(arguments[0])
    else:
        warm = not os.isatty(0)
    if not path or not warm:
        real_python(arguments)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
    except OSError:
        connection.close()
        real_python(arguments)
    umask = os.umask(0)
    os.umask(umask)
    request = {"argv": arguments, "cwd": os.getcwd(), "umask": umask, "env": dict(os.environ)}
    socket.send_fds(connection, [json.dumps(request).encode("utf-8")], [0, 1, 2])
    status = b""
    while len(status) < 4:
        received = connection.recv(4 - len(status))
        if not received:
            return 1  # the child died before it could report (a signal): Python's own status is lost
        status += received
    return struct.unpack("!i", status)[0]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
