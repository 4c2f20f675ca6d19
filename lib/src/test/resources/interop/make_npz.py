"""Writes the tiny .npz files of lddgan.interop.NpzTest (Debian's numpy: /usr/bin/python3 make_npz.py).

arrays.npz (numpy.savez): x = arange(6).reshape(2, 3) / 4 float32; t = [3, 0, 2**40] int64; d = [0.1, 1e-300]
float64; f = the same values as x * 4, Fortran order; b = [1.5, -2] big-endian float32; m = [True, False] bool;
h = [0.5, -0.25] float16; v2 = [7, 8] int32 written with .npy format version 2.0.
compressed.npz (numpy.savez_compressed): x as above.
objects.npz: an object array (pickled; not supported).
"""
import io
import zipfile

import numpy as np

x = np.arange(6, dtype=np.float32).reshape(2, 3) / 4
arrays = dict(x=x, t=np.array([3, 0, 2 ** 40], dtype=np.int64), d=np.array([0.1, 1e-300], dtype=np.float64),
              f=np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)),
              b=np.array([1.5, -2], dtype=">f4"), m=np.array([True, False]), h=np.array([0.5, -0.25], dtype=np.float16))
assert not arrays["f"].flags.c_contiguous
np.savez("arrays.npz", **arrays)
buf = io.BytesIO()
np.lib.format.write_array(buf, np.array([7, 8], dtype=np.int32), version=(2, 0))
with zipfile.ZipFile("arrays.npz", "a") as z:
    z.writestr("v2.npy", buf.getvalue())
np.savez_compressed("compressed.npz", x=x)
np.savez("objects.npz", o=np.array([{"a": 1}, None], dtype=object))
