"""Writes the tiny torch.save files of lddgan.interop.TorchCheckpointTest (run with Debian's python3-torch 1.13: /usr/bin/python3 make_checkpoints.py).

Values are small integers or exact binary fractions, so the Java test states them by formula:
  f32  = arange(6).reshape(2, 3) / 4            float32
  f16  = arange(6).reshape(3, 2) / 4 - 0.5      float16
  bf16 = arange(4) * 1.5 - 2                    bfloat16
  f64  = arange(4) / 8 + 1e-300                 float64 (a value float32 cannot hold)
  i64  = arange(5) * 3 - 2**40                  int64 (beyond int32)
  base = arange(24).reshape(4, 6)               float32
  view = base.t()[1:4, ::2]                     a non-contiguous view of base's storage (offset 1, stride (1, 12))
  param = nn.Parameter(arange(3))              a Parameter (rebuilt through _rebuild_parameter)
  sub  = arange(3) + 10 as a Tensor subclass   (rebuilt through torch._tensor._rebuild_from_type_v2)
legacy.pth is the same dict saved in the pre-1.6 format (_use_new_zipfile_serialization=False).
"""
import collections
import torch

base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
view = base.t()[1:4, ::2]
assert not view.is_contiguous() and view.storage_offset() == 1
d = collections.OrderedDict()
d["f32"] = torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4
d["f16"] = (torch.arange(6, dtype=torch.float32).reshape(3, 2) / 4 - 0.5).half()
d["bf16"] = (torch.arange(4, dtype=torch.float32) * 1.5 - 2).bfloat16()
d["f64"] = torch.arange(4, dtype=torch.float64) / 8 + 1e-300
d["i64"] = torch.arange(5, dtype=torch.int64) * 3 - 2 ** 40
d["base"] = base
d["view"] = view
d["param"] = torch.nn.Parameter(torch.arange(3, dtype=torch.float32))


class Sub(torch.Tensor):
    pass


d["sub"] = (torch.arange(3, dtype=torch.float32) + 10).as_subclass(Sub)
torch.save(d, "dtypes.pth")
torch.save({"f32": d["f32"]}, "legacy.pth", _use_new_zipfile_serialization=False)
