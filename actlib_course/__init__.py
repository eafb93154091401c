"""The course: each notebook's exercises with their keys, and the checkers that give feedback. Not installed for graded students (their wheel holds actlib only)."""
