"""Screens of the Mastermind app."""
