"""The MkDocs plugin: the only part of the generator that imports MkDocs.

It loads and checks the entries, asks ``generator.compile`` for every page and file,
and hands them to MkDocs' build as generated files.
"""
