"""Each notebook's exercises, one module per notebook (``from actlib_course.exercises import notebook01_sigmoid as exercises``).

Every exercise is an :class:`actlib_course.checks.Exercise`: call it on an answer for feedback, and use
``.hint()`` and ``.solution()`` when stuck.
"""
