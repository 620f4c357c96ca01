#!/usr/bin/env bash
# Shared set-up for ./run and ./test: system packages, .venv, pinned dependencies.
# Usage: source scripts/bootstrap.sh runtime|test
# Idempotent and quick when nothing changed (a stamp file remembers what was installed).
set -euo pipefail

MD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MD_VENV="$MD_ROOT/.venv"
purpose="${1:-runtime}"

# Debian packages: Qt's xcb/EGL libraries and CJK fonts to run the app; Xvfb, poppler and
# LibreOffice Writer for the document and screen checks of the test suite.
runtime_pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libx11-xcb1 fonts-wqy-zenhei fonts-noto-cjk)
test_pkgs=(xvfb xauth poppler-utils libreoffice-writer-nogui binutils)  # binutils: objdump/objcopy for PyInstaller

need_pkgs=("${runtime_pkgs[@]}")
[ "$purpose" = "test" ] && need_pkgs+=("${test_pkgs[@]}")

md_py() {
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

PY="$(md_py)" || { echo "需要 Python 3.11 或更高版本 / Python 3.11+ is required" >&2; exit 1; }

# venv needs ensurepip, which Debian ships separately (python3.X-venv).
if [ ! -x "$MD_VENV/bin/python" ] && ! "$PY" -c 'import ensurepip' >/dev/null 2>&1; then
  pyver="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  need_pkgs+=("python${pyver}-venv")
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${need_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "==> 安装系统软件包 / installing system packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "缺少系统软件包，请先运行 / missing system packages, please run:" >&2
      echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
  fi
fi

if [ ! -x "$MD_VENV/bin/python" ]; then
  echo "==> 创建虚拟环境 / creating .venv"
  "$PY" -m venv "$MD_VENV"
fi

stamp="$MD_VENV/.meetingdesk-installed"
want="$(cat "$MD_ROOT/requirements.lock" "$MD_ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> 安装依赖（固定版本）/ installing pinned dependencies"
  "$MD_VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$MD_VENV/bin/python" -m pip install -q -r "$MD_ROOT/requirements.lock"
  "$MD_VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$MD_ROOT"
  echo "$want" > "$stamp"
fi
export PATH="$MD_VENV/bin:$PATH"
