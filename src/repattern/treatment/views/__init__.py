"""Treatment pages: the session screen, notes and homework, care plans, calendar feeds."""
