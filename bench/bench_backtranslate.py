"""Back-translation speed and memory: raw CTranslate2 and transformers against the auditor's own stage.

A random model with opus-mt-it-en's shape (vocab 80035, 6+6 layers, d_model 512, 8 heads, FFN 2048) translates
40 paragraphs of ~60 tokens; the output length is forced so every engine decodes the same number of tokens
(transformers: min_new_tokens = max_new_tokens = OUT + 1, the last being the forced </s>; CTranslate2:
min_decoding_length = max_decoding_length = OUT). Each case runs in its own process, so load time and peak RSS
are its own; each case reports its best timed pass. Usage (about 5 minutes on 2 cores; the model is built
once under --workdir):

    /work/main/.venv/bin/python bench/bench_backtranslate.py [--paragraphs 40] [--out-tokens 60]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]  # the auditor of this checkout + the model builder

OPUS_MT_IT_EN = {"vocab_size": 80035, "layers": 6, "d_model": 512, "heads": 8, "ffn": 2048, "max_positions": 512}
# name -> (engine, configuration shown in the table, timed passes: the best one counts, as CPU time on a
# shared machine is noisy; the slow transformers cases get fewer passes). Adjacent cases compare best.
CASES = {
    "ct2-best": ("ct2 raw", "int8 greedy, inter 2 x intra 1, batch ceil(n/2)", 5),
    "auditor-auto": ("auditor stage", "--engine auto (-> ct2), empty cache", 5),
    "ct2-1x2": ("ct2 raw", "int8 greedy, inter 1 x intra 2, batch n", 3),
    "hf-b16": ("transformers raw", "fp32 greedy, batch 16", 2),
    "auditor-transformers": ("auditor stage", "--engine transformers, empty cache", 2),
    "hf-b1": ("transformers raw", "fp32 greedy, batch 1", 1),
}


def pseudo_words(rng: random.Random, n: int) -> list[str]:
    """Italian-looking words, so the sentencepiece model has something to learn."""
    syllables = "ca co di la le lo ma mi na no pa pe po ra re ri sa se si ta te to va ve vi zio gli chi".split()
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(n)]


def build(workdir: Path, paragraphs: int) -> None:
    """The shape-true random model (transformers + CTranslate2 int8) and the article, built once."""
    import tiny_marian
    from transformers import MarianTokenizer

    from auditor.fetch import convert_ct2
    rng = random.Random(0)
    root = workdir / "random-opus-mt-it-en"
    if not (root / "ct2-int8").exists():
        lines = tuple(" ".join(pseudo_words(rng, 12)) + "." for _ in range(3000))
        tiny_marian.build_marian(root / "hf", spm_size=4000, init_std=0.02, lines=lines, **OPUS_MT_IT_EN)
        convert_ct2(root / "hf", root / "ct2-int8")
    tokenizer = MarianTokenizer.from_pretrained(root / "hf")
    article = []
    for _ in range(paragraphs):
        words = pseudo_words(rng, 10)
        while len(tokenizer(" ".join(words)).input_ids) < 60:
            words += pseudo_words(rng, 2)
        article.append(" ".join(words) + ".")
    (workdir / "article.json").write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")


Case = tuple[float, Callable[[], int]]  # (load seconds, one timed pass returning the tokens decoded)


def ct2_raw(root: Path, article: list[str], out: int, inter: int, intra: int) -> Case:
    import ctranslate2
    from transformers import MarianTokenizer
    tokenizer = MarianTokenizer.from_pretrained(root / "ct2-int8")
    tokens = [tokenizer.convert_ids_to_tokens(tokenizer(p).input_ids) for p in article]
    start = time.perf_counter()
    translator = ctranslate2.Translator(str(root / "ct2-int8"), device="cpu", compute_type="int8",
                                        inter_threads=inter, intra_threads=intra)
    load = time.perf_counter() - start

    def run() -> int:
        results = translator.translate_batch(tokens, beam_size=1, max_batch_size=math.ceil(len(tokens) / inter),
                                             min_decoding_length=out, max_decoding_length=out)
        return sum(len(r.hypotheses[0]) for r in results)
    return load, run


def hf_raw(root: Path, article: list[str], out: int, batch: int) -> Case:
    import torch
    from transformers import MarianMTModel, MarianTokenizer
    tokenizer = MarianTokenizer.from_pretrained(root / "hf")
    batches = [tokenizer(article[i:i + batch], return_tensors="pt", padding=True)
               for i in range(0, len(article), batch)]
    start = time.perf_counter()
    model = MarianMTModel.from_pretrained(root / "hf").eval()
    load = time.perf_counter() - start
    special = set(tokenizer.all_special_ids)

    def run() -> int:
        produced = 0
        with torch.inference_mode():
            for inputs in batches:
                ids = model.generate(**inputs, num_beams=1, do_sample=False, min_new_tokens=out + 1,
                                     max_new_tokens=out + 1)
                produced += sum(i not in special for i in ids.flatten().tolist())
        return produced
    return load, run


def auditor_stage(root: Path, article: list[str], out: int, engine: str) -> Case:
    os.environ["AUDITOR_HOME"] = str(root.parent / f"home-{engine}")
    from auditor.backtranslate import CACHE_FILE, backtranslate_paragraphs, load_engine
    from auditor.engines import Decoding
    from auditor.models import cache_dir, resolve_model
    start = time.perf_counter()
    loaded = load_engine(resolve_model("it", "en", model_path=str(root), engine=engine),
                         Decoding(max_new_tokens=out + 1, min_new_tokens=out + 1))
    load = time.perf_counter() - start

    def run() -> int:
        (cache_dir() / CACHE_FILE).unlink(missing_ok=True)  # every pass starts from an empty cache
        result = backtranslate_paragraphs([[p] for p in article], loaded.translate, loaded.split)
        assert len(result) == len(article) and not any(p.split_sentences for p in result)
        return len(article) * out  # every sentence decodes exactly `out` tokens (forced)
    return load, run


def run_case(case: str, workdir: Path, out: int) -> dict[str, float]:
    """One case, in this process: tokens, best seconds of its passes, load seconds, peak RSS."""
    root = workdir / "random-opus-mt-it-en"
    article = json.loads((workdir / "article.json").read_text(encoding="utf-8"))
    setups = {
        "ct2-best": lambda: ct2_raw(root, article, out, 2, 1),
        "auditor-auto": lambda: auditor_stage(root, article, out, "auto"),
        "ct2-1x2": lambda: ct2_raw(root, article, out, 1, 2),
        "hf-b16": lambda: hf_raw(root, article, out, 16),
        "auditor-transformers": lambda: auditor_stage(root, article, out, "transformers"),
        "hf-b1": lambda: hf_raw(root, article, out, 1),
    }
    load, run = setups[case]()
    timings = []
    for _ in range(CASES[case][2]):
        start = time.perf_counter()
        tokens = run()
        timings.append(time.perf_counter() - start)
    return {"tokens": tokens, "seconds": min(timings), "load": load, "rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss it is not inherited from the parent across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--out-tokens", type=int, default=60)
    parser.add_argument("--workdir", type=Path, default=HERE / "out" / "mt")
    parser.add_argument("--case", choices=CASES, help="run one case and print its JSON (used internally)")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.workdir, args.out_tokens)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    build(args.workdir, args.paragraphs)
    rows = {}
    for case in CASES:
        done = subprocess.run([sys.executable, __file__, "--case", case, "--workdir", str(args.workdir),
                               "--out-tokens", str(args.out_tokens)], capture_output=True, text=True, check=True)
        rows[case] = json.loads(done.stdout.strip().splitlines()[-1])
    print_table(rows, args)


def print_table(rows: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(f"{args.paragraphs} paragraphs, output forced to {args.out_tokens} tokens each, "
          f"{os.cpu_count()} CPUs")
    print(f"{'engine':<17} {'config':<48} {'tokens':>6} {'s':>6} {'tok/s':>7} {'load s':>6} {'RSS MB':>6}")
    for case, row in rows.items():
        engine, config, _ = CASES[case]
        print(f"{engine:<17} {config:<48} {row['tokens']:>6} {row['seconds']:>6.2f} "
              f"{row['tokens'] / row['seconds']:>7.0f} {row['load']:>6.2f} {row['rss_mb']:>6.0f}")
    ratio = (rows["auditor-auto"]["tokens"] / rows["auditor-auto"]["seconds"]) / \
        (rows["ct2-best"]["tokens"] / rows["ct2-best"]["seconds"])
    print(f"auditor auto / raw ct2 best throughput: {ratio:.2f}x (target >= 0.9x)")


if __name__ == "__main__":
    main()
