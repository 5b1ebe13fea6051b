#!/usr/bin/env python3
"""Independent reader of TensorBoard event files, for @layerwise/callbacks' tests.

Checks every record's framing and masked CRC-32C (crcmod's CRC-32C, not ours), parses each Event
with Google's protobuf runtime (messages compiled by protoc from proto/tensorboard_events.proto),
decodes PNG images with zlib (checking each chunk's CRC-32), and prints the events as JSON.

Usage: read_tensorboard_events.py EVENT_FILE
Needs Debian's python3-protobuf, protobuf-compiler and python3-crcmod.
"""
import importlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

import crcmod.predefined

crc32c = crcmod.predefined.mkCrcFun("crc-32c")


def masked(data: bytes) -> int:
    crc = crc32c(data)
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def load_messages():
    here = os.path.dirname(os.path.abspath(__file__))
    out = tempfile.mkdtemp()
    subprocess.run(["protoc", f"--proto_path={here}/proto", f"--python_out={out}", "tensorboard_events.proto"], check=True)
    sys.path.insert(0, out)
    return importlib.import_module("tensorboard_events_pb2")


def decode_png(data: bytes):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "PNG signature"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"CRC of PNG chunk {kind}"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color_type = header[:4]
    channels = {0: 1, 4: 2, 2: 3, 6: 4}[color_type]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        assert line[0] == 0, "filter type 0"
        rows.append(list(line[1:]))
    return {"width": width, "height": height, "depth": depth, "channels": channels, "pixels": [p for row in rows for p in row]}


def main(path: str) -> None:
    pb = load_messages()
    with open(path, "rb") as f:
        data = f.read()
    pos, events = 0, []
    while pos < len(data):
        header = data[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[pos + 8:pos + 12])
        assert masked(header) == length_crc, f"length CRC at byte {pos}"
        body = data[pos + 12:pos + 12 + length]
        (body_crc,) = struct.unpack("<I", data[pos + 12 + length:pos + 16 + length])
        assert masked(body) == body_crc, f"data CRC at byte {pos}"
        pos += 16 + length
        event = pb.Event()
        event.ParseFromString(body)
        out = {"wall_time": event.wall_time, "step": event.step}
        if event.HasField("file_version"):
            out["file_version"] = event.file_version
        if event.HasField("summary"):
            values = []
            for v in event.summary.value:
                item = {"tag": v.tag}
                kind = v.WhichOneof("value")
                if kind == "simple_value":
                    item["simple_value"] = v.simple_value
                elif kind == "histo":
                    h = v.histo
                    item["histo"] = {"min": h.min, "max": h.max, "num": h.num, "sum": h.sum, "sum_squares": h.sum_squares,
                                     "bucket_limit": list(h.bucket_limit), "bucket": list(h.bucket)}
                elif kind == "image":
                    image = decode_png(v.image.encoded_image_string)
                    image.update({"proto_height": v.image.height, "proto_width": v.image.width, "colorspace": v.image.colorspace})
                    item["image"] = image
                values.append(item)
            out["values"] = values
        events.append(out)
    print(json.dumps(events))


if __name__ == "__main__":
    main(sys.argv[1])
