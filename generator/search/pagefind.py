"""Writing a Pagefind index from records, through the Pagefind binary's service mode.

The ``pagefind`` Python package wraps the same service (``pagefind --service``: base64 JSON
messages ending in a comma, on stdin and stdout), but its reader sleeps 0.1 s before each
response, which would make 10,000 records take over 16 minutes. This client streams all
requests from a thread and reads the responses as they come. The message shapes are those
of ``pagefind.service.types`` (the pinned 1.5 range in pyproject.toml is the tested one).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.search.records import SearchRecord

INDEX_DIR = "pagefind"
# Pagefind's ready-made UIs and its highlighter: the site drives Material's own search
# dialog through pagefind.js, so these would only be dead weight in every deployment.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    """Pagefind is missing, failed, or refused a record."""


def pagefind_binary() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError("the pagefind package is not installed (pip install 'pagefind[bin]')") from error
    binary = get_executable()
    if binary is None or not binary.is_file():
        raise SearchIndexError("no Pagefind binary found (pip install 'pagefind[bin]', or set PAGEFIND_BINARY_PATH)")
    return binary


def write_pagefind_index(records: Sequence[SearchRecord], out_dir: Path, language: str) -> None:
    """Replace ``out_dir`` with the Pagefind bundle of ``records`` (all in one ``language``)."""
    language = language.split("-")[0].lower()  # Pagefind wants ISO 639-1 ("pt", not "pt-BR")
    requests: list[dict[str, Any]] = [{"type": "NewIndex", "config": {"force_language": language}}]
    requests += [
        {"type": "AddRecord", "index_id": 0, "url": record.url, "content": record.content,
         "language": language, "meta": {"title": record.title}, "filters": None, "sort": None}
        for record in records
    ]
    requests.append({"type": "WriteFiles", "index_id": 0, "output_path": str(out_dir)})
    if out_dir.exists():
        shutil.rmtree(out_dir)
    _run_service(requests)
    if not (out_dir / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"Pagefind wrote no index into {out_dir}")
    for name in UNUSED_FILES:
        (out_dir / name).unlink(missing_ok=True)


def _run_service(requests: list[dict[str, Any]]) -> None:
    """Send ``requests`` in order; raise on the first error response."""
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen([str(pagefind_binary()), "--service"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=stderr)
        assert process.stdin is not None and process.stdout is not None
        writer = threading.Thread(target=_write_all, args=(process.stdin, requests), daemon=True)
        writer.start()
        try:
            # The index is written once the last request's answer arrives; the service
            # stops at the end of its input, so stdin stays open until then.
            for expected, (number, payload) in enumerate(_responses(process.stdout), start=1):
                if payload.get("type") == "Error":
                    raise SearchIndexError(f"Pagefind refused request {number} "
                                           f"({requests[number - 1]['type']}): {payload.get('message')}")
                if number != expected:
                    raise SearchIndexError(f"Pagefind answered request {number}, expected {expected}")
                if number == len(requests):
                    return
            stderr.seek(0)
            detail = stderr.read().decode("utf-8", "replace").strip()
            raise SearchIndexError(f"Pagefind stopped early (exit status {process.wait()}): {detail}")
        finally:
            process.kill()
            process.wait()
            writer.join()


def _write_all(stdin: Any, requests: list[dict[str, Any]]) -> None:
    try:
        for number, payload in enumerate(requests, start=1):
            message = json.dumps({"message_id": number, "payload": payload}).encode()
            stdin.write(base64.b64encode(message) + b",")
        stdin.flush()
    except (BrokenPipeError, ValueError):  # the service died (reported by the reader) or was killed
        pass


def _responses(stdout: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(message id, payload) of each response, until the service closes its output."""
    pending = b""
    while chunk := stdout.read1(1 << 16):
        pending += chunk
        *messages, pending = pending.split(b",")
        for message in messages:
            response = json.loads(base64.b64decode(message))
            yield response.get("message_id") or 0, response["payload"]
