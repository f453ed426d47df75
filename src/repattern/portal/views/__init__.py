"""Portal pages: signing in with a link, and the client's own pages."""
