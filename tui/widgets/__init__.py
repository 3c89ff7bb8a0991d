"""Widgets of the Mastermind app, one concern each."""
