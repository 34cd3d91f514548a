#!/usr/bin/env bash
# Checks the binaries scripts/release.sh built against the Linux (glibc) build of the same
# source: every output must be byte for byte the same.
#
#   [GLIBC=path] [MUSL=path] [ARM=path] [EXE=path] scripts/check-release.sh
#
# - `file` on each binary: the Linux ones static, the .exe a PE32+ x86-64 console program
#   importing only DLLs every Windows has;
# - `parse -f json` of every notice of corpus/ and of the .docx, .html, PDF and workbook
#   copies under tests/data/{docs,pdf,sheets}, `compare -f json` of every ordered pair of
#   corpus notices (20), and `coverage -f json` of the corpus, with each binary:
#   x86_64 musl natively, aarch64 musl under qemu-aarch64 (when qemu-user is installed),
#   the Windows .exe under Wine (when wine is installed; in `coverage`, the paths of notices
#   found in a directory have `\\` as separator there, and are compared with `/`);
# - under Wine: a notice and a report in a directory whose name has Chinese characters and
#   spaces, and Ctrl-C (SIGINT, which Wine delivers as the console's CTRL_C_EVENT) during
#   a report's write removing its temporary file (exit 130).
#
# Exits 1 when a check fails, listing every failure; a missing runner (qemu, wine) is
# reported as skipped. The reference build is target/release/policydiff, brought up to
# date here (niced: a no-op when it is), or GLIBC=path, a release build of the same source.
set -uo pipefail
cd "$(dirname "$0")/.."

glibc=${GLIBC:-target/release/policydiff}
# Where scripts/release.sh leaves the binaries (MUSL, ARM, EXE name others, e.g. those of a
# build with CARGO_TARGET_DIR set).
musl=${MUSL:-target/x86_64-unknown-linux-musl/release/policydiff}
arm=${ARM:-target/aarch64-unknown-linux-musl/release/policydiff}
exe=${EXE:-target/x86_64-pc-windows-gnu/release/policydiff.exe}
if [ -z "${GLIBC:-}" ]; then
    nice -n 10 cargo build --release --locked --bin policydiff || exit 2
