"""Checks with h5py (an independent HDF5 reader) that a file written by @layerwise/io has Keras' layout.

Usage: check_keras_h5.py FILE EXPECTED_JSON
EXPECTED_JSON: {"kind": "full" | "weights" | "keras3",
                "layers": [{"name": str, "weights": [[weight_name, [shape...]], ...]}, ...],
                "optimizer": int (number of optimizer variables, optional)}
Prints "ok" or raises AssertionError naming what differs. Layouts:
  full:    tf.keras 2 `model.save('x.h5')`: model_config/training_config attributes, model_weights/<layer>
           groups with weight_names ("dense/kernel:0") and float32 datasets at those paths.
  weights: `model.save_weights('x.h5')`: the same layer groups at the root.
  keras3:  Keras 3's model.weights.h5: layers/<name>/vars/0..n, optimizer/vars/0..n.
"""
import json
import sys

import h5py


def names(attr):
    return [n.decode("utf8") if isinstance(n, bytes) else str(n) for n in attr]


def check_legacy(group, expected):
    layer_names = names(group.attrs["layer_names"])
    assert layer_names == [l["name"] for l in expected["layers"]], f"layer_names {layer_names}"
    assert group.attrs["layer_names"].dtype.kind == "S", "layer_names must be byte strings, as Keras reads them"
    for layer in expected["layers"]:
        g = group[layer["name"]]
        weight_names = names(g.attrs["weight_names"])
        assert weight_names == [w[0] + ":0" for w in layer["weights"]], f"{layer['name']}: weight_names {weight_names}"
        for (name, shape), stored in zip(layer["weights"], weight_names):
            dataset = g[stored]
            assert isinstance(dataset, h5py.Dataset), f"{stored} is not a dataset"
            assert list(dataset.shape) == shape, f"{stored}: shape {dataset.shape}, expected {shape}"
            assert dataset.dtype == "float32", f"{stored}: dtype {dataset.dtype}"


def check_keras3(f, expected):
    for layer in expected["layers"]:
        g = f["layers"][layer["name"]]["vars"]
        assert sorted(g.keys(), key=int) == [str(i) for i in range(len(layer["weights"]))], f"{layer['name']}: vars {list(g.keys())}"
        for i, (_, shape) in enumerate(layer["weights"]):
            assert list(g[str(i)].shape) == shape, f"{layer['name']}/vars/{i}: shape {g[str(i)].shape}, expected {shape}"
            assert g[str(i)].dtype == "float32", f"{layer['name']}/vars/{i}: dtype {g[str(i)].dtype}"
    if "optimizer" in expected:
        v = f["optimizer"]["vars"]
        assert len(v) == expected["optimizer"], f"optimizer vars: {len(v)}"
        assert v["0"].dtype == "int64" and v["0"].shape == (), "optimizer/vars/0 is the int64 iteration count"


def main():
    path, expected = sys.argv[1], json.loads(sys.argv[2])
    with h5py.File(path, "r") as f:
        if expected["kind"] == "keras3":
            check_keras3(f, expected)
        elif expected["kind"] == "weights":
            check_legacy(f, expected)
        else:
            config = json.loads(f.attrs["model_config"])
            assert config["class_name"] in ("Sequential", "Functional"), config["class_name"]
            assert "keras_version" in f.attrs and "backend" in f.attrs
            check_legacy(f["model_weights"], expected)
            if "optimizer" in expected:
                assert len(names(f["optimizer_weights"].attrs["weight_names"])) == expected["optimizer"]
                json.loads(f.attrs["training_config"])
    print("ok")


if __name__ == "__main__":
    main()
