from bilan.cli import main

main()
