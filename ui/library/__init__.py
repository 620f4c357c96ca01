"""The reference-case library's screens: search, case and rule editors, similar-case search, import."""
