#!/usr/bin/env bash
# Runs a command in the running dev container, in the repo's folder (start it first with
# start-devcontainer.sh). Example: .devcontainer/exec-in-devcontainer.sh node common/scripts/test-all.js
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  echo "usage: .devcontainer/exec-in-devcontainer.sh <command> [args...]" >&2
  exit 2
fi
exec npx --yes @devcontainers/cli@0.89.0 exec --workspace-folder . "$@"
