"""News digest generator: validated Markdown briefs compiled into a static news site.

The pipeline, one folder per stage (the README's "How it is built" draws the same)::

    entries/    reader -> markup -> rules/ -> loader (model, render, check_cache, history)
       |        bytes to located YAML and body; one markdown-it parse; validation with
       |        stable codes; the immutable model with its sanitized HTML
       v
    compile/    pages, listings, redirects (Jinja templates in templates/)
    feeds/      RSS, Atom, JSON Feed and OPML from one feed model
    search/     the chunked static search index
       |
       v
    plugin/     MkDocs hands the compiled pages to the theme (the only MkDocs import)
    cli/        the digest command: check, build, serve, compile, new, import, import-feed,
                tags (and check's selection of files and changed files)
    authoring/  what writes entry files: new's scaffold, import_seed, import_feed, feed_fetch
    ci/         the workflows' verdict, the Markdown report of check (its job summary) and
                the review preview (standard library only)

Shared by every stage: ``settings`` (one Settings, validated once), ``diagnostics``,
``clock`` and ``text``. Nothing outside ``generator.plugin`` imports MkDocs.
"""

__version__ = "0.1.0"
