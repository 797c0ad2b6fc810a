"""CI helpers run by the workflows: the job summary's verdict, the Markdown report of
``digest check --format markdown`` and the review preview.
Standard library only: the verdict runs with ``python -S``.
"""
