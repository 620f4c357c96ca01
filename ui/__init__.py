"""The Qt (PySide6) user interface. Widgets call the core's services; no SQL here."""
