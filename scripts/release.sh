#!/usr/bin/env bash
# Builds the download packages and smoke-tests each one:
#
#   windows        dist/yishi-VERSION-windows-x86_64.zip     (cross-built with MinGW, tested under Wine)
#   linux-x86_64   dist/yishi-VERSION-linux-x86_64.tar.gz    (static, musl; runs on any distribution)
#   linux-arm64    dist/yishi-VERSION-linux-arm64.tar.gz     (static, musl; tested under qemu-user)
#
# Each package holds the program, 使用说明.txt, the sample batch (样例, with a yishi.toml that
# fixes the check day) and a blank workspace (工作区) written by the package's own `yishi init`.
# The smoke test unpacks the package into a folder whose name has Chinese and a space, runs the
# packaged program there and compares what it does with a reference build for this machine
# (a native release build, or --reference BIN): the check's JSON and text byte for byte, every PDF
# of the sample byte for byte, the double-click mode's outputs, `init` in a Chinese path with
# spaces, and line ends (CRLF on Windows). Results, with sizes and times: dist/release-report.txt.
#
# Usage: scripts/release.sh [--reference BIN] [windows] [linux-x86_64] [linux-arm64]
# (no package named: all three). On Debian as root, missing tools are installed with apt-get and
# rustup; elsewhere the script names what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

REFERENCE=""
PACKAGES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reference) REFERENCE=$(realpath "$2"); shift 2 ;;
    windows | linux-x86_64 | linux-arm64) PACKAGES+=("$1"); shift ;;
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#PACKAGES[@]} -gt 0 ] || PACKAGES=(windows linux-x86_64 linux-arm64)

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
DIST=$ROOT/dist
TODAY=2026-11-22
# Packages are the same bytes for the same commit: file times are the commit's.
EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
REPORT=$DIST/release-report.txt
mkdir -p "$DIST"
: >"$REPORT"

say() { printf '%s\n' "$*" | tee -a "$REPORT"; }
fail() { say "FAIL: $*"; FAILED=1; }
FAILED=0

# ------------------------------------------------------------------------ tools ----

as_root() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# Debian packages, installed when missing (as root), else named.
need_debs() {
  local missing=()
  for deb in "$@"; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if as_root; then
    if printf '%s\n' "${missing[@]}" | grep -q ':arm64$' &&
      ! dpkg --print-foreign-architectures | grep -qx arm64; then
      dpkg --add-architecture arm64
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "release.sh: install the Debian packages ${missing[*]}" >&2
    exit 1
  fi
}

need_target() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.0f", b - a }'; }
size_of() { stat -c %s "$1"; }
mib() { awk -v n="$1" 'BEGIN { printf "%.1f MiB", n / 1048576 }'; }

# ------------------------------------------------------------------- reference ----

if [ -z "$REFERENCE" ]; then
  start=$(seconds)
  nice -n 10 cargo build --release --locked --bin yishi
  REFERENCE=$ROOT/target/release/yishi
  say "reference: native release build, $(elapsed "$start") s"
else
  say "reference: $REFERENCE"
fi
[ -x "$REFERENCE" ] || { echo "release.sh: no reference program at $REFERENCE" >&2; exit 1; }

# -------------------------------------------------------------------- targets ----

# The Rust target, the packaged program's name and the archive's extension of a package.
triple_of() {
  case "$1" in
    windows) echo x86_64-pc-windows-gnu ;;
    linux-x86_64) echo x86_64-unknown-linux-musl ;;
    linux-arm64) echo aarch64-unknown-linux-musl ;;
  esac
}
program_of() { [ "$1" = windows ] && echo yishi.exe || echo yishi; }
platform_of() {
  case "$1" in
    windows) echo "Windows 10/11 x86_64" ;;
    linux-x86_64) echo "Linux x86_64（静态编译）" ;;
    linux-arm64) echo "Linux ARM64 / aarch64（静态编译）" ;;
  esac
}

# Tools for building and for running the result on this machine.
prepare() {
  case "$1" in
    windows)
      need_debs gcc-mingw-w64-x86-64 wine wine64
      need_target x86_64-pc-windows-gnu
      ;;
    linux-x86_64)
      need_debs musl-tools
      need_target x86_64-unknown-linux-musl
      ;;
    linux-arm64)
      need_debs gcc-aarch64-linux-gnu musl-dev:arm64 qemu-user
      need_target aarch64-unknown-linux-musl
      ;;
  esac
}

