"""``python -m treasury_leverage``: the ``tlev`` command line."""

from treasury_leverage.cli.main import main

if __name__ == "__main__":
    main()
