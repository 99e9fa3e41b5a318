"""Files: model files in and out, written atomically.

    modelfile.py     the JSON model-file format, and ``save(model, path)``
    untrusted.py     reading a file you did not write: bounded, strict JSON, every field checked
    persist.py       ``load(path)``: a checked model file made a model again
    safetensors.py   a Network's weights as safetensors, for PyTorch
    atomic.py        atomic writes: a crash leaves the old file or the new, never half
"""

from .modelfile import save, to_dict
from .persist import load
from .safetensors import export_safetensors, load_safetensors

__all__ = ["save", "to_dict", "load", "export_safetensors", "load_safetensors"]
