"""Factories and fixtures shared by the test suites of all apps."""
