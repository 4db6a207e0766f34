"""Hugging Face transformers backend: batched `generate` with left padding and length-sorted batches,
greedy or sampling with one seed per sample, stop strings and EOS, fp32/bf16/fp16, CPU or CUDA.

Sampling draws each row's token with that request's own generator (`SeededSampler`), so a sample's completion
does not depend on the batch size, on the prompts it shares a batch with, or on whether the run was resumed."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator, Sequence

import torch

from cfteval.backends import (
    LOCAL_DEFAULTS,
    Completion,
    ModelOptions,
    Request,
    SamplingParams,
    check_model_path,
    cut_at_stop,
)
from cfteval.errors import CftevalError, first_line

log = logging.getLogger("cfteval")

_NOT_SAMPLING = {"transformers_version", "use_cache", "output_attentions", "output_hidden_states", "output_scores",
                 "output_logits", "return_dict_in_generate"}  # fmt: skip
TORCH_DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


class HFBackend:
    name = "hf"

    def __init__(self, model: str, options: ModelOptions = LOCAL_DEFAULTS):
        from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

        dtype, device, batch_size, trust_remote_code = (
            options.dtype, options.device, options.batch_size, options.trust_remote_code
        )  # fmt: skip

        check_model_path(model)
        if batch_size < 1:
            raise CftevalError("--batch-size must be at least 1")
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        if dtype == "auto":
            dtype = "bfloat16" if self.device.startswith("cuda") else "float32"
        if dtype not in TORCH_DTYPES:
            raise CftevalError(f"unknown dtype '{dtype}'; use one of {', '.join(TORCH_DTYPES)} or auto")
        self.dtype = dtype
        self.batch_size = batch_size
        try:
            config = AutoConfig.from_pretrained(model, trust_remote_code=trust_remote_code)
        except (OSError, ValueError) as e:
            raise CftevalError(f"cannot load a model config from {model}: {first_line(e)}") from None
        try:
            self.model = AutoModelForCausalLM.from_pretrained(
                model, dtype=TORCH_DTYPES[dtype], trust_remote_code=trust_remote_code
            )
        except ValueError as e:
            raise CftevalError(f"{model} is not a causal LM ({type(config).__name__}): {first_line(e)}") from None
        except OSError as e:
            raise CftevalError(f"cannot load model weights from {model}: {first_line(e)}") from None
        try:
            self.model.to(self.device).eval()
        except (RuntimeError, AssertionError, ValueError) as e:
            raise CftevalError(f"cannot use device '{self.device}': {first_line(e)}") from None
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model, trust_remote_code=trust_remote_code)
        except (OSError, ValueError) as e:
            raise CftevalError(f"cannot load a tokenizer from {model}: {first_line(e)}") from None
        if not self.tokenizer("The answer is 42.")["input_ids"]:
            raise CftevalError(f"{model} has no usable tokenizer (no tokenizer files next to the weights?)")
        self.tokenizer.padding_side = "left"
        gen = self.model.generation_config
        eos = gen.eos_token_id if gen.eos_token_id is not None else self.tokenizer.eos_token_id
        self.eos_ids = sorted({eos} if isinstance(eos, int) else set(eos or ()))
        if self.tokenizer.eos_token_id is not None:
            self.eos_ids = sorted(set(self.eos_ids) | {self.tokenizer.eos_token_id})
        if not self.eos_ids:
            raise CftevalError(f"{model}: neither the generation config nor the tokenizer names an EOS token")
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.convert_ids_to_tokens(self.eos_ids[0])
        self.pad_id = self.tokenizer.pad_token_id
        self._neutral_generation_defaults()
        self._warned_clamp = False
        # Learned position tables crash past their size; generation is clamped to fit, as vLLM does.
        self.max_length = next(
            (int(v) for k in ("max_position_embeddings", "n_positions") if (v := getattr(config, k, None))), None
        )

    def _neutral_generation_defaults(self) -> None:
        """transformers fills every setting a GenerationConfig leaves unset from the model's
        generation_config.json, so a shipped `repetition_penalty: 1.05` or `temperature: 0.7` would change a
        "greedy" run without a trace. vLLM, given explicit sampling parameters, applies none of them: neither do we.
        Only the special token ids and the cache settings are kept."""
        from transformers import GenerationConfig

        shipped = self.model.generation_config.to_diff_dict()
        kept = ("bos_token_id", "decoder_start_token_id", "cache_implementation", "cache_config")
        settings = {k: shipped[k] for k in kept if shipped.get(k) is not None}
        skip = {*_NOT_SAMPLING, *kept}
        ignored = sorted(k for k in shipped if not k.endswith("token_id") and k not in skip and k[0] != "_")
        if ignored:
            log.info(
                "hf: the model's generation defaults (%s) are not applied; cfteval's sampling settings are",
                ", ".join(ignored),
            )
        self.model.generation_config = GenerationConfig(**settings, eos_token_id=self.eos_ids, pad_token_id=self.pad_id)

    def info(self) -> dict:
        return {"device": self.device, "dtype": self.dtype, "batch_size": self.batch_size}

    def _encode(self, prompts: Sequence[str]) -> dict:
        bos = self.tokenizer.bos_token
        # A prompt rendered by a chat template already carries its BOS; don't add a second one.
        add_special = not (bos and all(p.startswith(bos) for p in prompts))
        return self.tokenizer(list(prompts), return_tensors="pt", padding=True, add_special_tokens=add_special)

    def plan(self, requests: Sequence[Request], done: set[int]) -> list[list[int]]:
        lengths = [len(ids) for ids in self.tokenizer([r.prompt for r in requests])["input_ids"]]
        order = sorted(range(len(requests)), key=lambda i: (-lengths[i], i))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        return [b for b in batches if any(i not in done for i in b)]

    def _budgets(self, lengths: list[int], max_new_tokens: int) -> list[int]:
        """Each prompt's own generation budget: max_new_tokens, cut to what its length leaves of the context (as
        vLLM does per prompt), so a prompt's result never depends on the batch it lands in."""
        if self.max_length is None:
            return [max_new_tokens] * len(lengths)
        too_long = [n for n in lengths if n >= self.max_length]
        if too_long:
            raise CftevalError(
                f"a prompt of {max(too_long)} tokens does not fit the model's context of {self.max_length}"
            )
        budgets = [min(max_new_tokens, self.max_length - n) for n in lengths]
        if not self._warned_clamp and min(budgets) < max_new_tokens:
            self._warned_clamp = True
            log.warning(
                "hf: prompts that leave less than max_new_tokens=%d of the model's context of %d generate only "
                "what fits (finish_reason 'length')", max_new_tokens, self.max_length
            )  # fmt: skip
        return budgets

    @torch.inference_mode()
    def generate(self, requests: Sequence[Request], params: SamplingParams) -> Iterator[Completion]:
        for start in range(0, len(requests), self.batch_size):
            batch = requests[start : start + self.batch_size]
            lengths = self._encode([r.prompt for r in batch])["attention_mask"].sum(dim=1).tolist()
            groups: dict[int, list[int]] = {}  # rows with the same budget generate together
            for row, budget in enumerate(self._budgets(lengths, params.max_new_tokens)):
                groups.setdefault(budget, []).append(row)
            for budget, rows in sorted(groups.items(), reverse=True):
                for row, completion in zip(rows, self._generate_rows([batch[r] for r in rows], params, budget)):
                    yield dataclasses.replace(completion, index=start + row)

    def _generate_rows(self, batch: Sequence[Request], params: SamplingParams, budget: int) -> list[Completion]:
        from transformers import GenerationConfig, LogitsProcessorList, StoppingCriteriaList

        enc = self._encode([r.prompt for r in batch]).to(self.device)
        prompt_len = enc["input_ids"].shape[1]
        # Greedy decoding throughout: when sampling, SeededSampler leaves only the token it drew.
        config = GenerationConfig(
            max_new_tokens=budget, do_sample=False, eos_token_id=self.eos_ids, pad_token_id=self.pad_id
        )
        sampling = params.temperature > 0
        sampler = SeededSampler([r.seed for r in batch], params.temperature, params.top_p) if sampling else None
        stops = GeneratedStopStrings(self.tokenizer, params.stop, prompt_len) if params.stop else None
        try:
            out = self.model.generate(
                **enc,
                generation_config=config,
                logits_processor=LogitsProcessorList([sampler] if sampler else []),
                stopping_criteria=StoppingCriteriaList([stops] if stops else []),
            )
        except torch.cuda.OutOfMemoryError:
            raise CftevalError(
                f"out of memory generating a batch of {len(batch)}; "
                "lower --batch-size and use a new --output (a run keeps one batch size)"
            ) from None
        prompt_tokens = enc["attention_mask"].sum(dim=1).tolist()
        return [
            self._completion(row, ids, prompt_tokens[row], params)
            for row, ids in enumerate(out[:, prompt_len:].tolist())
        ]

    def _completion(self, index: int, ids: list[int], prompt_tokens: int, params: SamplingParams) -> Completion:
        # A row ends at its first EOS; padding follows a row that ended (by EOS or stop string) before the
        # batch did. A pad token the model generates itself is an ordinary token.
        ended = next((k for k, t in enumerate(ids) if t in self.eos_ids), None)
        kept = ids if ended is None else ids[:ended]
        # Special tokens are dropped from the text, as vLLM and lm-eval do by default.
        text = self.tokenizer.decode(kept, skip_special_tokens=True)
        text, hit_stop = cut_at_stop(text, params.stop)
        # transformers matches stop strings on token text, special tokens included (a pad that is `<|endoftext|>`)
        hit_stop = hit_stop or cut_at_stop(self.tokenizer.decode(kept), params.stop)[1]
        count = len(ids) if ended is None else ended + 1
        if hit_stop:
            count = min(count, max(1, len(ids) - _trailing(ids, self.pad_id)))
        finish = "stop" if hit_stop or ended is not None else "length"
        return Completion(index, text, finish, int(prompt_tokens), count)


