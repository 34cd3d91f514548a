#!/usr/bin/env bash
# Release builds of policydiff for machines without a Rust toolchain, into dist/:
#
#   policydiff-VERSION-x86_64-pc-windows-gnu.zip       Windows 10/11 x86_64 (policydiff.exe)
#   policydiff-VERSION-x86_64-unknown-linux-musl.tar.gz  any x86_64 Linux (static: no glibc needed)
#   policydiff-VERSION-aarch64-unknown-linux-musl.tar.gz any ARM64 Linux (Kunpeng, Phytium; static)
#   policydiff_VERSION_amd64.deb, policydiff_VERSION_arm64.deb
#                                                      Debian-family desktops (UOS, Kylin, Deepin,
#                                                      Debian, Ubuntu): the static binaries above
#   SHA256SUMS                                         the SHA-256 of every file above
#
# Each archive holds one directory with the binary, README.md and LICENSE; each .deb installs
# /usr/bin/policydiff and /usr/share/doc/policydiff/{README.md,copyright}.
#
#   scripts/release.sh [TARGET ...]     (default: the three targets above)
#
# Needs, besides rustup's stable toolchain:
#   rustup target add x86_64-pc-windows-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl
#   apt-get install mingw-w64 zip          (the Windows linker; zip for the Windows archive)
#   pip install ziglang && cargo install --locked cargo-zigbuild
#                                          (links the musl targets, and compiles mimalloc's C
#                                           for them, with no target sysroot installed)
#   dpkg-deb                               (in every Debian-family system)
# Builds run under `nice -n 10`; TIMINGS=1 adds cargo's --timings (HTML under
# target/cargo-timings/). Archives are reproducible: file times are the last commit's
# (SOURCE_DATE_EPOCH), owners are root, entries sorted.
# `scripts/check-release.sh` then checks what was built (Wine, qemu, byte-identical JSON).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
dist=dist
target_dir=${CARGO_TARGET_DIR:-target}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
fi
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
timings=()
if [ "${TIMINGS:-}" = 1 ]; then timings=(--timings); fi

die() {
    echo "release.sh: $*" >&2
    exit 2
}
need() {
    command -v "$1" >/dev/null 2>&1 || die "$1 not found: $2"
}

installed=$(rustup target list --installed 2>/dev/null || true)
for t in "${targets[@]}"; do
    case "$t" in
    x86_64-pc-windows-gnu)
        need x86_64-w64-mingw32-gcc "apt-get install mingw-w64"
        need zip "apt-get install zip"
        ;;
    x86_64-unknown-linux-musl | aarch64-unknown-linux-musl)
        need cargo-zigbuild "cargo install --locked cargo-zigbuild"
        command -v zig >/dev/null 2>&1 || python3 -m ziglang version >/dev/null 2>&1 ||
            die "zig not found: pip install ziglang"
        need dpkg-deb "apt-get install dpkg"
        ;;
    *) die "unknown target $t (x86_64-pc-windows-gnu, x86_64-unknown-linux-musl, aarch64-unknown-linux-musl)" ;;
    esac
    grep -qx "$t" <<<"$installed" || die "the Rust target $t is not installed: rustup target add $t"
done

mkdir -p "$dist"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Sets every file under $1 to the commit's time, so archives do not depend on when they
# were built.
stamp() {
    find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# The directory of an archive: the binary, README.md and LICENSE.
bundle() { # target binary-path binary-name
    local dir="$stage/policydiff-$version-$1"
    mkdir -p "$dir"
    install -m 0755 "$2" "$dir/$3"
    install -m 0644 README.md LICENSE "$dir/"
    stamp "$dir"
    echo "$dir"
}

# A .deb from a staged tree (dpkg-deb alone: no cargo-deb to install, and nothing in the
# package depends on the build). The binary is static, so the package depends on nothing.
deb() { # debian-arch binary-path
    local arch=$1 root="$stage/deb-$1"
    mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/doc/policydiff"
    install -m 0755 "$2" "$root/usr/bin/policydiff"
    install -m 0644 README.md "$root/usr/share/doc/policydiff/README.md"
    {
        echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
        echo "Upstream-Name: policydiff"
        echo
        echo "Files: *"
        echo "Copyright: 2026 the policydiff authors"
        echo "License: MIT"
        sed 's/^$/./; s/^/ /' LICENSE
    } >"$root/usr/share/doc/policydiff/copyright"
    chmod 0644 "$root/usr/share/doc/policydiff/copyright"
    local size
    size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
    cat >"$root/DEBIAN/control" <<EOF
Package: policydiff
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-policydiff maintainers <policydiff@localhost>}
Installed-Size: $size
Section: utils
Priority: optional
Description: compare Chinese government policy notices across administrative levels
 For a pair of notices (a province's task division and a city's, say), policydiff
 tells which of the upper notice's tasks the lower one carried over, reworded or
 dropped, and what it added; reports in the terminal, JSON, Markdown, HTML, CSV
 or Excel. Reads plain text, .docx, saved web pages, PDF with a text layer and
 workbooks. A static binary: it needs no library of the system.
EOF
    stamp "$root"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$dist/policydiff_${version}_$arch.deb" >/dev/null
    echo "release.sh: $dist/policydiff_${version}_$arch.deb"
}

for t in "${targets[@]}"; do
    echo "release.sh: building $t" >&2
    case "$t" in
    x86_64-pc-windows-gnu)
        CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
            nice -n 10 cargo build --release --locked --bin policydiff --target "$t" "${timings[@]}"
        dir=$(bundle "$t" "$target_dir/$t/release/policydiff.exe" policydiff.exe)
        rm -f "$dist/policydiff-$version-$t.zip"
        (cd "$stage" && find "$(basename "$dir")" -print | LC_ALL=C sort |
            TZ=UTC zip -X -q -@ "$OLDPWD/$dist/policydiff-$version-$t.zip")
        echo "release.sh: $dist/policydiff-$version-$t.zip"
        ;;
    *-unknown-linux-musl)
        nice -n 10 cargo zigbuild --release --locked --bin policydiff --target "$t" "${timings[@]}"
        bin="$target_dir/$t/release/policydiff"
        dir=$(bundle "$t" "$bin" policydiff)
        tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
            -C "$stage" -cf - "$(basename "$dir")" | gzip -n -9 >"$dist/policydiff-$version-$t.tar.gz"
        echo "release.sh: $dist/policydiff-$version-$t.tar.gz"
        case "$t" in
        x86_64-*) deb amd64 "$bin" ;;
        aarch64-*) deb arm64 "$bin" ;;
        esac
        ;;
    esac
done

# One sums file over everything in dist/ (check with `sha256sum -c SHA256SUMS`).
(cd "$dist" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort |
    xargs sha256sum >SHA256SUMS)
echo "release.sh: $dist/SHA256SUMS"
cat "$dist/SHA256SUMS"
