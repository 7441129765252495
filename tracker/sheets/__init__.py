"""Spreadsheets in: pure readers for attendee lists and event programmes (no database here).

``read`` opens CSV (UTF-8 with or without BOM, Windows-1252), UTF-16 tab-separated text (the
Microsoft Teams attendance report as downloaded) and ``.xlsx`` (openpyxl, read-only), finds the
header row and yields data rows. ``attendees`` turns rows into distinct organisation values and
e-mail domains with their counts; ``programme`` turns a programme sheet into events and roles;
``domains`` knows which e-mail domains are shared and never identify an organisation alone.
Everything the tracker does with the database lives in ``tracker.services.sheets``.
"""
