"""HTML compression: page sizes raw, gzipped by the Hub (GZipMiddleware) and with Brotli.

    .venv/bin/python bench/compression.py --base http://127.0.0.1:8000 [paths…]

Fetches each page twice from a running Hub (with demo data): without and with
``Accept-Encoding: gzip``; compresses the raw page with Brotli (quality 5 and 11, what a
proxy's dynamic and static settings use) and gzip level 6 in-process for the CPU cost.
"""

import argparse
import gzip
import time
import urllib.request

import brotli

PATHS = ["/", "/about/", "/cities/bangkok/", "/library/", "/practices/", "/search/?q=lighting"]


def fetch(url: str, encoding: str | None) -> tuple[bytes, str]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return response.read(), response.headers.get("Content-Encoding", "")


def cost_ms(function, data: bytes, repeat: int = 20) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function(data)
    return (time.perf_counter() - started) / repeat * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    print(f"{'page':<24}{'raw':>8}{'gzip(app)':>11}{'br q5':>8}{'br q11':>8}"
          f"{'gzip ms':>9}{'br5 ms':>8}")  # fmt: skip
    totals = [0, 0, 0, 0]
    for path in args.paths:
        raw, _ = fetch(args.base + path, None)
        packed, encoding = fetch(args.base + path, "gzip")
        assert encoding == "gzip", f"{path}: not compressed by the app"
        br5 = brotli.compress(raw, quality=5)
        br11 = brotli.compress(raw, quality=11)
        gz_ms = cost_ms(lambda d: gzip.compress(d, compresslevel=6, mtime=0), raw)
        br_ms = cost_ms(lambda d: brotli.compress(d, quality=5), raw)
        for i, size in enumerate((len(raw), len(packed), len(br5), len(br11))):
            totals[i] += size
        print(f"{path[:23]:<24}{len(raw):>8}{len(packed):>11}{len(br5):>8}{len(br11):>8}"
              f"{gz_ms:>9.2f}{br_ms:>8.2f}")  # fmt: skip
    print(f"{'total':<24}{totals[0]:>8}{totals[1]:>11}{totals[2]:>8}{totals[3]:>8}")
    print(
        f"compression: gzip_app={totals[1] / totals[0]:.3f} br5={totals[2] / totals[0]:.3f} "
        f"br11={totals[3] / totals[0]:.3f} (fraction of raw bytes)"
    )


if __name__ == "__main__":
    main()
