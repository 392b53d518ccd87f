"""Curated data: every file in ``source/``, read by one loader and validated into typed records.

Errors name the file, line and column of the offending value, what is wrong and how to fix it.
"""
