"""The Textual front of Mastermind: it shows and asks; the core in `meetings` decides and stores."""
