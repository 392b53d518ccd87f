"""MkDocs hooks (listed in mkdocs.yml under ``hooks:``), one concern each."""