# The C code (mimalloc, Typst's stack growth) is compiled against musl's headers, and the
# program linked with Rust's own musl start files and libc: a static program. Symbols are
# stripped from what is shipped (about a quarter of the Windows program).
build() {
  local triple
  triple=$(triple_of "$1")
  export CARGO_PROFILE_RELEASE_STRIP=symbols
  case "$1" in
    windows)
      nice -n 10 cargo build --release --locked --bin yishi --target "$triple"
      ;;
    linux-x86_64)
      CC_x86_64_unknown_linux_musl=musl-gcc \
        nice -n 10 cargo build --release --locked --bin yishi --target "$triple"
      ;;
    linux-arm64)
      local cc=$ROOT/target/aarch64-linux-musl-gcc
      mkdir -p "$ROOT/target"
      printf '#!/bin/sh\nexec aarch64-linux-gnu-gcc "$@" -specs /usr/lib/aarch64-linux-musl/musl-gcc.specs\n' >"$cc"
      chmod +x "$cc"
      CC_aarch64_unknown_linux_musl=$cc AR_aarch64_unknown_linux_musl=aarch64-linux-gnu-ar \
        CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc \
        nice -n 10 cargo build --release --locked --bin yishi --target "$triple"
      ;;
  esac
}

WINEPREFIX_DIR=$DIST/smoke/wine
# Runs the packaged program of a package: under Wine for Windows (Chinese paths need a UTF-8
# locale: Wine turns Unix names into Windows ones by it), under qemu-user for ARM64.
run_on() {
  local package=$1 program=$2
  shift 2
  case "$package" in
    windows)
      LC_ALL=C.UTF-8 WINEPREFIX=$WINEPREFIX_DIR WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
        DISPLAY="" wine "$program" "$@"
      ;;
    linux-arm64) qemu-aarch64 "$program" "$@" ;;
    *) "$program" "$@" ;;
  esac
}

# 使用说明.txt for a package: the lines of its platform, Windows's with CRLF and a byte-order mark.
readme() {
  local package=$1 program run pad keep drop
  program=$(program_of "$package")
  if [ "$package" = windows ]; then
    keep=W run=yishi pad="        "
  else
    keep=L run=./yishi pad="            "
  fi
  drop=$([ "$keep" = W ] && echo L || echo W)
  sed -e "/^$drop|/d" -e "s/^$keep|//" \
    -e "s|@VERSION@|$VERSION|; s|@PLATFORM@|$(platform_of "$package")|" \
    -e "s|@PROGRAM@|$program|; s|@PAD@|$pad|; s|@RUN@|$run|" \
    scripts/package/使用说明.txt |
    if [ "$package" = windows ]; then
      printf '\357\273\277'
      sed 's/$/\r/'
    else
      cat
    fi
}

# The folder a package unpacks to.
stage() {
  local package=$1 name=$2 binary=$3 dir=$DIST/stage/$2 program
  program=$(program_of "$package")
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$binary" "$dir/$program"
  [ "$package" = windows ] && cp "$DIST/smoke/bcryptprimitives.dll" "$dir/" # only to run init here
  readme "$package" >"$dir/使用说明.txt"
  cp -r fixtures/sample "$dir/样例"
  (cd "$dir" && run_on "$package" "./$program" init 工作区 >/dev/null &&
    run_on "$package" "./$program" init 样例-设置 >/dev/null)
  sed "s/^# today = $TODAY/today = $TODAY/" "$dir/样例-设置/yishi.toml" >"$dir/样例/yishi.toml"
  rm -rf "$dir/样例-设置" "$dir/bcryptprimitives.dll"
  grep -q "^today = $TODAY" "$dir/样例/yishi.toml" || { echo "release.sh: the sample's check day was not set" >&2; exit 1; }
}

