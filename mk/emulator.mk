# The emulator's verbs: serve it, and show it working end to end.
.PHONY: emulator demo

## emulator: serve the DLI API on HOST:PORT with its state in DATA_DIR (development credentials are printed)
emulator: install
	$(BIN)/dli-emulator --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

## demo: start an emulator on a free port, create a table, run a query through the generated client, print the result
demo: install
	$(PY) scripts/demo.py
