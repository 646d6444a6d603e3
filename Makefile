# The two commands of the README: `make run` and `make test`.
# Browser libraries come from npm at build time into a git-ignored folder
# that the binary embeds; nothing third-party is committed.

VENDOR := internal/web/static/vendor
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable

.PHONY: run test assets build bench clean load-posts load-planning load-checkins

run: assets
	go run ./cmd/duet serve --demo

test: assets
	scripts/test-deps.sh
	gofmt -l . | (! grep .) || (echo "gofmt: the files above need formatting" && exit 1)
	go vet ./...
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	DUET_TEST_DATABASE_URL="$${DUET_TEST_DATABASE_URL:-$(TEST_DATABASE_URL)}" go test -race -count=1 -timeout 30m ./...

build: assets
	go build -o bin/duet ./cmd/duet

bench: assets
	DUET_TEST_DATABASE_URL="$${DUET_TEST_DATABASE_URL:-$(TEST_DATABASE_URL)}" go test -run '^$$' -bench . -benchmem ./...

# Message posts, live fan-out and channel page render on both engines, each
# next to the engine's raw rate measured in the same run.
load-posts: assets
	go run ./scripts/load/posts

# Overview and task list pages with 5,000 tasks, and My work across 50
# workspaces, on both engines: p50 and p99 per page.
load-planning: assets
	go run ./scripts/load/planning

# The go/no-go page under concurrent answers, and one scheduler run
# opening 200 workspaces' check-ins, on both engines.
load-checkins: assets
	go run ./scripts/load/checkins

assets: $(VENDOR)/htmx.min.js $(VENDOR)/sse.js

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(VENDOR)/htmx.min.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $@

$(VENDOR)/sse.js: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/htmx-ext-sse/dist/sse.min.js $@

clean:
	rm -rf bin node_modules $(VENDOR)
