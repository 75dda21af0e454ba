"""The model: the records of maps and personas (persona, journey map, stage, touchpoint,
opportunity, question), the field vocabulary that validates and describes them, the
problems found in them and the project that holds them all. Knows nothing else."""
