#!/usr/bin/env bash
# Installs what policydiff needs to read scanned notices (README "Scanned notices"):
# PaddleOCR's models as RapidOCR packages them (PP-OCRv4 mobile text detection and line
# orientation, PP-OCRv6 small recognition with its character dictionary), and the ONNX
# Runtime library that runs them, all taken from their PyPI wheels with pip. Nothing else
# is installed, and nothing is downloaded when policydiff runs.
#
#   scripts/install-ocr.sh [DIR]     # DIR defaults to ~/.local/share/policydiff/ocr
#
# policydiff looks in that directory by default; elsewhere, point POLICYDIFF_OCR_MODELS at it.
set -euo pipefail
dir="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/policydiff/ocr}"
rapidocr="rapidocr_onnxruntime==1.4.4"
recogniser="rapidocr==3.10.0"
onnxruntime="onnxruntime==1.32.0"
py="$(command -v python3 || command -v python)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$py" -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "$rapidocr" "$recogniser" "$onnxruntime"
mkdir -p "$dir"
"$py" - "$tmp" "$dir" <<'PY'
import pathlib, shutil, sys, zipfile
tmp, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wanted = {
    "ch_PP-OCRv4_det_infer.onnx": "det.onnx",
    "PP-OCRv6_rec_small.onnx": "rec.onnx",
    "ch_ppocr_mobile_v2.0_cls_infer.onnx": "cls.onnx",
}
found = set()
for wheel in sorted(tmp.glob("*.whl")):
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            base = name.rsplit("/", 1)[-1]
            target = wanted.get(base)
            if target is None and "/capi/libonnxruntime.so" in name:
                target = "libonnxruntime.so"
            if target is None and name.endswith("/capi/onnxruntime.dll"):
                target = "onnxruntime.dll"
            if target is None and "/capi/libonnxruntime." in name and name.endswith(".dylib"):
                target = "libonnxruntime.dylib"
            if target is None:
                continue
            # Written beside, then renamed over: a policydiff already running has the old
            # library and models mapped, and rewriting them in place would crash it (SIGBUS).
            part = out / (target + ".part")
            with z.open(name) as src, open(part, "wb") as dst:
                shutil.copyfileobj(src, dst)
            part.replace(out / target)
            found.add(target)
missing = {"det.onnx", "rec.onnx", "cls.onnx"} - found
if missing or not any(f.startswith(("libonnxruntime", "onnxruntime")) for f in found):
    sys.exit(f"install-ocr: the wheels lack {sorted(missing) or 'the ONNX Runtime library'}")
print(f"OCR engine installed in {out}: {', '.join(sorted(found))}")
PY
