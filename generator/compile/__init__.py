"""Compile: entries -> the site's pages, listings and feeds, as plain data.

Nothing here imports MkDocs. The MkDocs plugin (``generator.plugin``) hands the
result to MkDocs' build; ``digest compile`` writes it as a plain docs tree
(``generator.compile.write``), so another engine can take over.
"""

from __future__ import annotations

from generator.clock import build_now
from generator.compile.pages import CompiledPage, CompiledSite, CompileError, compile_site

__all__ = ["CompileError", "CompiledPage", "CompiledSite", "build_now", "compile_site"]
