# The project's commands. `make help` lists them.
# Each first runs tools/bootstrap.py, which sets up what it needs, idempotently:
# a Python 3.10-3.12 (PYTHON), the virtual environment .venv, Odoo 18.0
# (ODOO_SOURCE, ODOO_REF), Odoo's and our Python packages, the Debian packages,
# and PostgreSQL (PGHOST/PGPORT/PGUSER, else the project's own cluster in
# .odoo-data/pg). See README.md.
PYTHON ?=
BOOTSTRAP = $(or $(PYTHON),python3) tools/bootstrap.py
# Options of tools/run_tests.py / tools/run_server.py, e.g.
#   make test TEST_ARGS="--addons ecabinet_base --no-lint"
TEST_ARGS ?=
RUN_ARGS ?=

.PHONY: help run test lint bench load scale-demo setup stop

help: ## list the targets
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-6s %s\n", $$1, $$2}'
	@echo "  (variables: PYTHON ODOO_SOURCE ODOO_REF PGHOST PGPORT PGUSER ECABINET_DB"
	@echo "   ECABINET_PORT TEST_ARGS RUN_ARGS SCALE_ARGS; see README.md)"

run: ## set up, install/update our addons with demo data in ECABINET_DB, serve it on :8069
	@$(BOOTSTRAP) run -- python tools/run_server.py $(RUN_ARGS)

test: ## set up, install every addon in a fresh database, run its Odoo tests and the linters
	@$(BOOTSTRAP) test -- python tools/run_tests.py $(TEST_ARGS)

lint: ## ruff check, ruff format --check, pylint-odoo mandatory checks
	@$(BOOTSTRAP) lint -- python tools/run_tests.py --lint-only

setup: ## only the set-up (Python, Odoo, packages, PostgreSQL)
	@$(BOOTSTRAP) setup

stop: ## stop the server of `make run` and the project's PostgreSQL cluster
	@$(BOOTSTRAP) stop

bench: ## run every bench/*.py (files starting with _ are helpers, not run)
	@$(BOOTSTRAP) bench -- sh -c 'set -e; found=0; \
	for script in bench/*.py; do \
		[ -e "$$script" ] || continue; \
		case "$$(basename "$$script")" in _*) continue;; esac; \
		found=1; \
		echo "== $$script"; \
		python "$$script"; \
	done; \
	[ "$$found" = 1 ] || echo "no benchmark in bench/"'

load: ## 200 members open a session and vote at once on Odoo --workers=4 (bench/load_vote.py)
	@$(BOOTSTRAP) bench -- python bench/load_vote.py

scale-demo: ## 2 Odoo servers behind nginx, a PostgreSQL primary and replica; votes, bus, a server killed (tools/scale_demo.py)
	@$(BOOTSTRAP) scale -- python tools/scale_demo.py $(SCALE_ARGS)
