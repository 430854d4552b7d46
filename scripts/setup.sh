#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; quick when all is present.
#
#   scripts/setup.sh            run it on its own, or
#   source scripts/setup.sh     from scripts/serve.sh and scripts/test.sh (also sets PATH etc.)
#
# What it installs (each only when missing or in the wrong version):
#   - the Rust target wasm32-unknown-unknown           (rustup)
#   - Trunk 0.21.14                                    (cargo install --locked)
#   - wasm-bindgen-cli, in exactly the version of the wasm-bindgen crate in Cargo.lock
#     (wasm-bindgen and wasm-bindgen-test-runner)      (cargo install)
#   - every crate in Cargo.lock, for all targets       (cargo fetch; Trunk builds offline)
#   - binaryen (wasm-opt), terser (scripts/minify-js.mjs), playwright-core, axe-core,
#     lighthouse 12 (scripts/bench.sh)                 (npm ci, from package-lock.json)
#   - chromium and chromium-driver                     (apt-get, Debian)
#   - Python checkers of the export tests: icalendar, fhir.resources (R4B models),
#     zxing-cpp, pillow                                (python3 -m pip)
# Needs: rustup + cargo, node >= 20 + npm, python3 + pip, and root or sudo for apt-get.

set -euo pipefail

MESO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"

say() { printf '==> %s\n' "$*"; }
die() {
  printf 'setup: error: %s\n' "$*" >&2
  exit 1
}

# Tools installed by cargo, and wasm-opt from npm, must come first on PATH: Trunk looks its
# tools up there (it never downloads them: Trunk.toml sets offline = true).
export PATH="$MESO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk's own update check would call out to the network on every start.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# The version of a crate in Cargo.lock (first match), e.g. lock_version wasm-bindgen.
lock_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
  ' "$MESO_ROOT/Cargo.lock"
}

setup_apt() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -x "$CHROMEDRIVER" ] || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} (apt-get)"
    as_root apt-get update -qq
    # With the recommended packages, as on the machines these tests were verified on.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [ -x "$CHROMEDRIVER" ] || die "chromedriver not found at $CHROMEDRIVER"
}

setup_rust() {
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"
  command -v rustup >/dev/null 2>&1 || die "rustup not found: install Rust with rustup first"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (cargo install, takes a few minutes once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi

  local bindgen
  bindgen="$(lock_version wasm-bindgen)"
  [ -n "$bindgen" ] || die "no wasm-bindgen in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "installing wasm-bindgen-cli $bindgen (cargo install, takes a few minutes once)"
    # Not --locked: the CLI's own lock file can pin crates that no longer build.
    cargo install wasm-bindgen-cli --version "$bindgen" --force
  fi

  # Fetch every crate (all targets) now, so Trunk's offline cargo build finds them.
  (cd "$MESO_ROOT" && cargo fetch --quiet)
}

setup_node() {
  command -v node >/dev/null 2>&1 || die "node not found: install Node.js 20 or newer"
  command -v npm >/dev/null 2>&1 || die "npm not found: install npm"
  local stamp="$MESO_ROOT/node_modules/.setup-stamp" want
  want="$(cat "$MESO_ROOT/package.json" "$MESO_ROOT/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm packages (npm ci: binaryen, terser, playwright-core, axe-core, lighthouse)"
    (cd "$MESO_ROOT" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    printf '%s\n' "$want" >"$stamp"
  fi
  [ "$(wasm-opt --version 2>/dev/null || true)" = "wasm-opt version 132 (version_132)" ] ||
    die "wasm-opt is not binaryen 132: $(command -v wasm-opt || echo missing)"
}

# The export tests (tests/export_*.rs) check their output with parsers nobody here wrote:
# tests/py/*.py import these. Each is installed only when it cannot be imported.
PY_PACKAGES=(
  "icalendar:icalendar>=6,<8"
  "fhir.resources.R4B.bundle:fhir.resources>=7.1,<9"
  "zxingcpp:zxing-cpp>=2.2,<4"
  "PIL.ImageDraw:pillow>=10,<14"
)

setup_python() {
  command -v python3 >/dev/null 2>&1 || die "python3 not found: install Python 3.9 or newer"
  local missing=()
  # One interpreter checks every import and prints the specs of the missing packages.
  mapfile -t missing < <(python3 - "${PY_PACKAGES[@]}" <<'PY'
import importlib, sys
for entry in sys.argv[1:]:
    module, spec = entry.split(":", 1)
    try:
        importlib.import_module(module)
    except Exception:
        print(spec)
PY
  )
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Python packages ${missing[*]} (pip)"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
      "${missing[@]}" ||
      die "pip could not install ${missing[*]} (in a managed Python, activate a virtualenv first)"
  fi
}

setup_all() {
  say "checking tools (scripts/setup.sh)"
  setup_apt
  setup_rust
  setup_node
  setup_python
  say "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | cut -d' ' -f3), $(chromium --version 2>/dev/null | cut -d' ' -f1-2)"
}

setup_all