fi
[ -x "$glibc" ] || { echo "check-release.sh: $glibc is not a binary" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
ok() { echo "ok:   $*"; }

# The runs every binary makes: one line per run, its arguments.
runs="$work/runs"
notices=(corpus/*.txt)
for f in "${notices[@]}" tests/data/docs/*.docx tests/data/docs/*.html \
    tests/data/pdf/{anhui-province-2022,chizhou-city-2018,chizhou-city-2021,jiujiang-city-2021,lezhi-county-2021}.pdf \
    tests/data/sheets/*.xlsx tests/data/sheets/*.xls tests/data/sheets/*.ods; do
    case "$f" in */no-tasks.html | */bomb.xlsx) continue ;; esac
    echo "parse $f -f json"
done >"$runs"
for u in "${notices[@]}"; do
    for l in "${notices[@]}"; do
        [ "$u" = "$l" ] || echo "compare $u $l -f json"
    done
done >>"$runs"
echo "coverage --corpus corpus --upper anhui-province-2022 --all-below -f json" >>"$runs"

# Runs every line of $runs with the command "$@" prefixed, into $work/$name/N.json (stdout)
# and N.err (stderr); N.rc holds the exit code.
run_all() { # name command...
    local name=$1 n=0
    shift
    mkdir -p "$work/$name"
    while read -r -a args; do
        n=$((n + 1))
        "$@" "${args[@]}" >"$work/$name/$n.json" 2>"$work/$name/$n.err" </dev/null
        echo $? >"$work/$name/$n.rc"
    done <"$runs"
}

# Compares the outputs of run_all for $1 with the reference's.
same_as_glibc() { # name
    local n=0 bad=0
    while read -r line; do
        n=$((n + 1))
        # On Windows a path the program joins (a notice found in a directory) has the
        # system's separator: `"source": "corpus\\x.txt"`; nothing else may differ.
        if [ "$1" = windows ]; then
            sed -i '/^ *"source": /s#\\\\#/#g' "$work/$1/$n.json"
        fi
        if ! cmp -s "$work/glibc/$n.json" "$work/$1/$n.json" ||
            ! cmp -s "$work/glibc/$n.rc" "$work/$1/$n.rc"; then
            fail "$1: \`$line\` differs from the glibc build (exit $(cat "$work/$1/$n.rc"): $(head -c 300 "$work/$1/$n.err"))"
            bad=$((bad + 1))
        fi
    done <"$runs"
    [ $bad -eq 0 ] && ok "$1: $n runs (parse, compare of every ordered corpus pair, coverage) byte-identical to the glibc build"
}

echo "== the glibc build (reference): $glibc"
run_all glibc "$glibc"
if grep -qv '^0$' "$work"/glibc/*.rc; then
    fail "the reference build failed on a run: $(grep -lv '^0$' "$work"/glibc/*.rc | head -n 3)"
fi

echo "== x86_64 musl (static): $musl"
if [ -x "$musl" ]; then
    desc=$(file -b "$musl")
    case "$desc" in
    *x86-64*static*) ok "file: $desc" ;;
    *) fail "$musl is not a static x86-64 binary: $desc" ;;
    esac
    run_all musl "$musl"
    same_as_glibc musl
else
    fail "$musl not built (scripts/release.sh x86_64-unknown-linux-musl)"
fi

echo "== aarch64 musl (static): $arm"
if [ -x "$arm" ]; then
    desc=$(file -b "$arm")
    case "$desc" in
    *ARM\ aarch64*static*) ok "file: $desc" ;;
    *) fail "$arm is not a static aarch64 binary: $desc" ;;
    esac
    if command -v qemu-aarch64 >/dev/null 2>&1; then
        run_all aarch64 qemu-aarch64 "$arm"
        same_as_glibc aarch64
    else
        echo "skipped: running it (no qemu-aarch64: apt-get install qemu-user)"
    fi
else
    fail "$arm not built (scripts/release.sh aarch64-unknown-linux-musl)"
fi

echo "== Windows x86_64: $exe"
if [ -f "$exe" ]; then
    desc=$(file -b "$exe")
    case "$desc" in
    PE32+*console*x86-64*) ok "file: $desc" ;;
    *) fail "$exe is not a PE32+ x86-64 console program: $desc" ;;
    esac
    if command -v x86_64-w64-mingw32-objdump >/dev/null 2>&1; then
        dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | LC_ALL=C sort -f | tr '\n' ' ')
        # Windows' own DLLs (api-ms-win-* are its API sets); anything else (libgcc, winpthread)
        # would have to be shipped beside the .exe.
        other=$(tr ' ' '\n' <<<"$dlls" | grep -viE '^(kernel32|ntdll|advapi32|bcryptprimitives|bcrypt|userenv|ws2_32|msvcrt|ucrtbase|shell32|ole32|user32|secur32|crypt32|api-ms-win-[a-z0-9-]+)\.dll$' | grep -v '^$' || true)
        if [ -z "$other" ]; then ok "imports only system DLLs: $dlls"; else fail "$exe needs DLLs Windows lacks: $other"; fi
    fi
    if command -v wine >/dev/null 2>&1; then
        export WINEPREFIX=${WINEPREFIX:-$PWD/target/wine-prefix} WINEDEBUG=-all
        wine cmd /c exit >/dev/null 2>&1 # creates the prefix on the first run (slow)
        # Wine before 9 lacks bcryptprimitives.dll, which Windows 10 and 11 have and Rust's
        # standard library imports: a stand-in goes into this test prefix (scripts/wine/).
        if ! wine "$exe" --version >/dev/null 2>&1; then
            x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
                scripts/wine/bcryptprimitives.c -ladvapi32 &&
                echo "note: Wine $(wine --version) lacks bcryptprimitives.dll: the stand-in of scripts/wine/ is in $WINEPREFIX"
        fi
        run_all windows wine "$exe"
        # Wine writes nothing of its own to stdout: the JSON is the program's.
        same_as_glibc windows

        # Chinese characters and spaces in the paths of a notice and of a report.
        d="$work/审计 资料"
        mkdir -p "$d"
        cp corpus/chizhou-city-2021.txt "$d/上级 通知.txt"
        cp corpus/lezhi-county-2021.txt "$d/下级 通知.txt"
        (cd "$work" && wine "$OLDPWD/$exe" compare "审计 资料/上级 通知.txt" "审计 资料/下级 通知.txt" \
            -o "审计 资料/对照 报告.json" >/dev/null 2>"$work/cn.err")
        (cd "$work" && "$OLDPWD/$glibc" compare "审计 资料/上级 通知.txt" "审计 资料/下级 通知.txt" \
            -f json >"$work/cn-glibc.json" 2>/dev/null)
        if cmp -s "$d/对照 报告.json" "$work/cn-glibc.json"; then
            ok "Windows: notices and report under '审计 资料/' (Chinese and spaces): report written, byte-identical"
        else
            fail "Windows: paths with Chinese characters and spaces: $(head -c 300 "$work/cn.err")"
        fi

        # Ctrl-C while a report is being written: the test hook holds the finished
        # temporary file for 20 s before the rename.
        k="$work/ctrlc"
        mkdir -p "$k"
        POLICYDIFF_TEST_HOLD_MS=20000 wine "$exe" compare corpus/chizhou-city-2021.txt \
            corpus/lezhi-county-2021.txt -o "$k/r.html" >/dev/null 2>&1 &
        pid=$!
        for _ in $(seq 300); do
            compgen -G "$k/.policydiff-*.tmp" >/dev/null && break
            sleep 0.1
        done
        if compgen -G "$k/.policydiff-*.tmp" >/dev/null; then
            # The file exists a moment before it is registered for removal
            # (report::write_atomic); a Ctrl-C in that moment leaves it (seen once here).
            sleep 0.5
            kill -INT "$pid"
            wait "$pid"
            rc=$?
            if [ $rc -eq 130 ] && ! compgen -G "$k/.policydiff-*.tmp" >/dev/null && [ ! -e "$k/r.html" ]; then
                ok "Windows: Ctrl-C during a report's write: exit 130, temporary file removed, no report"
            else
                fail "Windows: Ctrl-C: exit $rc, left: $(ls -A "$k" | tr '\n' ' ')"
            fi
        else
            kill "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
            fail "Windows: Ctrl-C: the report's temporary file never appeared"
        fi
    else
        echo "skipped: running it (no wine: apt-get install wine wine64)"
    fi
else
    fail "$exe not built (scripts/release.sh x86_64-pc-windows-gnu)"
fi

if [ $failures -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
