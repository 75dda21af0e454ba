"""What each view computes, as plain data (rows, tallies, curves, gaps), from the
project: no Markdown, no HTML. Pages and exports turn it into output."""
