"""The welcome packet and the desk's handover papers: content, then layout, then PDF bytes.

Plain data in, bytes out: nothing here opens a database. ReportLab is imported only when a paper is made.
"""
