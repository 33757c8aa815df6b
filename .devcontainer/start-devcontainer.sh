#!/usr/bin/env bash
# Starts (or reuses) this repo's dev container with the Dev Containers CLI: Node 22, Terraform 1.11 and
# the AWS CLI, the repo installed and built (postCreateCommand). Needs Docker and Node; the CLI version is
# pinned here so every developer gets the same container.
# Usage: .devcontainer/start-devcontainer.sh [--remove-existing-container]
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx --yes @devcontainers/cli@0.89.0 up --workspace-folder . "$@"
