"""Between sessions: the home program a client follows, how often they do it, and the client
portal through which they see it."""
