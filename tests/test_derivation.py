"""actlib.symbolic.derivation: steps shown as written, checked by sympy, a wrong step stopped by name."""
import pytest
import sympy as sp

import actlib
from actlib.symbolic.derivation import Derivation, StepError, check_step

SIGMA = {"sigma": actlib.get("sigmoid").expr}


def sigmoid_derivation():
    d = Derivation(r"\sigma'(z)", "Derivative((1 + exp(-z))**-1, z)", names=SIGMA)
    d.step("chain rule", "-(1 + exp(-z))**-2 * Derivative(1 + exp(-z), z)")
    d.step("differentiate the inside", "exp(-z)/(1 + exp(-z))**2")
    d.step("split the fraction", "1/(1 + exp(-z)) * (exp(-z)/(1 + exp(-z)))")
    return d.step("recognise σ and 1 − σ", "sigma(z) * (1 - sigma(z))")


def test_a_correct_derivation_ends_at_the_library_derivative_and_shows_each_step_by_name():
    d = sigmoid_derivation()
    assert sp.simplify(d.result - actlib.get("sigmoid").derivative_expr) == 0
    latex = d._repr_latex_()
    assert latex.count(r"\text{") == 4 and r"\text{chain rule}" in latex and "checked at points" not in latex
    # the split stays two fractions, as written, not sympy's one merged fraction
    assert r"\frac{1}{1 + e^{- z}} \frac{e^{- z}}{1 + e^{- z}}" in latex
    assert r"\sigma{\left(z \right)} \left(1 - \sigma{\left(z \right)}\right)" in latex  # written order kept
    assert "[recognise σ and 1 − σ]" in repr(d)


def test_a_wrong_step_stops_with_its_number_name_and_a_point_where_the_forms_differ():
    d = sigmoid_derivation()
    with pytest.raises(StepError, match=r"step 5 \('drop a sign'\) does not follow: at z = 7/10 the previous "
                                        r"form gives 0\.2217\d* and the new one 1\.11\d*"):
        d.step("drop a sign", "sigma(z) * (1 + sigma(z))")
    assert len(d.steps) == 5  # the wrong step was not added


@pytest.mark.parametrize("form, message", [
    ("sigma(z) * (1 - sigma(z)", "check its brackets"),
    ("foo(z)", "unknown function foo(); known: Abs"),
    ("__import__('os')", "unknown function __import__()"),
    ("z.real", "Attribute is not part of a formula"),
    ("'text'", "is not a number"),
])
def test_unreadable_forms_name_the_step_and_what_is_valid(form, message):
    with pytest.raises(StepError, match=r"step 1 \('typo'\)") as error:
        Derivation("f", "z", names=SIGMA).step("typo", form)
    assert message in str(error.value)


def test_symbols_keep_their_assumptions_and_a_side_equality_is_checked_on_its_own():
    h = sp.Symbol("h", positive=True)
    d = Derivation("q(h)", "(exp(z + h) - exp(z))/h", symbols=[h]).step("factor out e^z", "exp(z)*(exp(h) - 1)/h")
    assert h in d.result.free_symbols
    side = check_step("add and subtract 1", "exp(-z)/(1 + exp(-z))", "1 - sigma(z)", names=SIGMA)
    assert r"\text{add and subtract 1}" in side._repr_latex_()
    with pytest.raises(StepError, match="'add 1' does not follow"):
        check_step("add 1", "exp(-z)/(1 + exp(-z))", "1 + sigma(z)", names=SIGMA)


def test_a_step_sympy_cannot_prove_but_numbers_confirm_is_marked_as_checked_at_points(monkeypatch):
    import actlib.symbolic.derivation as derivation
    monkeypatch.setattr(derivation.sp, "simplify", lambda expression: expression)  # sympy "cannot prove"
    d = Derivation("f", "exp(-z)/(1 + exp(-z))").step("rewrite", "1/(1 + exp(z))")
    assert "checked at points" in d._repr_latex_() and "checked at points" in repr(d)


def test_a_branch_of_a_piecewise_function_with_z_restricted_by_its_assumptions():
    negative_z = sp.Symbol("z", negative=True)
    d = Derivation(r"\mathrm{relu}'(z)", "Derivative(Max(0, z), z)", symbols=[negative_z])
    d.step("z < 0: max(0, z) = 0", "Derivative(0, z)")
    d.step("the derivative of a constant", "0")
    assert d.result == 0
    with pytest.raises(StepError, match="does not follow"):
        Derivation(r"\mathrm{relu}'(z)", "Derivative(Max(0, z), z)", symbols=[negative_z]).step("wrong branch", "1")


