"""Execute every notebook in docs/examples, each in a fresh kernel; any cell error fails the run.

Usage: ``python docs/examples/run_notebooks.py [NOTEBOOK ...] [--output DIR] [--timeout SECONDS]``

Needs the ``notebook`` extra (``python -m pip install -e '.[notebook]'``: nbclient, nbformat,
ipykernel, matplotlib). Each notebook runs in a new kernel of *this* interpreter (a kernel spec
written to a temporary directory, so whatever ``python3`` kernel Jupyter may find elsewhere is
not used), with docs/examples as its working directory; matplotlib draws inline, as in Jupyter,
so no display is needed. The notebooks in the repository are never written to: executed copies,
with their outputs, go to ``--output`` (default: docs/_build/notebooks, which git ignores). The
committed notebooks must have no outputs; this script refuses one that has.

A cell that raises fails its notebook, and so does a cell that writes to stderr (a warning the
reader would see), unless ``--allow-stderr``. Cells are numbered from 0, markdown cells
included. Exit status: 0 when every notebook ran cleanly, 1 when one failed or has committed
outputs, 2 when the notebook tools are missing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE.parent / "_build" / "notebooks"


def _committed_outputs(nb: Any) -> list[int]:
    """Indices of code cells that carry outputs or an execution count (they should be cleared)."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _error_output(cell: Any) -> Any:
    """The error output of a code cell, or None."""
    return next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)


def _indent(title: str, text: str) -> str:
    return f"  {title}:\n" + "\n".join(f"    {line}" for line in text.rstrip().splitlines())


def _stderr_cells(nb: Any) -> list[tuple[int, str]]:
    """(index, text) of the code cells that wrote to stderr, usually a warning a reader would see."""
    return [
        (i, out.get("text", ""))
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stderr"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: docs/examples/*.ipynb)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where executed copies are written")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell (default 300)")
    parser.add_argument("--allow-stderr", action="store_true", help="do not fail when a cell writes to stderr")
    args = parser.parse_args(argv)

    try:
        import nbformat
        from ipykernel.kernelspec import write_kernel_spec
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import KernelManager
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError as exc:
        print(f"run_notebooks: {exc}; install the notebook tools: python -m pip install -e '.[notebook]'")
        return 2

    notebooks = args.notebooks or sorted(HERE.glob("*.ipynb"))
    if not notebooks:
        print(f"run_notebooks: no notebook in {HERE}")
        return 1
    args.output.mkdir(parents=True, exist_ok=True)

    failed: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="motcua-kernels-") as kernels:
        write_kernel_spec(os.path.join(kernels, "motcua-python"))  # argv: this interpreter's sys.executable
        specs = KernelSpecManager(kernel_dirs=[kernels])
        for path in notebooks:
            path = path.resolve()
            nb = nbformat.read(path, as_version=4)
            dirty = _committed_outputs(nb)
            if dirty:
                print(f"FAIL {path.name}: cells {dirty} have outputs or execution counts; clear them first")
                failed.append(path.name)
                continue
            # IPC sockets in the temporary directory: nothing listens on the network.
            manager = KernelManager(
                kernel_name="motcua-python",
                kernel_spec_manager=specs,
                transport="ipc",
                ip=os.path.join(kernels, "ipc"),
            )
            client = NotebookClient(
                nb,
                km=manager,
                timeout=args.timeout,
                resources={"metadata": {"path": str(path.parent)}},
            )
            t0 = time.perf_counter()
            try:
                client.execute()
            except CellExecutionError as exc:
                index = next((i for i, c in enumerate(nb.cells) if _error_output(c) is not None), None)
                where = f"cell {index}" if index is not None else "a cell"
                seconds = time.perf_counter() - t0
                print(f"FAIL {path.name} after {seconds:.1f} s: {where} raised {exc.ename}: {exc.evalue}")
                if index is not None:
                    print(_indent("source", nb.cells[index].source))
                    print(_indent("traceback", _ANSI.sub("", "\n".join(_error_output(nb.cells[index])["traceback"]))))
                failed.append(path.name)
            except Exception as exc:  # a dead kernel, a timeout: say which notebook
                print(f"FAIL {path.name} after {time.perf_counter() - t0:.1f} s: {type(exc).__name__}: {exc}")
                failed.append(path.name)
            else:
                seconds = time.perf_counter() - t0
                noisy = _stderr_cells(nb)
                if noisy and not args.allow_stderr:
                    print(f"FAIL {path.name} after {seconds:.1f} s: cells printed to stderr (warnings?):")
                    for i, text in noisy:
                        print(f"  cell {i}: {text.strip()}")
                    failed.append(path.name)
                else:
                    cells = sum(1 for c in nb.cells if c.cell_type == "code")
                    print(f"ok   {path.name}: {cells} code cells in {seconds:.1f} s")
            finally:
                if manager.has_kernel:  # nbclient leaves a kernel it did not create running
                    manager.shutdown_kernel(now=True)
                out = args.output / path.name
                nbformat.write(nb, out)  # the executed copy, outputs included (also when it failed)
    total = time.perf_counter() - started
    if failed:
        print(f"{len(failed)} of {len(notebooks)} notebooks failed in {total:.1f} s: {', '.join(failed)}")
        return 1
    plural = "s" if len(notebooks) != 1 else ""
    print(f"{len(notebooks)} notebook{plural} ran in {total:.1f} s; executed copies in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
