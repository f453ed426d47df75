"""The research export: a clinic's records de-identified, as Parquet and CSV files."""
