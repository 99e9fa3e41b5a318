"""Files: model files in and out, written atomically.

    modelfile.py     the JSON model-file format, and ``save(model, path)``
    persist.py       ``load(path)``: reads and checks a model file, trusting nothing
    safetensors.py   a Network's weights as safetensors, for PyTorch
    atomic.py        atomic writes: a crash leaves the old file or the new, never half
"""

from .modelfile import save, to_dict
from .persist import load
from .safetensors import export_safetensors, load_safetensors

__all__ = ["save", "to_dict", "load", "export_safetensors", "load_safetensors"]
