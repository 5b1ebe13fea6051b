# PyTorch reference for the MNIST convnet example: Conv 32 (3x3 same, relu) / 2x2 max pool /
# Conv 64 (3x3 same, relu) / 2x2 max pool / Dense 128 relu / Dense 10, Glorot uniform, Adam 1e-3.
# Usage: /usr/bin/python3 torch_convnet.py <train samples> <epochs> <batch size> [seed]
import gzip, os, sys, time
import numpy as np, torch
n, epochs, bs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.manual_seed(int(sys.argv[4]) if len(sys.argv) > 4 else 0)
d = os.environ.get('LAYERWISE_DATASETS_DIR', os.path.join(os.path.dirname(__file__), '../../../../shared/datasets')) + '/mnist/'
load = lambda p, off: np.frombuffer(gzip.open(d + p).read(), np.uint8, offset=off)
xtr = torch.tensor(load('train-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28)[:n].astype(np.float32) / 255)
ytr = torch.tensor(load('train-labels-idx1-ubyte.gz', 8)[:n].astype(np.int64))
xte = torch.tensor(load('t10k-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
yte = load('t10k-labels-idx1-ubyte.gz', 8)
nn = torch.nn
m = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
for layer in m:
    if isinstance(layer, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(layer.weight); nn.init.zeros_(layer.bias)
opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
t = time.time()
for e in range(epochs):
    perm = torch.randperm(len(xtr))
    for i in range(0, len(xtr), bs):
        idx = perm[i:i + bs]; opt.zero_grad(); nn.functional.cross_entropy(m(xtr[idx]), ytr[idx]).backward(); opt.step()
with torch.no_grad():
    acc = (m(xte).argmax(1).numpy() == yte).mean()
print(n, epochs, bs, 'test accuracy', acc, 'seconds', round(time.time() - t, 1))
