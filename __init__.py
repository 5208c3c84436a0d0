"""vnresolve: scanned Vietnamese government documents to validated, structured JSON."""
