"""The prize's staff pages: `organisers` for the organisers, `jury` for the jury."""
