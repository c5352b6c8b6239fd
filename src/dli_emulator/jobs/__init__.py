"""The job layer: one function per API operation, the state machine that runs jobs, and what a
job's files and settings look like. Below HTTP, above the engines and the stores."""
