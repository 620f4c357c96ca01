"""Use cases the UI and CLI call. Each validates input, checks the actor's permission, writes in
one transaction with an audit entry, and returns plain data."""
