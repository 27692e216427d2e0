"""python -m tco_errcli"""

from .cli import main

main()
