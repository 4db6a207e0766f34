"""Small LaTeX helpers shared by gold rules (tasks.py) and answer extraction (grading)."""

from __future__ import annotations

import re

BOX = re.compile(r"\\(?:boxed|fbox)\s*")


def matching_braces(text: str) -> dict[int, int]:
    """Position of each `{` -> position of its `}`, in one pass (unclosed braces are left out)."""
    match, stack = {}, []
    for i, ch in enumerate(text):
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            match[stack.pop()] = i
    return match


def boxes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of every closed `\\boxed{...}` / `\\fbox{...}`, and `\\boxed 5`; linear time."""
    match = matching_braces(text)
    found = []
    for m in BOX.finditer(text):
        i = m.end()
        if i < len(text) and text[i] == "{":
            if i in match:
                found.append((m.start(), match[i] + 1, text[i + 1 : match[i]]))
        elif token := re.match(r"[^\s$]+", text[i:]):
            found.append((m.start(), i + token.end(), token.group(0)))
    return found


def last_boxed(text: str) -> str | None:
    """Content of the last closed `\\boxed{...}` or `\\fbox{...}` in `text` (`\\boxed 5` too), or None."""
    found = boxes(text)
    return found[-1][2] if found else None
