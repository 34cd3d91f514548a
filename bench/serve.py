#!/usr/bin/env python3
"""How fast `policydiff serve` answers a compare once the notices are uploaded (issue 23).

    cargo build --release && python3 bench/serve.py [BINARY] [UPPER LOWER] [RUNS]

Starts `serve` on a scratch workspace, uploads the two notices through /upload (as the
page's form does), then asks /compare RUNS times (HTML, then JSON) and prints the
median, the fastest and the slowest answer in milliseconds. Only the standard library.
"""
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/release/policydiff")
upper = Path(sys.argv[2]) if len(sys.argv) > 3 else ROOT / "corpus/anhui-province-2022.txt"
lower = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "corpus/chizhou-city-2021.txt"
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 30


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    with tempfile.TemporaryDirectory() as ws:
        proc = subprocess.Popen(
            [binary, "serve", ws, "--no-open"], stdout=subprocess.PIPE, text=True
        )
        try:
            url = next(w for w in proc.stdout.readline().split() if w.startswith("http://"))
            base, token = url.split("/?t=")
            boundary = "b0undary"
            body = b""
            for f in (upper, lower):
                body += (
                    f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                    f"filename=\"{f.name}\"\r\n\r\n"
                ).encode() + f.read_bytes() + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            req = urllib.request.Request(
                f"{base}/upload?t={token}",
                data=body,
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            )
            try:
                urllib.request.build_opener(NoRedirect).open(req)
            except urllib.error.HTTPError as e:
                assert e.code == 303, e
            page = urllib.request.urlopen(f"{base}/?t={token}").read().decode()

            def stored(name):
                at = page.index(f'aria-label="upper {name}"')
                before = page[:at]
                return before[before.rindex('value="') + 7 :].split('"')[0]

            u, l = stored(upper.name), stored(lower.name)
            for fmt in ("html", "json"):
                times = []
                for _ in range(runs):
                    t = time.perf_counter()
                    urllib.request.urlopen(
                        f"{base}/compare?t={token}&u={u}&l={l}&format={fmt}"
                    ).read()
                    times.append((time.perf_counter() - t) * 1000)
                print(
                    f"compare {upper.stem} → {lower.stem} ({fmt}, {runs} runs): "
                    f"median {statistics.median(times):.1f} ms, "
                    f"min {min(times):.1f} ms, max {max(times):.1f} ms"
                )
        finally:
            proc.kill()
            proc.wait()


main()
