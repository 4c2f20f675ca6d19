"""Writes the fixtures of lddgan.data tests (run once with Debian's python3-pil 9.4 and numpy; see README.md).

Expected outputs are made by PIL exactly as the reference code's torchvision transforms
Resize(r) + CenterCrop(r) do on a PIL image (bilinear, shorter side to r, crop offset round((size - r) / 2)).
"""
import numpy as np
from PIL import Image

rng = np.random.default_rng(20240607)


def pattern(w, h, channels=3):
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    planes = []
    for c in range(channels):
        smooth = 128 + 90 * np.sin(x / (3.0 + c) + c) * np.cos(y / (4.0 + c))
        edges = 60 * (((x // (2 + c)) + (y // 3)) % 2) - 30
        noise = rng.integers(-25, 26, size=(h, w))
        planes.append(np.clip(smooth + edges + noise, 0, 255))
    return np.stack(planes, axis=-1).astype(np.uint8)


def reference(img, r):
    """torchvision: Resize(r) (int(r * long / short) for the longer side), CenterCrop(r)."""
    img = img.convert('RGB')
    w, h = img.size
    if w <= h:
        ow, oh = r, int(r * h / w)
    else:
        ow, oh = int(r * w / h), r
    if (ow, oh) != (w, h):
        img = img.resize((ow, oh), Image.BILINEAR)
    left = int(round((ow - r) / 2.0))
    top = int(round((oh - r) / 2.0))
    return img.crop((left, top, left + r, top + r))


inputs = {
    'pil-input-45x28.png': Image.fromarray(pattern(45, 28)),
    'pil-input-23x41.png': Image.fromarray(pattern(23, 41)),
    'pil-input-gray-30x20.png': Image.fromarray(pattern(30, 20, 1)[:, :, 0], 'L'),
    'pil-input-rgba-20x33.png': Image.fromarray(pattern(20, 33, 4), 'RGBA'),
}
for name, img in inputs.items():
    img.save(name)
    for r in (16, 32):
        reference(Image.open(name), r).save(name.replace('input', 'expected').replace('.png', '-r%d.png' % r))

# WebP as in LSUN's LMDB export (lossy), and lossless; PIL decodes with libwebp.
smooth = Image.fromarray(pattern(40, 30))
smooth.save('lossy-40x30.webp', quality=80)
Image.open('lossy-40x30.webp').convert('RGB').save('lossy-40x30.pil.png')
Image.open('pil-input-45x28.png').save('lossless-45x28.webp', lossless=True)
# JPEG (4:2:0) and PIL's (libjpeg-turbo) decoding of it.
smooth.save('q90-40x30.jpg', quality=90)
Image.open('q90-40x30.jpg').convert('RGB').save('q90-40x30.pil.png')
# libwebp's decoding with nearest-neighbour chroma (dwebp -nofancy, Debian package webp 1.2.4): the decoding
# TwelveMonkeys' pure-Java reader performs; PIL's (above) uses libwebp's default "fancy" chroma upsampling.
import subprocess
subprocess.run(['dwebp', '-quiet', '-nofancy', 'lossy-40x30.webp', '-o', 'lossy-40x30.nofancy.png'], check=True)
