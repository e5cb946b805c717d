"""Ingest: guide sources -> cleaned text -> sections -> chunks (the first stage of the pipeline)."""
