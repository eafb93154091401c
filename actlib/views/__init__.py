"""What a learner looks at: figures, the derivative card and property tables, the explorer."""