class SeededSampler:
    """A logits processor that samples each row with its own `torch.Generator`, seeded from its request's seed and
    kept for the whole `generate` call, and masks every other token to -inf, so greedy decoding emits the drawn
    token. Temperature, then top-p (the smallest set of most likely tokens holding top_p of the mass, as vLLM);
    one uniform draw per row and step, inverted through the row's cumulative distribution."""

    def __init__(self, seeds: Sequence[int], temperature: float, top_p: float):
        self.generators = [torch.Generator().manual_seed(seed) for seed in seeds]
        self.temperature = temperature
        self.top_p = top_p

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        probs = torch.softmax(scores.double() / self.temperature, dim=-1)
        if self.top_p < 1:
            sorted_probs, order = probs.sort(dim=-1, descending=True, stable=True)
            drop = sorted_probs.cumsum(dim=-1) - sorted_probs >= self.top_p  # the mass before it is already enough
            probs = probs.masked_fill(drop.scatter(-1, order, drop), 0.0)
        cdf = probs.cumsum(dim=-1)
        draws = torch.cat([torch.rand(1, generator=g, dtype=torch.float64) for g in self.generators])
        targets = draws.to(cdf.device).unsqueeze(1) * cdf[:, -1:]
        # The first token whose cumulative mass exceeds the draw (never one of probability 0); past the end when
        # rounding puts the draw at the total: then the last token of positive probability.
        tokens = torch.searchsorted(cdf, targets, right=True)
        last = cdf.shape[-1] - 1 - (probs.flip(-1) > 0).int().argmax(dim=-1, keepdim=True)
        tokens = torch.minimum(tokens, last)
        return torch.full_like(scores, -float("inf")).scatter(-1, tokens, 0.0)


class GeneratedStopStrings:
    """transformers' stop-string criterion applied to the generated tokens only. On the whole sequence it also
    matches a stop string that begins in the prompt (a prompt ending in "\\n" and a first token "\\n" make "\\n\\n"),
    which vLLM does not, and a row stopped that way has no stop string in its text to report."""

    def __init__(self, tokenizer, stop: Sequence[str], prompt_len: int):
        from transformers import StopStringCriteria

        self.criterion = StopStringCriteria(tokenizer, list(stop))
        self.prompt_len = prompt_len

    def __call__(self, input_ids: torch.Tensor, scores, **kwargs) -> torch.Tensor:
        return self.criterion(input_ids[:, self.prompt_len :], scores, **kwargs)


def _trailing(ids: list[int], token: int) -> int:
    """How many `token`s end `ids`."""
    n = 0
    while n < len(ids) and ids[-1 - n] == token:
        n += 1
    return n
