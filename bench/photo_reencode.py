"""What re-encoding a phone photo costs, with and without JPEG draft decoding.

Makes a 12-megapixel camera-like JPEG (4000 x 3000, textured, with EXIF and
GPS), then re-encodes it the way reports and inspections store photos: full
decode then shrink (baseline), and photos.reencode, which asks the JPEG
decoder for a reduced scale first. Each variant runs in its own process so
its peak memory (max RSS) is its own; times are medians of --rounds runs.

    python bench/photo_reencode.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from PIL import ExifTags, Image, ImageFilter, ImageOps

SIZE = (4000, 3000)


def camera_photo() -> bytes:
    noise = Image.effect_noise(SIZE, 48).filter(ImageFilter.GaussianBlur(1))
    gradient = Image.linear_gradient("L").resize(SIZE)
    image = Image.merge(
        "RGB", (noise, gradient, noise.transpose(Image.FLIP_LEFT_RIGHT))
    )
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 39.0, 4.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def baseline(data: bytes) -> bytes:
    """Full-size decode, then shrink: what a plain Pillow pipeline does."""
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((1600, 1600))
    out = io.BytesIO()
    upright.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def run_variant(name: str, rounds: int, photo: str) -> dict:
    from webapp.services.common.photos import reencode

    with open(photo, "rb") as file:
        data = file.read()
    work = {"baseline": baseline, "draft": lambda d: reencode(d)[0]}[name]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = work(data)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Image.open(io.BytesIO(result)) as check:
        size = check.size
    return {
        "median_ms": statistics.median(times) * 1000,
        "extra_rss_mb": (peak - before) / 1024,
        "input_kb": len(data) / 1024,
        "output_kb": len(result) / 1024,
        "output_size": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--variant", choices=["baseline", "draft"])
    parser.add_argument("--photo")
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.rounds, args.photo)))
        return
    results = {}
    with tempfile.NamedTemporaryFile(suffix=".jpg") as photo:
        photo.write(camera_photo())
        photo.flush()
        for name in ("baseline", "draft"):
            command = [sys.executable, __file__, "--variant", name]
            command += ["--rounds", str(args.rounds), "--photo", photo.name]
            output = subprocess.run(command, check=True, capture_output=True, text=True)
            results[name] = json.loads(output.stdout)
    for name, result in results.items():
        print(
            f"{name:8} {result['median_ms']:7.1f} ms"
            f"  +{result['extra_rss_mb']:5.1f} MB RSS"
            f"  {result['input_kb']:.0f} KB -> {result['output_kb']:.0f} KB"
            f" {result['output_size'][0]}x{result['output_size'][1]}"
        )
    ratio = results["draft"]["median_ms"] / results["baseline"]["median_ms"]
    memory = results["draft"]["extra_rss_mb"] / results["baseline"]["extra_rss_mb"]
    print(f"draft / baseline: time {ratio:.2f}, peak memory {memory:.2f}")


if __name__ == "__main__":
    main()
