# SharpKube build entry points. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
DATA_DIR ?= /var/lib/sharpkube
RID ?= linux-$(shell uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')
# System packages the tests need: a real etcd for the etcd driver's tests and benchmarks; containerd, runc, the CNI
# plugins, iptables (for their portmap and masquerade rules), a static busybox and a C toolchain for the kubelet's
# tests, which run pods on a real containerd from images built from busybox (and a pause built with gcc); nftables and
# conntrack for the service proxy, dig for the DNS tests, dnsperf and dnsmasq for `sharpkube bench dns`.
APT_PACKAGES := etcd-server etcd-client containerd runc containernetworking-plugins iptables busybox-static gcc libc6-dev \
	nftables conntrack bind9-dnsutils dnsperf dnsmasq-base iproute2

.PHONY: all build test run deps clean

all: build

## build: publish the CLI as one ReadyToRun file, so that ./bin/sharpkube runs from the repository root and starts
## without compiling itself first, and write the node's offline images (bin/images/pause.tar, bin/images/busybox.tar)
build:
	$(DOTNET) publish src/SharpKube.Cli/SharpKube.Cli.csproj -c $(CONFIG) -o bin --nologo -v quiet \
		-r $(RID) --self-contained false -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
		-p:PublishReadyToRun=true \
		-p:DebugType=embedded -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false
	@./bin/sharpkube version
	./bin/sharpkube images build --output-dir bin/images

## test: install missing system packages (as root), build everything, run every test
test: deps build
	$(DOTNET) build SharpKube.slnx -c $(CONFIG) --nologo -v quiet
	$(DOTNET) test SharpKube.slnx -c $(CONFIG) --no-build --nologo --blame-hang-timeout 10m

## run: build and start `sharpkube server` with its defaults
run: build
	./bin/sharpkube server --data-dir $(DATA_DIR)

## deps: apt-get install what the tests need, when running as root and something is missing
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "missing packages:$$missing (run make test as root, or install them)"; exit 1; fi; \
	echo "installing:$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing

clean:
	rm -rf bin artifacts
	find src tests bench -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
