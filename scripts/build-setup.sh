#!/bin/sh
# Trunk post_build hook step (see Trunk.toml): builds the clinic setup page (src/bin/setup.rs,
# setup/index.html, setup/Trunk.toml) into the visitor build's staging directory as setup/, in
# the same profile. Its own wasm, so that visitors never download the setup page's code.
set -eu
: "${TRUNK_STAGING_DIR:?run me as a Trunk hook}"
release=""
[ "${TRUNK_PROFILE:-debug}" = "release" ] && release="--release"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck disable=SC2086
exec trunk build $release --config setup/Trunk.toml --dist "$TRUNK_STAGING_DIR/setup"
