#!/bin/sh
# Trunk post_build hook step (see Trunk.toml): builds the clinic's own pages, each its own wasm
# so that visitors never download their code, into the visitor build's staging directory, in
# the same profile: the setup page (src/bin/setup.rs, setup/) and staff mode
# (src/bin/staff.rs, staff/). Each has its index.html and Trunk.toml in its folder.
set -eu
: "${TRUNK_STAGING_DIR:?run me as a Trunk hook}"
release=""
[ "${TRUNK_PROFILE:-debug}" = "release" ] && release="--release"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for page in setup staff; do
  # shellcheck disable=SC2086
  trunk build $release --config "$page/Trunk.toml" --dist "$TRUNK_STAGING_DIR/$page"
done
