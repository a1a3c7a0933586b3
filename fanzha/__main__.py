from fanzha.cli import main

main()
