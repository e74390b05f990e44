# Developer commands. `make help` lists them.
# PYTHON must be the interpreter where Odoo 18.0 is installed.
PYTHON ?= python3

.PHONY: help run test lint bench load

help: ## list the targets
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-6s %s\n", $$1, $$2}'
	@echo "  (PYTHON=$(PYTHON); see tools/run_tests.py --help, tools/run_server.py --help)"

run: ## install/update our addons with demo data in ECABINET_DB and serve it on :8069
	$(PYTHON) tools/run_server.py

test: ## install every addon in a fresh database, run its Odoo tests and the linters
	$(PYTHON) tools/run_tests.py

lint: ## ruff check, ruff format --check, pylint-odoo mandatory checks
	$(PYTHON) tools/run_tests.py --lint-only

bench: ## run every bench/*.py (files starting with _ are helpers, not run)
	@set -e; found=0; \
	for script in bench/*.py; do \
		[ -e "$$script" ] || continue; \
		case "$$(basename "$$script")" in _*) continue;; esac; \
		found=1; \
		echo "== $$script"; \
		$(PYTHON) "$$script"; \
	done; \
	[ "$$found" = 1 ] || echo "no benchmark in bench/"

load: ## 200 members open a session and vote at once on Odoo --workers=4 (bench/load_vote.py)
	$(PYTHON) bench/load_vote.py
