"""Automatic feedback for the notebooks' exercises.

An :class:`Exercise` pairs a question with a *checker*: a function ``answer -> (correct, message)``.
Calling the exercise on an answer returns :class:`Feedback`, which Jupyter shows as a coloured box
and a script prints as one line of text::

    >>> from actlib_course.checks import Exercise, number_answer
    >>> q = Exercise("demo.peak", "What is the largest value of σ'(z)?", number_answer(0.25),
    ...              hints=("Where is σ steepest?",))
    >>> q(...)
    … Not answered yet: replace `...` with your answer.
    >>> q(0.5)
    ✗ Not yet: 0.5 is too large. Hint: Where is σ steepest?
    >>> q(1 / 4)
    ✓ Correct: 0.25.

An answer of ``...`` or ``None``, or a function that raises ``NotImplementedError``, counts as not
answered; anything a learner's answer does wrong is reported as feedback, not as a traceback.
``bool(feedback)`` is True only for a correct answer, so an autograder can ``assert q(answer)``.
Feedback names what went wrong where the checker can tell: a known slip (``mistakes=``), the wrong
sign, two values swapped, and for a function the way it breaks in floating point.

The modules: ``feedback`` (Feedback, Note, Exercise), ``numbers`` (number, choice and tuple
answers), ``expressions`` (expression answers), ``functions`` (function answers, ``tail_points``,
``HARD_POINTS``), ``formatting`` (how numbers are shown in messages). Answers are read by
``actlib.symbolic.answers``, as graded mode reads them; the time limit of one evaluation is its
``CHECK_SECONDS`` (patch it there).
"""
from actlib_course.checks.expressions import expression_answer
from actlib_course.checks.feedback import KINDS, NOT_ANSWERED, THINKING_KINDS, Exercise, Feedback, Note
from actlib_course.checks.functions import HARD_POINTS, function_answer, tail_points
from actlib_course.checks.numbers import choice_answer, number_answer, tuple_answer

__all__ = [
    "Feedback", "Exercise", "number_answer", "expression_answer", "function_answer", "choice_answer",
    "tuple_answer", "KINDS", "THINKING_KINDS",
]
