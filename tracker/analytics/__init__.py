"""Pure analytics: functions from plain data to plain data (no driver, no Flask)."""
