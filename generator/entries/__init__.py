"""Entries: read each file safely, parse it once, check it with the rules and build the
immutable model (with its HTML). Everything here is independent of MkDocs.
"""
