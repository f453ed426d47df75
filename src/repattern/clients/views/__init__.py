"""Client pages: the list and the record, the history, the screen and consent, intake links."""
