"""`make prod-check`: run the production stack on loopback ports and prove it keeps its promises.

The stack and the checks are in scripts/prodcheck/ (its __init__ lists them); this starts them.
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from prodcheck.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
