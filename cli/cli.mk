# The command line (cli/index.ts, `npx kyb` after `make build`). Included by the root Makefile.

verify: install ## Verify a file or folder in-process, no server: make verify FILE=docs/ [ARGS="--company-number 09446231 --csv out.csv"]
	@test -n "$(FILE)" || { echo "usage: make verify FILE=<file-or-folder> [ARGS=...]"; exit 2; }
	@npx tsx cli/index.ts verify "$(FILE)" $(ARGS)

kyb: install ## Run any CLI verb from the sources: make kyb ARGS="verify docs --json out.json" (ARGS=--help lists the verbs)
	@npx tsx cli/index.ts $(ARGS)

test-cli: install ## Run the command-line tests and the monitoring tests
	npx mocha 'test/cli/**/*.test.ts' 'test/monitoring/**/*.test.ts'

.PHONY: verify kyb test-cli
