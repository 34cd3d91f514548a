#!/usr/bin/env bash
# Copies the seed inputs of the fuzz targets into fuzz/corpus/TARGET (ignored by git):
# `cargo fuzz run TARGET` starts from that directory and writes what it finds there, so
# the committed fixtures are copied, never fuzzed in place. Run it after regenerating the
# hostile fixtures (`cargo run --example hostile -- --fixtures tests/data/hostile`):
#
#   fuzz/seed.sh && cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O workbook -- -max_total_time=600
#
# workbook: the workbooks of tests/data/sheets and the hostile .xls/.xlsx/.ods (issue 28);
# pdf: the PDFs of tests/data/pdf and the hostile PDFs (issue 28); docx and html: the
# documents of tests/data/docs and the hostile .docx/.html (issue 17).
set -euo pipefail
cd "$(dirname "$0")/.."
seed() { # target, files...
  local target=$1
  shift
  mkdir -p "fuzz/corpus/$target"
  cp -- "$@" "fuzz/corpus/$target/"
  echo "fuzz/corpus/$target: $# seeds copied"
}
shopt -s nullglob
seed workbook tests/data/sheets/*.xlsx tests/data/sheets/*.xls tests/data/sheets/*.ods \
  tests/data/hostile/*.xls tests/data/hostile/*.xlsx tests/data/hostile/*.ods
seed pdf tests/data/pdf/*.pdf tests/data/hostile/*.pdf
seed docx tests/data/docs/*.docx tests/data/hostile/*.docx
seed html tests/data/docs/*.html tests/data/hostile/*.html
