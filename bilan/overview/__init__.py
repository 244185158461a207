"""The dossier's overview: its home page and the method's checklist, which read every app.

This is the top layer: nothing below may import it. A page that sums up several apps goes here.
"""
