#!/bin/sh
# Trunk post_build hook step (see Trunk.toml): builds the app's other wasm builds into the
# visitor build's staging directory, in the same profile, each with its index.html and
# Trunk.toml in its folder: the results build (src/bin/results.rs, results/: loaded into the
# app's page when the questionnaire ends, through results/start.js, written here), and the
# clinic's own pages, so that visitors never download their code: the setup page
# (src/bin/setup.rs, setup/) and staff mode (src/bin/staff.rs, staff/).
set -eu
: "${TRUNK_STAGING_DIR:?run me as a Trunk hook}"
release=""
[ "${TRUNK_PROFILE:-debug}" = "release" ] && release="--release"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for page in results setup staff; do
  # shellcheck disable=SC2086
  trunk build $release --config "$page/Trunk.toml" --dist "$TRUNK_STAGING_DIR/$page"
done
node scripts/results-loader.mjs "$TRUNK_STAGING_DIR/results"
