#!/usr/bin/env python3
"""Writes the LPIPS stand-in used by lddgan.autoencoder.LpipsTest: lpips-fixture.pt and lpips-fixture.pt.sha256.

The real LPIPS network (environment/export_lpips.py) cannot be downloaded on the project's machines, so the tests
load a TorchScript module with the same call signature, forward(x, y) -> (N, 1, 1, 1), whose value has a closed form:

    d(x, y)_n = mean over (c, h, w) of (a_c * (x - y)_{n,c,h,w})^2,   a = (0.5, 1.0, 2.0)

so that d/dy sum_n d_n = -2 a_c^2 (x - y) / (C H W). It contains a Dropout(p = 0.5) that only eval mode switches
off, and unlike the real export it is saved in TRAINING mode (the module is scripted, so the flag is read at run time):
the tests then fail unless the module runs in eval mode (DJL loads modules in eval mode, and Lpips sets it again) and
DJL never switches it to training mode (which it does on a forward(training = true) after a forward(training = false)). Its parameter
`a` is left requires_grad=True so that the tests also check that the Java side freezes the module's parameters.

Run with Debian's python3-torch (1.13): /usr/bin/python3 make_lpips_fixture.py (writes beside this script).
"""
import hashlib
import os

import torch


class LpipsFixture(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.tensor([0.5, 1.0, 2.0]).view(1, 3, 1, 1))
        self.dropout = torch.nn.Dropout(p=0.5)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        d = self.dropout(self.a * (x - y))
        return (d * d).mean(dim=[1, 2, 3], keepdim=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "lpips-fixture.pt")
    module = torch.jit.script(LpipsFixture().train())
    module.save(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(path + ".sha256", "w") as f:
        f.write(f"{digest}  lpips-fixture.pt\n")
    # self-check against the closed form
    x, y = torch.rand(2, 3, 4, 5) * 2 - 1, torch.rand(2, 3, 4, 5) * 2 - 1
    loaded = torch.jit.load(path)
    assert loaded.training
    loaded.eval()
    expected = ((torch.tensor([0.5, 1.0, 2.0]).view(1, 3, 1, 1) * (x - y)) ** 2).mean(dim=[1, 2, 3])
    assert torch.allclose(loaded(x, y).view(-1), expected)
    print(f"wrote {path} ({os.path.getsize(path)} bytes, SHA-256 {digest})")


if __name__ == "__main__":
    main()
