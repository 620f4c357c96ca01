"""Data exchange in the GUI: roster import with a preview, roster and table exports, the open export."""