def test_negative_symbols_are_tested_at_negative_points_only():
    h = sp.Symbol("h", negative=True)
    d = Derivation("q", "(Max(0, h) - Max(0, 0))/h", symbols=[h])
    d.step("h < 0: max(0, h) = 0", "(0 - 0)/h")
    assert d.result == 0


def test_the_imaginary_unit_and_im_read_for_a_complex_step_series():
    h = sp.Symbol("h", positive=True)
    taylor = sp.Symbol("f0", real=True) + sp.Symbol("f1", real=True) * actlib.z + sp.Symbol("f2", real=True) * actlib.z**2 / 2
    shown = check_step("imaginary part", "im(T(I*h))", "f1*h", names={"T": taylor}, symbols=[h])
    assert "f_{1} h" in shown._repr_latex_()
    with pytest.raises(StepError, match="does not follow"):
        check_step("imaginary part", "im(T(I*h))", "f1*h - f2*h**2/2", names={"T": taylor}, symbols=[h])


def test_sums_and_products_show_no_redundant_brackets_and_subtracting_a_number_shows_the_number():
    h = sp.Symbol("h", positive=True)
    d = Derivation("E", "(f1*h + f2*h**2/2 + f3*h**3/6)/h - f1", symbols=[h])
    latex, text = d._repr_latex_(), repr(d)
    assert r"\frac{f_{1} h + \frac{f_{2} h^{2}}{2} + \frac{f_{3} h^{3}}{6}}{h} - f_{1}" in latex
    assert "(f1*h + f2*h**2/2 + f3*h**3/6)/h - f1" in text
    tanh = check_step("a shifted sigmoid", "tanh(z)", "2*sigma(2*z) - 1", names=SIGMA)
    assert repr(tanh).endswith("= 2*sigma(2*z) - 1   [a shifted sigmoid]") and r"- 1 \cdot 1" not in tanh._repr_latex_()
    relu = Derivation("q", "(Max(0, h) - 0)/h", symbols=[h])
    assert "(Max(0, h) - 0)/h" in repr(relu) and r"\max\left(0, h\right) - 0" in relu._repr_latex_()
    product = Derivation("p", "-a*b*c*d/6 + x*y*z")
    assert r"- \frac{a b c d}{6} + x y z" in product._repr_latex_() and "-a*b*c*d/6 + x*y*z" in repr(product)


def test_a_derivative_in_one_variable_is_d_dz_even_with_parameters():
    alpha = sp.Symbol("alpha", positive=True)
    d = Derivation(r"\mathrm{ELU}'(z)", "Derivative(alpha*(exp(z) - 1), z)", symbols=[alpha])
    latex = d._repr_latex_()
    assert r"\frac{d}{d z} \alpha \left(e^{z} - 1\right)" in latex and r"\partial" not in latex
    assert "Derivative(alpha*(exp(z) - 1), z)" in repr(d)


def test_a_derivative_in_z_reads_d_dz_and_one_in_a_parameter_stays_partial():
    alpha = sp.Symbol("alpha")
    in_z = Derivation("g'", "Derivative(Max(0, z) + alpha*Min(0, z), z)", symbols=[alpha])._repr_latex_()
    in_alpha = Derivation("g_alpha", "Derivative(Max(0, z) + alpha*Min(0, z), alpha)", symbols=[alpha])._repr_latex_()
    assert r"\frac{d}{d z}" in in_z and r"\frac{\partial}{\partial \alpha}" in in_alpha


def test_a_derivation_knows_the_formula_readers_functions_and_constants():
    """One list of names: what an exercise answer may write (sech, abs, e), a derivation may write too."""
    d = Derivation(r"\tanh'(z)", "Derivative(tanh(z), z)").step("textbook form", "sech(z)**2")
    assert sp.simplify(d.result - (1 - sp.tanh(actlib.z) ** 2)) == 0
    side = check_step("Python's spellings", "abs(z) + max(z, 0) - min(z, 0)", "2*abs(z)")
    assert side.steps[0][2] == 2 * sp.Abs(actlib.z)
    assert Derivation("f", "e**z").result == sp.exp(actlib.z)  # e is Euler's number, as in an answer
    with pytest.raises(StepError, match=r"unknown function foo\(\); known: .*Heaviside.*sech"):
        Derivation("f", "foo(z)")
