"""The JSON API at /api/v1/, its tokens, the FHIR export and CSV export and import."""
