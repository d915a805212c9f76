"""Legal and formal rules as pure Python: no Django import, driven by data tables, each citing its source."""
