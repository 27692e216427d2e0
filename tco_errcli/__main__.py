"""python -m tco_errcli"""

from tco_errcli.cli import main

if __name__ == "__main__":
    main()
