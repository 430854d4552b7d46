#!/usr/bin/env bash
# Builds the web app and serves it on this machine only, installing whatever is missing first
# (scripts/setup.sh). Works from any directory; stop it with Ctrl-C.
#   PORT=8080 (default)      the port on 127.0.0.1
#   scripts/serve.sh --release   extra arguments go to `trunk serve` (here: an optimised build)
# Trunk rebuilds on every change under the project; reload the page by hand (the strict CSP
# leaves no room for Trunk's live-reload script, see Trunk.toml).

set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$MESO_ROOT"

PORT="${PORT:-8080}"
echo
say "serving the app at http://127.0.0.1:$PORT/ (after the first build; Ctrl-C stops it)"
exec trunk serve --address 127.0.0.1 --port "$PORT" --open false "$@"
