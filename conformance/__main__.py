import sys

from nodespec.cli import main

sys.exit(main())
