# The PyTorch and NumPy side of `npm run bench`, run by engineBench.ts as a child process.
# One thread (torch.set_num_threads(1); the parent also sets OMP/OpenBLAS/MKL threads to 1).
# Protocol, one JSON object per line on stdin, one per line on stdout:
#   {"cmd": "load", "case": NAME, "file": PATH, "shape": [...], "op": "layer_norm"|"batch_norm", "normalized": [...]}
#   {"cmd": "run", "case": NAME, "lib": "torch"|"numpy"}            -> {"ms": wall time, "cpu_ms": CPU time of one call}
#   {"cmd": "check", "case": NAME, "lib": ..., "file": PATH}         writes that library's output there
# The parent interleaves single runs of the engine and of each library, so load hits all alike;
# only the call itself is timed here, not the pipe.
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
EPS = 1e-5
cases = {}


def numpy_layer_norm(x, axes):
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS)


def call(case, lib):
    x, tensor = case["x"], case["tensor"]
    if case["op"] == "layer_norm":
        if lib == "torch":
            return torch.nn.functional.layer_norm(tensor, case["normalized"], eps=EPS)
        axes = tuple(range(x.ndim - len(case["normalized"]), x.ndim))
        return numpy_layer_norm(x, axes)
    if lib == "torch":
        return torch.nn.functional.batch_norm(tensor, None, None, training=True, eps=EPS)
    axes = (0,) + tuple(range(2, x.ndim))
    return numpy_layer_norm(x, axes)


def main():
    print(json.dumps({"ready": True, "torch": torch.__version__, "numpy": np.__version__}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "load":
            x = np.fromfile(request["file"], dtype=np.float64).reshape(request["shape"])
            cases[request["case"]] = {
                "x": x,
                "tensor": torch.from_numpy(x),
                "op": request["op"],
                "normalized": request.get("normalized"),
            }
            reply = {"ok": True}
        elif request["cmd"] == "run":
            case = cases[request["case"]]
            cpu_start = time.process_time()
            start = time.perf_counter()
            result = call(case, request["lib"])
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            del result
            reply = {"ms": elapsed * 1000, "cpu_ms": cpu * 1000}
        elif request["cmd"] == "check":
            result = call(cases[request["case"]], request["lib"])
            np.asarray(result).astype(np.float64).tofile(request["file"])
            reply = {"ok": True}
        else:
            reply = {"error": "unknown command " + str(request["cmd"])}
        print(json.dumps(reply), flush=True)


main()
