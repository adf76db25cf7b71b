"""Region summaries: disclosure control, the JSON, CSV, XLSX and PDF formats, and the region's merge.

Plain data in, files out: nothing here opens a database. openpyxl and ReportLab are imported only when
their format is written.
"""
