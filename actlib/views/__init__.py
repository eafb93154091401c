"""What a learner looks at: figures, the derivative card and property tables, the explorer."""
from actlib.lazy import module_getattr

__getattr__ = module_getattr(__name__)  # actlib.training.nn without importing it first
