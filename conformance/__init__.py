"""nodespec: an executable specification of Node.js core behaviour, and the harness that runs it.

``nodespec.protocol`` is the Implementation contract's wire format, ``nodespec.implementation`` the
contract itself, ``nodespec.adapters`` the built-in implementations, ``nodespec.plugin`` the pytest plugin
and ``nodespec.cli`` the ``nodespec`` command.
"""

from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
# Installed from a wheel, the specification is package data (``nodespec/features``); in a source
# checkout (or an editable install of one) it is the checkout's ``features/``.
FEATURES_DIR = PACKAGE_DIR / "features" if (PACKAGE_DIR / "features").is_dir() else PROJECT_ROOT / "features"
IN_CHECKOUT = FEATURES_DIR == PROJECT_ROOT / "features"
