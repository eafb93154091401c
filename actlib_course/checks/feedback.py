"""What the learner sees: the verdict on an answer and the exercise that gives it.

:class:`Feedback` is the verdict (correct, wrong, or not answered) with its message and first hint,
shown as a coloured box in Jupyter and one line of text in a terminal; :class:`Note` is a hint or a
solution as markdown; :class:`Exercise` pairs a question with a checker ``answer -> (correct,
message)``, turns a blank answer or an unfinished stub into "not answered" and anything a checker
raises into feedback, hands out hints one at a time, and under nbgrader's autograder fails an answer
that is not correct.
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from actlib.symbolic.formula import describe_error as _describe_error


NOT_ANSWERED = "replace `...` with your answer."


_STYLE = {  # correct -> (symbol, label, colour); translucent backgrounds read in light and dark themes
    True: ("✓", "Correct", "46, 160, 67"),
    False: ("✗", "Not yet", "214, 110, 0"),
    None: ("…", "Not answered yet", "120, 120, 120"),
}


def _inline_html(text: str) -> str:
    """Escape text for HTML, turning `backticks` into <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``correct`` is True, False, or None (not answered)."""

    correct: bool | None
    message: str
    hint: str = ""

    def __bool__(self):
        return self.correct is True

    def __str__(self):
        symbol, label, _ = _STYLE[self.correct]
        text = f"{symbol} {label}: {self.message}"
        return f"{text} Hint: {self.hint}" if self.hint else text

    __repr__ = __str__

    def _repr_html_(self):
        symbol, label, rgb = _STYLE[self.correct]
        hint = f"<br><b>Hint:</b> {_inline_html(self.hint)}" if self.hint else ""
        return (
            f'<div style="border-left: 4px solid rgb({rgb}); background: rgba({rgb}, 0.12); '
            f'padding: 0.4em 0.8em; margin: 0.2em 0;"><b>{symbol} {label}:</b> '
            f"{_inline_html(self.message)}{hint}</div>"
        )


@dataclass(frozen=True)
class Note:
    """A hint or a solution: markdown in Jupyter, the same text in a terminal."""

    text: str

    def __str__(self):
        return self.text

    __repr__ = __str__

    def _repr_markdown_(self):
        return self.text


KINDS = ("recall", "apply", "predict", "diagnose", "find the bug")
"""What an exercise can ask of a learner; the last three make the learner think before reading."""

THINKING_KINDS = ("predict", "diagnose", "find the bug")


class Exercise:
    """A question, a checker ``answer -> (correct, message)``, hints to reveal one at a time, a solution.

    A wrong answer's feedback shows the first hint; a checker may choose another by returning
    ``(correct, message, hint)``, where ``hint`` is the index of one of the hints, a text, or None
    for no hint.

    ``hint()`` counts its calls per exercise (per kernel: rerunning the notebook from the top
    continues the count; restarting the kernel starts again at hint 1).

    The exercise is the one source of its notebook cells (scripts/exercise_cells.py writes them):
    ``prompt`` is the markdown after "**Exercise N.**", ``stub`` the answer cell of a student copy,
    ``answer_code`` the worked answer in the instructor's answer cell, which ``solution()`` shows
    after the explanation ``solution``.

    ``kind`` says what the exercise asks of the learner (one of :data:`KINDS`): ``"recall"`` a fact
    or a form shown earlier; ``"apply"`` a rule to a new case; ``"predict"`` the outcome of a run
    before making it (the notebook runs it right after); ``"diagnose"`` why a given network or
    computation fails and which change fixes it; ``"find the bug"`` in code with one planted mistake.
    """

    def __init__(self, key: str, prompt: str, checker, hints=(), solution: str = "", stub: str = "",
                 answer_code: str = "", points: int = 1, kind: str = "apply"):
        if kind not in KINDS:
            raise ValueError(f"unknown exercise kind {kind!r}; the kinds are {', '.join(map(repr, KINDS))}.")
        self.key = key
        self.kind = kind
        self.prompt = prompt
        self.checker = checker
        self.hints = tuple(hints)
        self._solution = solution
        self.stub = stub
        self.answer_code = answer_code
        self.points = points
        self._hints_shown = 0

    def __call__(self, answer) -> Feedback:
        if answer is ... or answer is None or (isinstance(answer, str) and answer.strip() in ("", "...")):
            return Feedback(None, NOT_ANSWERED)
        try:
            correct, message, *chosen = self.checker(answer)
        except NotImplementedError:  # a function stub still saying `raise NotImplementedError`
            return Feedback(None, "your function still raises NotImplementedError; write its body.")
        except Exception as error:  # a checker should not raise, but a learner must never see a traceback
            correct, message, chosen = False, f"could not check this answer ({_describe_error(error)}).", []
        return Feedback(bool(correct), message, "" if correct else self._hint_for(chosen))

    def _hint_for(self, chosen) -> str:
        """The hint shown with a wrong answer: the first, or the one the checker chose."""
        if not chosen:
            return self.hints[0] if self.hints else ""
        hint = chosen[0]
        if isinstance(hint, str):
            return hint
        if isinstance(hint, int) and 0 <= hint < len(self.hints):
            return self.hints[hint]
        return ""

    def grade(self, answer) -> Feedback:
        """Feedback on ``answer``, as calling the exercise gives; under nbgrader's autograder, a failed assert.

        The notebooks' graded cells call this. A student running the notebook sees the feedback (and
        "Not answered yet" never stops "Run All"); when nbgrader executes it (it sets the environment
        variable NBGRADER_EXECUTION), an answer that is not correct raises AssertionError, which is
        how nbgrader scores a test cell.
        """
        feedback = self(answer)
        if os.environ.get("NBGRADER_EXECUTION") and feedback.correct is not True:
            raise AssertionError(f"Exercise {self.key}: {feedback}")
        return feedback

    def hint(self, number: int | None = None) -> Note:
        """The next hint: hint 1 on the first call, hint 2 on the second, ...; once the last one has
        been shown, a plain "no more hints" with all of them together. ``hint(2)`` shows hint 2
        again without moving on."""
        count = len(self.hints)
        if not count:
            return Note("No hints for this one; `.solution()` shows the worked answer.")
        if number is not None:
            if not 1 <= number <= count:
                return Note(f"This exercise has {'one hint' if count == 1 else f'hints 1 to {count}'}; "
                            f"there is no hint {number}.")
            return Note(f"**Hint {number} of {count}:** {self.hints[number - 1]}")
        self._hints_shown += 1
        shown = self._hints_shown
        if shown <= count:
            if shown < count:
                after = " (Call `.hint()` again for the next one.)"
            else:
                after = (f" That was the {'only' if count == 1 else 'last'} hint; `.solution()` shows the "
                         "worked answer.")
            return Note(f"**Hint {shown} of {count}:** {self.hints[shown - 1]}{after}")
        if count == 1:
            return Note(f"**No more hints:** this exercise has only one, shown again here: {self.hints[0]} "
                        "`.solution()` shows the worked answer.")
        listed = "\n".join(f"{i}. {text}" for i, text in enumerate(self.hints, 1))
        return Note(f"**No more hints:** you have seen all {count}. Here they are together:\n\n{listed}\n\n"
                    "`.solution()` shows the worked answer.")

    def solution(self) -> Note:
        """The worked solution, as markdown: the explanation, then the answer cell's code."""
        text = self._solution
        if self.answer_code:
            text = f"{text}\n\n```python\n{self.answer_code}```" if text else f"```python\n{self.answer_code}```"
        return Note(text or "No written solution for this one.")

    def __repr__(self):
        return f"Exercise {self.key}: {self.prompt}"

    def _repr_markdown_(self):
        return f"**Exercise {self.key}.** {self.prompt}"
