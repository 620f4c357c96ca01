#!/usr/bin/env bash
# Build the one-folder application with PyInstaller, then prove it works: run the smoke test INSIDE
# the frozen build (database + migrations, demo data, .docx, .pdf, .xlsx, search, the main window).
# Not part of ./test (it takes a few minutes).        Usage: scripts/build_frozen.sh [--no-build]
# Result: dist/MeetingDesk/ (zip or package it as it is; see README "打包 / Building").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh test   # .venv with the pinned dependencies, PyInstaller among them

if [ "${1:-}" != "--no-build" ]; then
  echo "==> PyInstaller"
  started=$(date +%s)
  pyinstaller build.spec --noconfirm --clean --log-level WARN
  echo "==> built in $(( $(date +%s) - started )) s: dist/MeetingDesk ($(du -sh dist/MeetingDesk | cut -f1))"
fi

echo "==> smoke test inside the frozen build"
# A clean environment: nothing from the source tree or the virtualenv can leak into the frozen program.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
cd "$home"
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 MEETINGDESK_HOME="$home/data" QT_QPA_PLATFORM=offscreen \
  "$OLDPWD/dist/MeetingDesk/meetingdesk-cli" --smoke-test
echo "==> frozen build OK"
