"""`python -m bench`: run every benchmark and print its verdict."""

from __future__ import annotations

import sys

from bench.ack_latency import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