# Same bytes for the same commit: sorted names, the commit's time, no owner.
archive() {
  local package=$1 name=$2
  (
    cd "$DIST/stage"
    rm -f "$DIST/$name.zip" "$DIST/$name.tar.gz"
    if [ "$package" = windows ]; then
      # Python's zipfile marks non-ASCII names as UTF-8 (flag bit 11), which Windows Explorer
      # reads; names without the flag are read in the OEM code page and come out garbled.
      python3 - "$name" "$DIST/$name.zip" "$EPOCH" <<'EOF'
import os, sys, time, zipfile
name, out, epoch = sys.argv[1], sys.argv[2], int(sys.argv[3])
stamp = time.gmtime(max(epoch, 315532800))[:6]
paths = []
for top, dirs, files in os.walk(name):
    paths += [os.path.join(top, d) + "/" for d in dirs] + [os.path.join(top, f) for f in files]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in sorted(paths):
        info = zipfile.ZipInfo(path.replace(os.sep, "/"), stamp)
        if path.endswith("/"):
            info.external_attr = (0o40755 << 16) | 0x10
            z.writestr(info, b"")
        else:
            info.external_attr = (0o100755 if path.endswith(".exe") else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
EOF
    else
      tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -cf - "$name" |
        gzip -9n >"$DIST/$name.tar.gz"
    fi
  )
}

# ---------------------------------------------------------------------- smoke ----

check_same() { # what, expected file, actual file
  if cmp -s "$2" "$3"; then
    say "  ok: $1"
  else
    fail "$1 differs ($2 vs $3)"
    diff <(head -c 4000 "$2") <(head -c 4000 "$3") | head -n 20 | tee -a "$REPORT" || true
  fi
}

# Every PDF of two folders, by name and bytes.
same_pdfs() { # what, expected folder, actual folder
  local a b n=0 bad=0
  a=$(cd "$2" && find . -name '*.pdf' | LC_ALL=C sort)
  b=$(cd "$3" && find . -name '*.pdf' | LC_ALL=C sort)
  if [ "$a" != "$b" ]; then
    fail "$1: not the same PDF files ($(echo "$a" | grep -c .) vs $(echo "$b" | grep -c .))"
    return
  fi
  while IFS= read -r pdf; do
    n=$((n + 1))
    cmp -s "$2/$pdf" "$3/$pdf" || { bad=$((bad + 1)); say "    differs: $pdf"; }
  done <<<"$a"
  if [ "$n" -gt 0 ] && [ "$bad" = 0 ]; then
    say "  ok: $1: $n PDFs, byte for byte the same"
  else
    fail "$1: $bad of $n PDFs differ"
  fi
}

line_ends() { # file: crlf | lf | mixed
  local all crlf
  all=$(grep -c '' "$1" || true)
  crlf=$(grep -c $'\r$' "$1" || true)
  if [ "$crlf" = "$all" ]; then echo crlf; elif [ "$crlf" = 0 ]; then echo lf; else echo mixed; fi
}

smoke() {
  local package=$1 name=$2 program dir want_ends
  program=$(program_of "$package")
  dir="$DIST/smoke/$package/解压 后"
  rm -rf "$DIST/smoke/$package"
  mkdir -p "$dir"
  if [ "$package" = windows ]; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$DIST/$name.zip" "$dir"
    python3 - "$DIST/$name.zip" <<'EOF' | tee -a "$REPORT"
import sys, zipfile
names = [i for i in zipfile.ZipFile(sys.argv[1]).infolist() if not i.filename.isascii()]
bad = [i.filename for i in names if not i.flag_bits & 0x800]
print(f"  {'ok' if not bad else 'FAIL'}: {len(names)} Chinese names in the zip marked UTF-8"
      + (f"; not marked: {bad[:3]}" if bad else ""))
EOF
    cp "$DIST/smoke/bcryptprimitives.dll" "$dir/$name/" # Wine 8 lacks ProcessPrng
    want_ends=crlf
  else
    tar -xzf "$DIST/$name.tar.gz" -C "$dir"
    want_ends=lf
  fi
  cd "$dir/$name"
  local run=(run_on "$package" "./$program")

  say "  version: $("${run[@]}" --version | tr -d '\r')"

  # check: the same findings, JSON and text, as the reference build.
  local c1 c2
  "$REFERENCE" check 样例 --today "$TODAY" --format json >参照-检查.json && c1=0 || c1=$?
  "${run[@]}" check 样例 --today "$TODAY" --format json >检查.json && c2=0 || c2=$?
  [ "$c1" = "$c2" ] && say "  ok: check exits $c2 like the reference" || fail "check exits $c2, the reference $c1"
  say "  check: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["diagnostics"]), "findings")' 检查.json 2>/dev/null || echo '?')"
  check_same "check --format json" 参照-检查.json 检查.json
  "$REFERENCE" check 样例 --today "$TODAY" >参照-检查.txt || true
  "${run[@]}" check 样例 --today "$TODAY" >检查.txt || true
  check_same "check (text)" 参照-检查.txt 检查.txt

  # build: every PDF the same bytes as the reference build's.
  local start
  "$REFERENCE" build 样例 --today "$TODAY" --no-system-fonts -o 参照-排版 >/dev/null 2>参照-排版.log
  start=$(seconds)
  "${run[@]}" build 样例 --today "$TODAY" --no-system-fonts -o 排版 >/dev/null 2>排版.log && c2=0 || c2=$?
  say "  build: exit $c2, $(elapsed "$start") s; $(tail -n 1 排版.log | tr -d '\r')"
  same_pdfs "build" 参照-排版 排版

  # The double-click mode on a copy of the sample whose yishi.toml leaves out system fonts:
  # outputs beside the folder, the same PDFs as the reference's build of that copy (the annual
  # reports name the copy's yishi.toml and the check date it sets), the findings in 检查结果.txt.
  cp -r 样例 "样例 副本"
  printf '\n[build]\nsystem_fonts = false\n' >>"样例 副本/yishi.toml"
  "$REFERENCE" build "样例 副本" -o 参照-副本 >/dev/null 2>参照-副本.log || true
  "${run[@]}" "样例 副本" </dev/null >双击.log 2>&1 || true
  if [ -d "样例 副本-输出" ]; then
    same_pdfs "double-click mode, folder given" 参照-副本 "样例 副本-输出"
    local got=样例\ 副本-输出/检查结果.txt
    if [ "$(head -c 3 "$got" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then
      say "  ok: 检查结果.txt starts with a UTF-8 byte-order mark"
    else
      fail "检查结果.txt has no byte-order mark"
    fi
    [ "$(line_ends "$got")" = "$want_ends" ] && say "  ok: 检查结果.txt line ends: $want_ends" ||
      fail "检查结果.txt line ends: $(line_ends "$got"), wanted $want_ends"
    "$REFERENCE" check "样例 副本" >参照-副本.txt || true
    tail -c +4 "$got" | tr -d '\r' >检查结果.txt
    check_same "检查结果.txt = the check's text" 参照-副本.txt 检查结果.txt
  else
    fail "double-click mode wrote no 样例 副本-输出 folder"
    tail -n 20 双击.log | tee -a "$REPORT"
  fi
  grep -a '完成' 双击.log | tr -d '\r' | sed 's/^/  said: /' | tee -a "$REPORT" || true

  # Started in its own folder, which is no workspace: the guide, exit 2.
  "${run[@]}" </dev/null >指引.log 2>&1 && c2=0 || c2=$?
  if [ "$c2" = 2 ] && grep -aq "拖到 $program 的图标上" 指引.log; then
    say "  ok: started in its own folder, it shows how to use it (exit 2)"
  else
    fail "started in its own folder: exit $c2, $(head -c 300 指引.log)"
  fi

  # init in a folder with Chinese and spaces; yishi.toml has the platform's line ends.
  "${run[@]}" init "新 工作区/二〇二六 年度" >/dev/null
  if [ -f "新 工作区/二〇二六 年度/yishi.toml" ] && [ -f "新 工作区/二〇二六 年度/台账.csv" ]; then
    [ "$(line_ends "新 工作区/二〇二六 年度/yishi.toml")" = "$want_ends" ] &&
      say "  ok: init in 新 工作区/二〇二六 年度: yishi.toml line ends $want_ends" ||
      fail "init: yishi.toml line ends $(line_ends "新 工作区/二〇二六 年度/yishi.toml"), wanted $want_ends"
  else
    fail "init wrote nothing in 新 工作区/二〇二六 年度"
  fi
  [ "$(line_ends 使用说明.txt)" = "$want_ends" ] && say "  ok: 使用说明.txt line ends $want_ends" ||
    fail "使用说明.txt line ends $(line_ends 使用说明.txt)"
  cd "$ROOT"
}

# ----------------------------------------------------------------------- main ----

for package in "${PACKAGES[@]}"; do
  name=yishi-$VERSION-$package
  [ "$package" = windows ] && name=yishi-$VERSION-windows-x86_64
  say ""
  say "== $name"
  prepare "$package"
  if [ "$package" = windows ]; then
    mkdir -p "$DIST/smoke"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$DIST/smoke/bcryptprimitives.dll" \
      scripts/windows/prng-shim.c -ladvapi32
    # A new Wine prefix is made by the first program run in it, whose exit code is then Wine's.
    WINEPREFIX=$WINEPREFIX_DIR WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY="" \
      wineboot --init >/dev/null 2>&1 || true
  fi
  start=$(seconds)
  build "$package"
  build_time=$(elapsed "$start")
  binary=$ROOT/target/$(triple_of "$package")/release/$(program_of "$package")
  stage "$package" "$name" "$binary"
  archive "$package" "$name"
  archive_file=$DIST/$name.tar.gz
  [ "$package" = windows ] && archive_file=$DIST/$name.zip
  say "  build: $build_time s (cargo build --release --target $(triple_of "$package"))"
  say "  program: $(mib "$(size_of "$binary")"); package: $(basename "$archive_file") $(mib "$(size_of "$archive_file")")"
  [ "$package" = windows ] || say "  file: $(file -b "$binary" | cut -d, -f1-2,5)"
  start=$(seconds)
  smoke "$package" "$name"
  say "  smoke test: $(elapsed "$start") s"
done

say ""
if [ "$FAILED" = 0 ]; then
  say "all packages built and passed their smoke tests: $(cd "$DIST" && find . -maxdepth 1 \( -name '*.zip' -o -name '*.tar.gz' \) -printf '%f ')"
else
  say "some smoke tests FAILED (see above)"
  exit 1
fi
