# PyTorch reference for the MNIST MLP example: the same network (784-512-512-10 with Dropout(0.2)
# after each hidden layer, Glorot uniform, RMSprop lr 1e-3 rho 0.9), used to set the example tests' honest accuracy thresholds.
# Usage: /usr/bin/python3 torch_mlp.py <train samples> <epochs> <batch size> [seed]
# Measured here (seeds 0-2): 15000 2 64 -> 95.0-95.6% on the 10k test set; 60000 5 128 -> 98.0%.
import gzip, sys, numpy as np, torch, time
seed=int(sys.argv[4]) if len(sys.argv) > 4 else 0
torch.manual_seed(seed)
def load(p, off): return np.frombuffer(gzip.open(p).read(), np.uint8, offset=off)
import os
d=os.environ.get('LAYERWISE_DATASETS_DIR', os.path.join(os.path.dirname(__file__), '../../../../shared/datasets')) + '/mnist/'
xtr=load(d+'train-images-idx3-ubyte.gz',16).reshape(-1,784).astype(np.float32)/255; ytr=load(d+'train-labels-idx1-ubyte.gz',8).astype(np.int64)
xte=load(d+'t10k-images-idx3-ubyte.gz',16).reshape(-1,784).astype(np.float32)/255; yte=load(d+'t10k-labels-idx1-ubyte.gz',8).astype(np.int64)
import sys
n=int(sys.argv[1]); epochs=int(sys.argv[2]); bs=int(sys.argv[3])
xtr,ytr=torch.tensor(xtr[:n]),torch.tensor(ytr[:n])
m=torch.nn.Sequential(torch.nn.Linear(784,512),torch.nn.ReLU(),torch.nn.Dropout(0.2),torch.nn.Linear(512,512),torch.nn.ReLU(),torch.nn.Dropout(0.2),torch.nn.Linear(512,10))
for l in m:
    if isinstance(l, torch.nn.Linear): torch.nn.init.xavier_uniform_(l.weight); torch.nn.init.zeros_(l.bias)
opt=torch.optim.RMSprop(m.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
t=time.time()
for e in range(epochs):
    perm=torch.randperm(n)
    for i in range(0,n,bs):
        idx=perm[i:i+bs]; opt.zero_grad(); loss=torch.nn.functional.cross_entropy(m(xtr[idx]),ytr[idx]); loss.backward(); opt.step()
m.eval()
with torch.no_grad():
    for k in [2000,10000]:
        acc=(m(torch.tensor(xte[:k])).argmax(1).numpy()==yte[:k]).mean(); print(n,epochs,bs,'test first',k,acc)
print('time',time.time()-t)
