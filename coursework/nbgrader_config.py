# nbgrader configuration for a course built on actlib's notebooks (copy it into your course directory).
c = get_config()  # noqa: F821 (provided by nbgrader)

# A blank answer must give "Not answered yet" feedback, not stop "Run All": stub with `answer = ...`
# instead of nbgrader's default `raise NotImplementedError()`. (nbgrader also clears every output in
# the released copy, as usual; students run the notebook to see figures and feedback.)
c.ClearSolutions.code_stub = {"python": "answer = ...  # YOUR ANSWER HERE"}
