"""PyTorch reference for the Layerwise benchmarks: the same GEMM shapes and the same networks
(MLP 784-512-512-10; Conv32/maxpool/Conv64/maxpool/Dense128/Dense10 on 28x28x1; the separable
convnet Conv32/SepConv64/maxpool/SepConv128/maxpool/Dense10 on 28x28x1; the book's four-block
convnet on 150x150x3), trained with plain SGD on a fixed random batch. Prints Markdown tables.

Run with the system Python that has torch:  /usr/bin/python3 benchmarks/pytorch/bench.py
Options: --threads N (default: torch's default), --quick (fewer repeats), --train-only, --gemm-only.
"""
import argparse
import os
import platform
import statistics
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:  # pragma: no cover
    raise SystemExit("torch is not installed for this Python; run /usr/bin/python3 benchmarks/pytorch/bench.py")


def machine():
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}, torch {torch.__version__}, "
            f"torch threads {torch.get_num_threads()}, load average {load}")


def timed(fn, warmup, min_reps, max_reps, budget_s):
    for _ in range(warmup):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or (len(times) < max_reps and time.perf_counter() - start < budget_s):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def gemm(quick):
    shapes = [(128, 784, 512), (128, 512, 512), (784, 128, 512)]
    print("| M x K x N | PyTorch GFLOP/s |")
    print("|---|---:|")
    for m, k, n in shapes:
        for ta in (False, True):
            for tb in (False, True):
                a = torch.rand(k, m) * 2 - 1 if ta else torch.rand(m, k) * 2 - 1
                b = torch.rand(n, k) * 2 - 1 if tb else torch.rand(k, n) * 2 - 1
                opa = a.t() if ta else a
                opb = b.t() if tb else b
                times = timed(lambda: torch.mm(opa, opb), 5, 15, 20 if quick else 200, 0.5 if quick else 1.5)
                gflops = 2 * m * n * k / statistics.median(times) / 1e9
                label = f"{m}x{k}x{n} {'Aᵀ' if ta else 'A'}{'Bᵀ' if tb else 'B'}"
                print(f"| {label} | {gflops:.1f} |")


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1, self.l2, self.l3 = nn.Linear(784, 512), nn.Linear(512, 512), nn.Linear(512, 10)

    def forward(self, x):
        return self.l3(F.relu(self.l2(F.relu(self.l1(x)))))


class Convnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 3, padding=1)
        self.c2 = nn.Conv2d(32, 64, 3, padding=1)
        self.d1 = nn.Linear(7 * 7 * 64, 128)
        self.d2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.d2(F.relu(self.d1(torch.flatten(x, 1))))


class SeparableConv(nn.Module):
    """Keras' SeparableConv2D: a depthwise 3x3 convolution (no bias) then a pointwise 1x1 one (with bias)."""

    def __init__(self, cin, cout):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.pointwise = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


class SeparableConvnet(nn.Module):
    """Conv32 / SeparableConv64 / maxpool / SeparableConv128 / maxpool / Dense10 on 28x28x1."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 3, padding=1)
        self.s2 = SeparableConv(32, 64)
        self.s3 = SeparableConv(64, 128)
        self.d = nn.Linear(7 * 7 * 128, 10)

    def forward(self, x):
        x = F.relu(self.c1(x))
        x = F.max_pool2d(F.relu(self.s2(x)), 2)
        x = F.max_pool2d(F.relu(self.s3(x)), 2)
        return self.d(torch.flatten(x, 1))


class SmallDataConvnet(nn.Module):
    """The book's four-block convnet on 150x150x3 (Conv 32/64/128/128 3x3 + 2x2 pooling, Dense 512, Dense 1)."""

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(i, o, 3) for i, o in ((3, 32), (32, 64), (64, 128), (128, 128))])
        self.d1 = nn.Linear(7 * 7 * 128, 512)
        self.d2 = nn.Linear(512, 1)

    def forward(self, x):
        for conv in self.convs:
            x = F.max_pool2d(F.relu(conv(x)), 2)
        return self.d2(F.relu(self.d1(torch.flatten(x, 1))))


def train(quick):
    print("| model | PyTorch samples/s |")
    print("|---|---:|")
    models = (("mlp", Mlp, (784,)), ("convnet", Convnet, (1, 28, 28)), ("separable", SeparableConvnet, (1, 28, 28)),
              ("smalldata150", SmallDataConvnet, (3, 150, 150)))
    for name, make, shape in models:
        for batch in (128, 32):
            torch.manual_seed(0)
            model = make()
            opt = torch.optim.SGD(model.parameters(), lr=0.01)
            x = torch.rand(batch, *shape)
            binary = name == "smalldata150"
            y = torch.randint(0, 2, (batch, 1)).float() if binary else torch.randint(0, 10, (batch,))

            def step():
                opt.zero_grad()
                out = model(x)
                loss = F.binary_cross_entropy_with_logits(out, y) if binary else F.cross_entropy(out, y)
                loss.backward()
                opt.step()
                return loss.item()

            times = timed(step, 3, 5, 20 if quick else 100, 1 if quick else 4)
            print(f"| {name}, batch {batch} | {batch / statistics.median(times):.0f} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--train-only", action="store_true")
    parser.add_argument("--gemm-only", action="store_true")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"# PyTorch reference\n\n{machine()}\n")
    if not args.train_only:
        gemm(args.quick)
        print()
    if not args.gemm_only:
        train(args.quick)
    print("\nGFLOP/s from the median of torch.mm; samples/s = batch / median SGD step (forward, backward, update).")


if __name__ == "__main__":
    main()
