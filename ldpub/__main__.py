import sys

from ldpub.cli import main

sys.exit(main())
