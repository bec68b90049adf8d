# The typed API client and the example page served at /app (see client/README.md).
CHROMIUM ?= /usr/bin/chromium

client: install ## Generate the typed client from the OpenAPI spec; build it and the /app page
	npx tsx client/scripts/build.ts
	npx tsc -p client/tsconfig.json
	npx tsc -p client/tsconfig.build.json

$(EXAMPLE_BUNDLE): $(NPM_STAMP) $(shell find client/src client/example/src -name '*.ts')
	npx tsx -e "require('./client/example/build').writeExampleBundle()"

test-browser: install $(EXAMPLE_BUNDLE) ## Drive the /app page in Chromium (says so loudly, and passes, when Chromium is missing)
	@if [ -x "$(CHROMIUM)" ]; then \
		CHROMIUM="$(CHROMIUM)" npx mocha --config test/browser/.mocharc.json; \
	else \
		echo "!!!!!!!! BROWSER TESTS DID NOT RUN: no Chromium at $(CHROMIUM) (apt-get install -y chromium, or make test-browser CHROMIUM=/path/to/chromium) !!!!!!!!"; \
	fi

.PHONY: client test-browser
