"""Editions: the briefs of a day, week or month as one page, one feed item and one email.

``periods`` cuts time into editions, ``notes`` reads the editor's notes, ``model`` groups
published briefs, and ``site`` makes the pages, feeds and email files of the build;
``email`` builds the newsletter (HTML, text and a MIME message).
"""
