# Infrastructure targets (included by the root Makefile). Deploy-ish targets wrap `pulumi` / `aws`
# and need STACK=dev|staging|prod; pass extra CLI flags with ARGS=..., e.g. ARGS=--yes.
PULUMI ?= pulumi
FILE ?= .env
SINCE ?= 10m
POLICY_PACK := infra/policy

require-stack = $(if $(STACK),,$(error STACK is required, e.g. make $@ STACK=dev))
stack-output = $$($(PULUMI) stack output $(1) --stack $(STACK))

preflight: install ## Check tools, Docker, the Lambda build, the account's Lambda concurrency and Elastic IP quotas: make preflight STACK=prod
	$(call require-stack)
	npx tsx infra/scripts/preflight.ts $(STACK)

# The preview needs the Lambda zip (Pulumi hashes it) but never builds the API image (buildOnPreview: false).
preview: install build-lambda ## Show what a deploy would change, with the policy pack: make preview STACK=dev
	$(call require-stack)
	$(PULUMI) preview --stack $(STACK) --policy-pack $(POLICY_PACK) $(ARGS)

deploy: install build-lambda preflight ## Preflight, build the Lambda zip, deploy (the image is built and pushed by content tag): make deploy STACK=dev
	$(call require-stack)
	$(PULUMI) up --stack $(STACK) --policy-pack $(POLICY_PACK) $(ARGS)

destroy: install ## Destroy a stack (prod keeps protected resources): make destroy STACK=dev
	$(call require-stack)
	$(PULUMI) destroy --stack $(STACK) $(ARGS)

outputs: ## Print the stack outputs (API, docs, queue, DLQ, bucket, dashboard): make outputs STACK=dev
	$(call require-stack)
	$(PULUMI) stack output --stack $(STACK)

logs: ## Tail the API (ECS) and worker (Lambda) logs together: make logs STACK=dev [SINCE=1h]
	$(call require-stack)
	@region=$(call stack-output,region); api=$(call stack-output,apiLogGroup); worker=$(call stack-output,workerLogGroup); \
	trap 'kill 0' INT TERM; \
	aws logs tail "$$api" --follow --since $(SINCE) --region "$$region" & \
	aws logs tail "$$worker" --follow --since $(SINCE) --region "$$region" & \
	wait

check-health: ## GET the deployed API's /health: make check-health STACK=dev
	$(call require-stack)
	@url=$(call stack-output,apiUrl); echo "GET $$url/health"; curl -fsS --max-time 10 "$$url/health"; echo

redrive: install ## Move dead-lettered jobs back to the queue: make redrive STACK=dev [ARGS=...]
	$(call require-stack)
	QUEUE=sqs AWS_REGION=$(call stack-output,region) SQS_QUEUE_URL=$(call stack-output,queueUrl) SQS_DLQ_URL=$(call stack-output,dlqUrl) \
		npx tsx cli/redrive.ts $(ARGS)

config-from-env: install ## Set every known variable of a .env as stack config, secrets as secrets: make config-from-env FILE=.env STACK=dev
	$(call require-stack)
	npx tsx infra/scripts/config-from-env.ts --file $(FILE) --stack $(STACK) $(ARGS)

test-infra: install ## Run the infra unit tests alone (Pulumi mocks, policy pack, config-from-env)
	npx mocha --config infra/.mocharc.json

# StrykerJS 10 needs Node 22+ and its mocha runner does not load with mocha 12: Node 24 comes from the
# registry's node@24 package and the command runner runs mocha. Long on 2 cores: not part of CI.
STRYKER := npx -y -p node@24 -p @stryker-mutator/core@10.1.1 stryker
mutation-infra: install ## Mutation-test infra/policy and infra/components with StrykerJS; reports in reports/mutation/
	$(STRYKER) run infra/mutation/policy.json
	$(STRYKER) run infra/mutation/components.json

typecheck-infra: install ## Type-check the Pulumi program against the real @pulumi/aws and @pulumi/awsx types
	npx tsc --noEmit -p infra/tsconfig.json

.PHONY: preflight preview deploy destroy outputs logs check-health redrive config-from-env test-infra typecheck-infra mutation-infra
