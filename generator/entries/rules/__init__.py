"""Validation rules: small named functions, each reporting stable error codes.

Entry rules take an :class:`EntryCheck` and yield diagnostics; corpus rules see every
valid entry at once for what crosses files.
"""
