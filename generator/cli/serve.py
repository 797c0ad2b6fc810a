"""``digest serve``: ``mkdocs serve`` for the project; added or edited entries rebuild the
site without a restart (the plugin watches the entries folder), and a rebuild renders and
writes only what the edit changed (``generator.plugin.incremental``).

``--drafts`` and ``--future`` show unpublished entries, marked (``generator.compile.preview``);
an entry with errors is left out and listed at ``/_diagnostics/`` instead of stopping the
server. MkDocs runs in its own process group, and SIGTERM or SIGINT to this command stops
that whole group (politely first, so MkDocs removes its temporary site), then exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from generator.cli.build import config_file, mkdocs_env
from generator.compile.preview import ENV, Preview
from generator.settings import from_mkdocs_yml

GRACE = 10.0  # seconds MkDocs gets to shut down before it is killed


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="preview the site with live reload",
        description="Serve the site locally with MkDocs; rebuilds when docs or entries change. "
                    "Entries with errors are left out and listed at /_diagnostics/.")
    parser.add_argument("--dev-addr", "-a", metavar="IP:PORT", help="address to serve on "
                        "(default: MkDocs' 127.0.0.1:8000)")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.add_argument("--drafts", action="store_true",
                        help="also show drafts, with a 'Draft' banner (never in feeds or builds)")
    parser.add_argument("--future", action="store_true",
                        help="also show entries dated in the future, with a 'Scheduled for "
                             "DATE' banner (never in feeds or builds)")
    parser.set_defaults(run=run)


def run(args) -> int:
    root = Path(args.root).resolve()
    config = config_file(root)
    from_mkdocs_yml(config, site=True)  # an unusable setting is a usage error, before MkDocs starts
    # --dirty: a rebuild writes only the pages an edit changed (generator.plugin.incremental
    # keeps that exact: the result is what a clean build writes).
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", str(config)]
    if args.dev_addr:
        command += ["--dev-addr", args.dev_addr]
    if args.strict:
        command.append("--strict")
    env = mkdocs_env()
    env.pop(ENV, None)
    preview = Preview(drafts=args.drafts, future=args.future)
    if preview:
        env[ENV] = preview.env_value()
    return supervise(command, root, env)


def supervise(command: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run ``command`` in its own process group until it ends, or until SIGTERM or SIGINT
    arrives here: then the group gets SIGINT (MkDocs shuts down cleanly), SIGKILL after
    :data:`GRACE` seconds, and this returns 128 + the signal's number."""
    received: list[int] = []

    def stop(signum, _frame) -> None:
        received.append(signum)
        raise _Stop

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    child = None
    try:
        # A Ctrl-C in the terminal reaches only this process (the child's group is not in
        # the foreground); it is passed on below, like SIGTERM.
        child = subprocess.Popen(command, cwd=cwd, env=env, process_group=0)
        return child.wait()
    except BaseException:
        if child is not None:
            for sig in previous:
                signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C does not cut this short
            _stop_group(child)
        if received:
            return 128 + received[0]
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Stop(Exception):
    """SIGTERM or SIGINT arrived."""


def _stop_group(child: subprocess.Popen) -> None:
    """Stop ``child``'s process group: SIGINT, then SIGKILL after the grace period."""
    for sig, wait in ((signal.SIGINT, GRACE), (signal.SIGKILL, GRACE)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            break  # the whole group is gone
        try:
            child.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; anything it started in its group goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        break
