"""Outcomes and evidence: instruments as data, responses, change that matters, and charts."""
