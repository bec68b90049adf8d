# Worker and production builds. Included by the root Makefile.
# `make redrive STACK=...` (infra/infra.mk) runs cli/redrive.ts against a deployed stack.

build: install ## Compile the service, worker and CLI to dist/ (run with: node dist/service/server.js, or npx kyb)
	rm -rf dist/service dist/worker dist/cli
	npx tsc -p tsconfig.build.json
	chmod +x dist/cli/index.js
	@# npm links a package's bins for its dependants, never for itself: link ours so `npx kyb` finds it here.
	ln -sf ../../dist/cli/index.js node_modules/.bin/kyb
	@# The /app example page the service mounts: its static files and script beside the compiled router.
	npx tsx -e "require('./client/example/build').writeExampleBundle()"
	mkdir -p dist/client/example && cp -r client/example/public client/example/dist dist/client/example/

build-lambda: install ## Bundle the worker Lambda into dist/lambda/worker.zip (sharp linux-x64, OCR model, fonts)
	npx tsx scripts/build-lambda.ts

bench-lambda: build-lambda ## Print the Lambda zip size and the handler's cold start (module load + first OCR worker)
	npx tsx scripts/bench-lambda.ts

failed-documents: install ## List failed documents with their reasons (ARGS="--limit 20 --tenant <id> --json")
	@npx tsx cli/failed.ts $(ARGS)

.PHONY: build build-lambda bench-lambda failed-documents
