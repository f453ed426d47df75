"""A client's record as a FHIR R4 Bundle (the `$everything` of their Patient)."""
