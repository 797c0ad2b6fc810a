"""News digest generator: validated Markdown briefs compiled into a static news site.

Pipeline (each stage a module with one job):
read (``reader``) -> validate (``rules``) -> model (``model``) -> render (``render``)
-> compile (``compile``) / feeds (``feeds``) -> write (MkDocs plugin or ``digest compile``).

Nothing in this package imports MkDocs except ``generator.plugin``.
"""

__version__ = "0.1.0"
