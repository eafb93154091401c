"""actlib.diagnosis_lab: one change at a time, measured runs, deterministic."""
import numpy as np
import pytest

from actlib import diagnosis_lab as lab


def test_changed_applies_one_change_and_leaves_the_case_alone():
    config = lab.CASES["deep_sigmoid"]
    new = lab.changed(config, {"width": 4})
    assert new["width"] == 4 and config["width"] == 8 and {k: v for k, v in new.items() if k != "width"} == \
        {k: v for k, v in config.items() if k != "width"}


@pytest.mark.parametrize("change, words", [
    ({}, "changes 0"),
    ({"width": 4, "init": "he"}, "changes 2"),
    ({"epochs": 10}, "fixed"),
    ({"colour": 1}, "not a knob"),
    ({"activation": "swish"}, "activation must be"),
    ({"learning_rate": 0}, "learning_rate must be"),
    ({"learning_rate": True}, "learning_rate must be"),
    ({"init": "zeros"}, "init must be"),
    ({"bias_init": 5}, "bias_init must be"),
    ({"width": 8}, "already 8"),
    ([("width", 4)], "a dict"),
])
def test_changed_refuses_what_is_not_one_valid_change(change, words):
    with pytest.raises(ValueError, match=words):
        lab.changed(lab.CASES["deep_sigmoid"], change)


def test_measure_is_deterministic_and_reports_the_run():
    first, second = (lab.measure(lab.CASES["large_rate_relu"]) for _ in range(2))
    assert first == second and len(first.loss) == lab.EPOCHS + 1
    text = str(first)
    assert "does not learn" in text and "dead units per hidden layer" in text and "learning_rate=3.0" in text


def test_a_diverging_run_says_so_without_warnings():
    with np.errstate(all="raise"):
        run = lab.measure(lab.changed(lab.CASES["large_rate_relu"], {"width": 32}))
    assert not run.trains and "diverges" in run.summary()
