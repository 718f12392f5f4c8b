from hrleaflet.cli import main

main()
