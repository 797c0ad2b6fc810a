"""Authoring: what writes entry files for editors (``digest new``, ``digest import`` of
seed briefs, ``digest import-feed`` of drafts from a feed).
"""
