"""The client portal: a client signs in with a link from an e-mail, no password, and sees their
appointments, today's home exercises, the practitioner's notes for them and their own data."""
