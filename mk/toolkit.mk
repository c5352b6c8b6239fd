# The toolkit's own verbs: the `dli` command line in a real terminal.
.PHONY: cli-terminal

## cli-terminal: `dli` typed into bash in tmux against a loopback emulator (installs tmux when missing)
cli-terminal: install
	bash scripts/ensure_deb.sh tmux tmux
	mkdir -p reports
	DLI_TERMINAL=1 $(BIN)/pytest tests/terminal --junitxml=reports/cli-terminal.xml

TEST_EXTRA += cli-terminal
