# One entry point for people and CI. Every target installs what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM_STAMP := node_modules/.install-stamp
# The /app page's script, built from client/ sources before the API serves it (rule in client/client.mk).
EXAMPLE_BUNDLE := client/example/dist/app.js
export NODE_OPTIONS ?= --enable-source-maps

# Every target runs on the project's Node 24: `npm ci` installs the registry's `node` package (a pinned
# devDependency) and its binary comes first on the PATH. The first `npm ci` runs on the machine's Node.
MACHINE_NODE := $(shell node --version 2>/dev/null)
MACHINE_NODE_OLDER := $(shell node -e 'process.exit(+process.versions.node.split(".")[0] < 24 ? 0 : 1)' 2>/dev/null || echo no)
export PATH := $(CURDIR)/node_modules/node/bin:$(PATH)
ifeq ($(MAKELEVEL)$(MACHINE_NODE_OLDER),0)
$(info Using the project's Node 24 (node_modules/node/bin): this machine's Node is $(MACHINE_NODE).)
endif

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(NPM_STAMP) ## Install dependencies (npm ci) when package.json or the lock changed

dev: install $(EXAMPLE_BUNDLE) ## Run the whole system locally on embedded defaults (API, worker, Postgres)
	npx tsx --single-threaded-gc service/server.ts

generate: install ## Regenerate tsoa routes, the OpenAPI spec and the typed client
	npx tsoa spec-and-routes -c service/tsoa.json
	npx tsx service/spec.ts service/generated/openapi.json
	$(MAKE) --no-print-directory client

typecheck: install ## Type-check everything with strict settings
	npx tsc --noEmit -p tsconfig.json
	npx tsc --noEmit -p client/tsconfig.json
	npx tsc --noEmit -p infra/tsconfig.json

lint: install ## Lint and check formatting
	npx eslint .
	npx prettier --check .

lint-api: install ## Lint the OpenAPI spec with Redocly's recommended rules (redocly.yaml); any error fails
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint service/generated/openapi.json

# Test files run in this many processes, each with a Postgres of its own; files keep apart by their own tenants and databases.
TEST_JOBS ?= 2

test: install $(EXAMPLE_BUNDLE) ## Run every test: API, worker, infra, browser, and the spec's lint
	$(MAKE) --no-print-directory lint-api
	npx mocha --parallel --jobs $(TEST_JOBS) 'test/**/*.test.ts'
	$(MAKE) --no-print-directory test-infra
	$(MAKE) --no-print-directory test-browser

.PHONY: help install dev generate typecheck lint lint-api test

# Each area keeps its own targets beside its code.
include $(wildcard infra/infra.mk worker/worker.mk worker/reading.mk worker/forensics.mk client/client.mk bench/bench.mk bench/loadtest.mk cli/cli.mk)

api-key: install ## Create an API key for TENANT=name [ROLE=submitter|reviewer|admin] (the key is the last line printed)
	@test -n "$(TENANT)" || { echo "usage: make api-key TENANT=name [ROLE=submitter|reviewer|admin]"; exit 2; }
	@npx tsx cli/api-key.ts create --tenant "$(TENANT)" --role "$(or $(ROLE),submitter)"

revoke-api-key: install ## Revoke an API key: KEY=<key id or key>
	@test -n "$(KEY)" || { echo "usage: make revoke-api-key KEY=<id or key>"; exit 2; }
	@npx tsx cli/api-key.ts revoke "$(KEY)"

.PHONY: api-key revoke-api-key
