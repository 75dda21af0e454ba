"""Reading the project's files into the model: front matter with a line for every value,
personas, maps and knowledge-base pages, the cache, and the checks across files."""
