"""From source files to the document model and records: ingest, OCR, tables, sections, pipeline, CLI."""
