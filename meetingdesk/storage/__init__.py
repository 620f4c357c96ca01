"""SQLite storage: opening databases safely and applying numbered migrations."""
