"""Home program pages: the practitioner's (edit, versions, print, PDF) and the client portal's."""
