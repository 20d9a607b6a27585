#!/usr/bin/env python3
"""Validates dfnsops manifests against schemas/ with a real JSON Schema (draft 2020-12) validator.

Usage: check.py [--json] PATH...   (files or directories; *.yaml and *.yml, recursively, sorted)

Scalars are typed by the YAML 1.2 core schema, as the Swift loader types them (PyYAML's default is YAML 1.1,
where `yes`, `on` and `2026-01-01` are not strings). Merge keys (<<) are honoured, as in Swift.

Text mode prints one line per invalid document and exits 1 if any document is invalid or unparsable.
JSON mode prints {"files": [{"path", "yamlError", "documents": [{"index", "empty", "valid", "errors"}]}]} and
always exits 0 unless the schemas themselves are broken.
"""
import json
import os
import re
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalar resolution."""


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def construct_core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def construct_core_float(loader, node):
    text = loader.construct_scalar(node)
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_core_int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", construct_core_float)


def make_validator():
    resources = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        contents = json.loads(path.read_text())
        resources.append((path.as_uri(), Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    index_uri = (SCHEMAS / "manifest.schema.json").as_uri()
    index = dict(json.loads((SCHEMAS / "manifest.schema.json").read_text()))
    index["$id"] = index_uri
    Draft202012Validator.check_schema(index)
    return Draft202012Validator(index, registry=registry)


def manifest_files(paths):
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                     and not any(part.startswith(".") for part in p.relative_to(path).parts)]
            files += sorted(str(p) for p in found)
        else:
            files.append(str(path))
    return files


NODE_BUDGET = 100_000


def within_budget(document):
    """Whether the document, aliases expanded, has at most NODE_BUDGET nodes (as the Swift loader requires)."""
    remaining = NODE_BUDGET
    stack = [document]
    while stack:
        node = stack.pop()
        remaining -= 1
        if remaining < 0:
            return False
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


def check_file(validator, path):
    result = {"path": path, "yamlError": None, "documents": []}
    try:
        text = Path(path).read_text(encoding="utf-8")
        documents = list(yaml.load_all(text, Loader=CoreLoader))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as error:
        result["yamlError"] = str(error).replace("\n", " ")
        return result
    for index, document in enumerate(documents):
        if document is None:
            result["documents"].append({"index": index, "empty": True, "valid": True, "errors": []})
            continue
        if not within_budget(document):
            result["yamlError"] = f"document {index} expands to more than {NODE_BUDGET} nodes through aliases"
            return result
        errors = sorted(
            (f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
             for error in validator.iter_errors(document)))
        result["documents"].append({"index": index, "empty": False, "valid": not errors, "errors": errors})
    return result


def main(argv):
    as_json = "--json" in argv
    paths = [arg for arg in argv if arg != "--json"] or ["manifests"]
    validator = make_validator()
    results = [check_file(validator, path) for path in manifest_files(paths)]
    if as_json:
        json.dump({"files": results}, sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")
        return 0
    failed = False
    documents = 0
    for result in results:
        if result["yamlError"]:
            failed = True
            print(f"{result['path']}: YAML error: {result['yamlError']}")
        for document in result["documents"]:
            if document["empty"]:
                continue
            documents += 1
            for error in document["errors"]:
                failed = True
                print(f"{result['path']} (document {document['index']}): {error}")
    print(f"{documents} document(s) in {len(results)} file(s): {'INVALID' if failed else 'valid'} against schemas/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
