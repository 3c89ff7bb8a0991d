# Sourced by scripts/run and scripts/test: a virtual environment made with the Python at hand.
# A system Python is "externally managed" on Debian, Ubuntu, Fedora and Homebrew (PEP 668) and
# refuses `pip install`; a virtual environment works the same there, under pyenv, and anywhere.
# Never --break-system-packages, never sudo pip.

# The Python to build environments from: $PYTHON, else python3.
mm_python() {
  local py="${PYTHON:-python3}"
  if ! command -v "$py" >/dev/null; then
    echo "error: no $py found; Mastermind needs Python 3.11 or newer" >&2
    exit 1
  fi
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "error: $("$py" --version 2>&1) is too old; Mastermind needs Python 3.11 or newer" >&2
    exit 1
  fi
  echo "$py"
}

# ensure_venv DIR: make a virtual environment in DIR unless one is there already.
ensure_venv() {
  local venv="$1" py
  py="$(mm_python)"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    return 0
  fi
  if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv apart: python3-venv (or python3.X-venv).
    local pkg="python3-venv" sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if command -v apt-get >/dev/null && { [ -z "$sudo" ] || command -v sudo >/dev/null; }; then
      echo "installing $pkg (Python's venv module, missing here)" >&2
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >/dev/null
    else
      echo "error: $py has no venv module; install it (Debian/Ubuntu: apt-get install $pkg)" >&2
      exit 1
    fi
  fi
  "$py" -m venv "$venv"
}
