#!/usr/bin/env python3
"""Exports LPIPS-VGG16 to TorchScript for the Java side (lddgan.autoencoder.Lpips; README "Perceptual loss (LPIPS)").

LPIPS (Zhang et al. 2018), VGG16 variant, version 0.1, is the perceptual loss of the LDM / taming-transformers
autoencoders (taming/modules/losses/lpips.py: LPIPS().eval(), inputs in [-1, 1], scaling layer inside, the same VGG16
features and linear heads as lpips.LPIPS(net='vgg')). No TorchScript LPIPS is published, so run this once on a
machine with network access (the VGG16 weights come from torchvision, the linear heads with the lpips package):

    pip install torch==2.7.1 torchvision==0.22.1 lpips     # 2.7.1 = the Java engine's libtorch (newer usually loads)
    python3 environment/export_lpips.py [OUTPUT]           # or: make lpips

OUTPUT defaults to .cache/weights/lpips-vgg16.pt under the project root. The script writes OUTPUT and OUTPUT.sha256
(sha256sum format), the digest the Java side checks before loading; copy both files if you export elsewhere.

The exported module is lpips.LPIPS(net='vgg').eval() traced on the CPU, with every parameter frozen
(requires_grad=False): forward(x, y) -> (N, 1, 1, 1), x and y (N, 3, H, W) in [-1, 1], H and W at least 16. Before
writing the digest the script reloads the file and checks it against the eager network at two resolutions, values and
input gradients, and prints LPIPS of a fixed pair of images for comparison with the Java side.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile


def project_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def check_pair(size):
    """A fixed, reproducible pair of images in [-1, 1] (no random generator involved)."""
    import torch
    ys, xs = torch.meshgrid(torch.linspace(-1, 1, size), torch.linspace(-1, 1, size), indexing="ij")
    x = torch.stack([xs, ys, xs * ys]).unsqueeze(0)
    y = torch.stack([torch.sin(3 * xs), torch.cos(2 * ys), 0.5 * xs]).unsqueeze(0)
    return x.clamp(-1, 1), y.clamp(-1, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", default=os.path.join(project_root(), ".cache", "weights", "lpips-vgg16.pt"),
                        help="TorchScript file to write (default: .cache/weights/lpips-vgg16.pt)")
    args = parser.parse_args()
    try:
        import torch
        import lpips
    except ImportError as e:
        sys.exit(f"export_lpips.py needs torch and lpips ({e}): pip install torch==2.7.1 torchvision==0.22.1 lpips")

    torch.manual_seed(0)
    model = lpips.LPIPS(net="vgg").eval()
    for p in model.parameters():
        p.requires_grad_(False)

    x = torch.rand(2, 3, 64, 64) * 2 - 1
    y = torch.rand(2, 3, 64, 64) * 2 - 1
    check_inputs = [(torch.rand(3, 3, 32, 32) * 2 - 1, torch.rand(3, 3, 32, 32) * 2 - 1)]
    with torch.no_grad():
        traced = torch.jit.trace(model, (x, y), check_inputs=check_inputs)

    output = os.path.abspath(args.output)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    info = {"network": "lpips.LPIPS(net='vgg', version='0.1').eval()", "torch": torch.__version__,
            "lpips": getattr(lpips, "__version__", "unknown"), "signature": "forward(x, y) -> (N, 1, 1, 1), [-1, 1]"}
    # written under its own name (TorchScript names the archive's root folder after the file) in a temporary folder
    # beside the output, moved into place only after the check
    tmpdir = tempfile.mkdtemp(dir=os.path.dirname(output), prefix=".export-lpips-")
    tmp = os.path.join(tmpdir, os.path.basename(output))
    try:
        torch.jit.save(traced, tmp, _extra_files={"lddgan-export.json": json.dumps(info)})

        # reload and compare with the eager network: values at two resolutions, gradients with respect to both inputs.
        # The graph executor's optimisation is off for the check: torch 1.13's profiling executor gives NaN input
        # gradients through LPIPS' sqrt(sum f^2) at all-zero feature pixels from the second call on, where the eager
        # network and the Java engine (libtorch 2.7.1) give finite ones (lib/DEVELOPMENT.md); this checks the file.
        loaded = torch.jit.load(tmp, map_location="cpu")
        with torch.jit.optimized_execution(False):
            reference = compare(loaded, model)

        with open(tmp, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    sidecar = output + ".sha256"
    with open(sidecar + ".part", "w") as f:
        f.write(f"{digest}  {os.path.basename(output)}\n")
    os.replace(sidecar + ".part", sidecar)

    print(f"LPIPS-VGG16 (torch {torch.__version__}, lpips {info['lpips']}) written to {output}")
    print(f"  {os.path.getsize(output):,} bytes, SHA-256 {digest} (also in {sidecar})")
    print(f"  check pair (64x64, see check_pair in this script): LPIPS = {reference:.6f}")


def compare(loaded, model):
    """Compares the reloaded module with the eager one; exits when they differ. Returns LPIPS of the check pair."""
    import torch
    for size in (32, 256):
        a = torch.rand(2, 3, size, size) * 2 - 1
        b = torch.rand(2, 3, size, size) * 2 - 1
        a1, b1 = a.clone().requires_grad_(True), b.clone().requires_grad_(True)
        a2, b2 = a.clone().requires_grad_(True), b.clone().requires_grad_(True)
        got, want = loaded(a1, b1), model(a2, b2)
        if got.shape != (2, 1, 1, 1) or not torch.allclose(got, want, rtol=1e-4, atol=1e-6):
            sys.exit(f"export check failed at {size}x{size}: TorchScript {got.flatten().tolist()} vs eager "
                     f"{want.flatten().tolist()}; nothing was written")
        got.sum().backward()
        want.sum().backward()
        for name, g1, g2 in (("x", a1.grad, a2.grad), ("y", b1.grad, b2.grad)):
            error = float("inf") if g1 is None else float((g1 - g2).norm() / g2.norm().clamp_min(1e-30))
            if not error < 1e-4:
                sys.exit(f"export check failed: gradient with respect to {name} at {size}x{size} differs from the "
                         f"eager one by {error:.3g} (relative norm); nothing was written")
    px, py = check_pair(64)
    with torch.no_grad():
        return loaded(px, py).item()


if __name__ == "__main__":
    main()
