# The command line (cli/index.ts, `npx kyb` after `make build`). Included by the root Makefile.

verify: install ## Verify a file or folder in-process, no server: make verify FILE=docs/ [ARGS="--company-number 09446231 --csv out.csv"]
	@test -n "$(FILE)" || { echo "usage: make verify FILE=<file-or-folder> [ARGS=...]"; exit 2; }
	@npx tsx cli/index.ts verify "$(FILE)" $(ARGS)

kyb: install ## Run any CLI verb from the sources: make kyb ARGS="verify docs --json out.json" (ARGS=--help lists the verbs)
	@npx tsx cli/index.ts $(ARGS)

test-cli: install ## Run the command-line tests and the monitoring tests
	npx mocha 'test/cli/**/*.test.ts' 'test/monitoring/**/*.test.ts'

evidence-verify: install ## Check a tenant's tamper-evident evidence chain: make evidence-verify TENANT=<name or id> (exit 1 names the first broken record)
	@test -n "$(TENANT)" || { echo "usage: make evidence-verify TENANT=<name or id>"; exit 2; }
	@npx tsx cli/index.ts evidence verify --tenant "$(TENANT)"

redrive-task: install ## Re-open a failed task under a new generation (recorded) and send it again: make redrive-task TASK=<task id>
	@test -n "$(TASK)" || { echo "usage: make redrive-task TASK=<task id>"; exit 2; }
	@npx tsx cli/index.ts redrive --task "$(TASK)"

.PHONY: verify kyb test-cli evidence-verify redrive-task
