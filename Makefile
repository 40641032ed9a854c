# kvdesk — make run: open the app; make test: lint, type check and the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test lint typecheck pytest bench package screenshot clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  echo "No display: run 'xvfb-run make run', or render off screen: QT_QPA_PLATFORM=offscreen $(BIN)/kvdesk --screenshot kvdesk.png"; \
	  exit 1; fi
	$(BIN)/kvdesk

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check kvdesk tests packaging

typecheck: $(STAMP)
	$(BIN)/mypy

# Exit status 5 (no tests collected) fails like any other non-zero status.
pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not benchmark" tests

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m benchmark -s tests/benchmarks

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/kvdesk --data-dir "$$(mktemp -d)" --screenshot docs/screenshot.png

# The English interface: gather the strings of kvdesk/gui into the .ts (new ones unfinished, gone
# ones dropped), then compile the .qm the application loads. Translate in the .ts, then run again.
.PHONY: translations
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -source-language nl_NL -target-language en_GB \
	  $(sort $(wildcard kvdesk/gui/*.py)) -ts resources/i18n/kvdesk_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/kvdesk_en.ts -qm resources/i18n/kvdesk_en.qm

package: $(STAMP)
	$(MAKE) -C packaging all PYTHON=$(abspath $(BIN)/python)

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
