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
big.pth holds f32, i64 and f16 as above as a big-endian machine writes them: the zip of torch.save with byteorder
"big" (added: PyTorch 1.13 writes no byteorder entry) and every storage's elements byte-swapped (storage keys 0, 1, 2 in order of first use).
objects.pth: {"weight": arange(4), "hparams": argparse.Namespace(lr=0.1), "counts": defaultdict(list, a=[1]),
"counter": Counter("aab"), "window": slice(1, 2), "mylist": MyList([1, 2]), "mydict": MyDict(a=1),
"tags": {"x", "y"}, "raw": b"\x00\x01", "when": datetime.date(2024, 1, 2), "epoch": 7}: classes a reader may not know.
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

# big.pth: what torch.save writes on a big-endian host (native-order storages + byteorder "big")
import io
import zipfile

small = collections.OrderedDict([("f32", d["f32"]), ("i64", d["i64"]), ("f16", d["f16"])])
buf = io.BytesIO()
torch.save(small, buf)
widths = {"0": 4, "1": 8, "2": 2}
with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile("big.pth", "w") as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        folder, _, rest = info.filename.partition("/")
        if rest == "byteorder":
            data = b"big"
        elif rest.startswith("data/") and rest[5:] in widths:
            w = widths[rest[5:]]
            data = b"".join(data[i:i + w][::-1] for i in range(0, len(data), w))
        dst.writestr(info.filename, data)
    if not any(n.endswith("/byteorder") for n in src.namelist()):  # torch 1.13 writes none (means little)
        dst.writestr(src.namelist()[0].split("/")[0] + "/byteorder", b"big")

# objects.pth: a checkpoint with objects of classes a reader may not know
import argparse
import datetime


class MyList(list):
    pass


class MyDict(dict):
    pass


torch.save({"weight": torch.arange(4, dtype=torch.float32), "hparams": argparse.Namespace(lr=0.1),
            "counts": collections.defaultdict(list, a=[1]), "counter": collections.Counter("aab"),
            "window": slice(1, 2), "mylist": MyList([1, 2]), "mydict": MyDict(a=1), "tags": {"x", "y"},
            "raw": b"\x00\x01", "when": datetime.date(2024, 1, 2), "epoch": 7}, "objects.pth")
