"""Run WelcomeDesk from a source checkout: ``python main.py [args]`` == ``welcomedesk [args]``."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
