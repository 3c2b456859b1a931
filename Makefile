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
	go test -run '^$$' -bench . -benchmem ./calendar/ ./schedule/ ./level/ ./load/ ./cost/ ./evm/ ./xer/ ./csvplan/

fuzz:
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 60s ./planfile/
	go test -run '^$$' -fuzz '^FuzzWrite$$' -fuzztime 30s ./planfile/
	go test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime 60s ./mspdi/
	go test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime 60s ./xer/
	go test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime 60s ./csvplan/
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 30s ./riskfile/
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 30s ./backup/
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 30s ./psplib/
	go test -run '^$$' -fuzz '^FuzzParseSolutions$$' -fuzztime 30s ./psplib/
	go test -run '^$$' -fuzz '^FuzzParseDuration$$' -fuzztime 30s ./domain/
	go test -run '^$$' -fuzz '^FuzzParseMoney$$' -fuzztime 30s ./domain/
	go test -run '^$$' -fuzz '^FuzzCalendar$$' -fuzztime 30s ./calendar/
	go test -run '^$$' -fuzz '^FuzzEscape$$' -fuzztime 30s ./gantt/
