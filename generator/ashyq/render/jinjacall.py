"""Jinja's ``Context.call`` without its checks for the callables that need none.

Every ``{{ t("…") }}``, ``link(…)`` or macro call in a template goes through
``Context.call``, which asks each callable four times whether it wants the
context passed (``jinja_pass_arg``, on it and on its ``__call__``): 2.5 million
calls and about 18 s of CPU in a sequential 200-council build. Plain functions,
methods, builtins and macros answer that question with one attribute lookup;
anything else (a callable object) takes Jinja's own path. What is called, and
with what, is unchanged: the environment's ``context_class`` is the documented
way in, and a test compares the two on every kind of callable.
"""

from __future__ import annotations

import types
from typing import Any

import jinja2.runtime

_SIMPLE = frozenset({types.FunctionType, types.MethodType, types.BuiltinFunctionType, jinja2.runtime.Macro})


class Context(jinja2.runtime.Context):
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's own signature)
        # A function or method carries ``jinja_pass_arg`` when pass_context and its kin marked it; a
        # function's ``__call__`` never does, so Jinja's first check cannot succeed for these types.
        if type(__obj) not in _SIMPLE or getattr(__obj, "jinja_pass_arg", None) is not None:
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")
