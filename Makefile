# Cairn — common tasks. `make test` is what CI runs (see .ci/run).
.PHONY: run test bench fuzz lint

run:
	go run ./cmd/cairn serve --demo

test:
	go test -race ./...

lint:
	gofmt -l . && go vet ./...

# Benchmarks and long checks stay out of CI.
bench:
	go test -run '^$$' -bench . -benchmem ./calendar/ ./schedule/

fuzz:
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./planfile/
	go test -run '^$$' -fuzz FuzzParseDuration -fuzztime 30s ./domain/
	go test -run '^$$' -fuzz FuzzCalendar -fuzztime 30s ./calendar/
