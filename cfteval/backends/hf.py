"""Hugging Face transformers backend: batched `generate` with left padding and length-sorted batches,
greedy or seeded sampling, stop strings and EOS, fp32/bf16/fp16, CPU or CUDA."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

import torch

from cfteval.backends import Completion, Request, SamplingParams, check_model_path, cut_at_stop, first_line
from cfteval.errors import CftevalError

log = logging.getLogger("cfteval")

TORCH_DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


class HFBackend:
    name = "hf"

    def __init__(
        self,
        model: str,
        dtype: str = "auto",
        device: str = "auto",
        batch_size: int = 16,
        trust_remote_code: bool = False,
    ):
        from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

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
        # Learned position tables crash past their size; generation is clamped to fit, as vLLM does.
        self.max_length = next(
            (int(v) for k in ("max_position_embeddings", "n_positions") if (v := getattr(config, k, None))), None
        )

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

    @torch.inference_mode()
    def generate(self, requests: Sequence[Request], params: SamplingParams) -> Iterator[Completion]:
        from transformers import GenerationConfig

        for start in range(0, len(requests), self.batch_size):
            batch = requests[start : start + self.batch_size]
            enc = self._encode([r.prompt for r in batch]).to(self.device)
            sampling = params.temperature > 0
            config = GenerationConfig(
                max_new_tokens=params.max_new_tokens,
                do_sample=sampling,
                temperature=params.temperature if sampling else None,
                top_p=params.top_p if sampling else None,
                top_k=0 if sampling else None,
                eos_token_id=self.eos_ids,
                pad_token_id=self.pad_id,
                stop_strings=list(params.stop) or None,
            )
            if sampling:
                torch.manual_seed(batch[0].seed)
            prompt_len = enc["input_ids"].shape[1]
            if self.max_length is not None:
                room = self.max_length - prompt_len
                if room < 1:
                    raise CftevalError(
                        f"a prompt of {prompt_len} tokens does not fit the model's context of {self.max_length}"
                    )
                config.max_new_tokens = min(params.max_new_tokens, room)
            try:
                out = self.model.generate(
                    **enc, generation_config=config, tokenizer=self.tokenizer if params.stop else None
                )
            except torch.cuda.OutOfMemoryError:
                raise CftevalError(
                    f"out of memory generating a batch of {len(batch)}; "
                    "lower --batch-size and use a new --output (a run keeps one batch size)"
                ) from None
            prompt_tokens = enc["attention_mask"].sum(dim=1).tolist()
            for row, ids in enumerate(out[:, prompt_len:].tolist()):
                yield self._completion(start + row, ids, prompt_tokens[row], params)

    def _completion(self, index: int, ids: list[int], prompt_tokens: int, params: SamplingParams) -> Completion:
        # Padding only follows a finished row, so the first EOS or pad marks where generation stopped.
        ended = next((k for k, t in enumerate(ids) if t in self.eos_ids or t == self.pad_id), None)
        kept = ids if ended is None else ids[:ended]
        # Special tokens are dropped from the text, as vLLM and lm-eval do by default.
        text = self.tokenizer.decode(kept, skip_special_tokens=True)
        text, hit_stop = cut_at_stop(text, params.stop)
        count = len(ids) if ended is None else ended + (1 if ids[ended] in self.eos_ids else 0)
        finish = "stop" if hit_stop or ended is not None else "length"
        return Completion(index, text, finish, int(prompt_tokens), count)
