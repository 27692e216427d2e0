"""One module per command: each parses its options, makes its core calls and hands the results to a renderer."""
