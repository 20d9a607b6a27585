import Synchronization
import Yams

/// Parses YAML text into ``YAMLDocument``s: pure, bounded, and precise about positions.
///
/// Anchors and aliases are allowed, but every node visited while converting (aliases expanded) counts against
/// ``nodeBudget``; a document that exceeds it (a "billion laughs" document) is refused with one diagnostic instead
/// of being expanded. A file that uses aliases may not build mapping keys from aliases or collections (see
/// ``AliasKeyGuard``). YAML merge keys (`<<: *defaults`) are honoured.
public struct YAMLComposer: Sendable {
    /// The most nodes one document may expand to.
    public var nodeBudget: Int

    /// The default budget: far more than any manifest needs, small enough to refuse an alias bomb in milliseconds.
    public static let defaultNodeBudget = 100_000

    /// Creates a composer.
    ///
    /// - Parameter nodeBudget: the most nodes one document may expand to, aliases included.
    public init(nodeBudget: Int = YAMLComposer.defaultNodeBudget) {
        self.nodeBudget = nodeBudget
    }

    /// Parses every document in `text`.
    ///
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the path used in locations.
    /// - Returns: the documents read before any syntax error (each with its own diagnostics: alias bombs,
    ///   non-string keys), and the file's diagnostics (syntax errors, duplicate keys). A syntax error ends the file:
    ///   libyaml cannot resynchronise after one.
    public func compose(_ text: String, file: String) -> (documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        // One parse at a time in the process: a test run that parsed on many threads at once crashed inside the
        // YAML library's node iteration (index out of range). Parsing is fast; being sure is worth more here.
        Self.parsing.withLock { _ in composeAlone(text, file: file) }
    }

    private static let parsing = Mutex<Void>(())

    private func composeAlone(_ text: String, file: String) -> (documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        var documents: [YAMLDocument] = []
        var diagnostics: [Diagnostic] = []
        if let key = AliasKeyGuard.firstRiskyKey(in: text) {
            let message =
                "a mapping key built from an alias or a collection, in a file that uses aliases; refusing to expand it"
            diagnostics.append(
                .error(
                    .aliasExpansion,
                    message,
                    at: SourceLocation(file: file, line: key.line, column: key.column),
                    hint: "manifest keys are plain field names; write the key as text"
                )
            )
            return (documents, diagnostics)
        }
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            while let root = try parser.nextRoot() {
                var conversion = Conversion(file: file, budget: nodeBudget)
                let index = documents.count
                do {
                    let node = try conversion.convert(root)
                    documents.append(
                        YAMLDocument(
                            file: file,
                            index: index,
                            root: node.value == .null ? nil : node,
                            diagnostics: conversion.diagnostics
                        )
                    )
                } catch {
                    let refusal = Diagnostic.error(
                        .aliasExpansion,
                        "document expands to more than \(nodeBudget) nodes through anchors and aliases; "
                            + "refusing to expand it",
                        at: location(root.mark, file: file),
                        hint: "manifests never need this many nodes: remove the nested aliases "
                            + "(this is the shape of a \"billion laughs\" attack)"
                    )
                    documents.append(YAMLDocument(file: file, index: index, root: nil, diagnostics: [refusal]))
                }
            }
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, file: file))
        } catch {
            diagnostics.append(
                .error(.yamlSyntax, "cannot parse YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return (documents, diagnostics)
    }

    private func location(_ mark: Mark?, file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        let hint = "check the indentation and quoting near this position; a value containing ': ' or '#' needs quotes"
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return .error(
                .yamlSyntax, "YAML syntax error: \(problem)\(detail)", at: location(mark, file: file), hint: hint)
        case .reader(let problem, _, _, _):
            return .error(
                .yamlSyntax,
                "cannot read the file as UTF-8 text: \(problem)",
                at: SourceLocation(file: file, line: 1, column: 1)
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(
                .duplicateKey,
                "key \(keys) appears more than once in the same mapping",
                at: location(context.mark, file: file),
                hint: "YAML keeps only one of them; remove or merge the duplicates"
            )
        default:
            return .error(
                .yamlSyntax, "cannot parse YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}

/// The state of converting one document: the remaining budget and the diagnostics found on the way.
private struct Conversion {
    struct BudgetExceeded: Error {}

    let file: String
    var remaining: Int
    var diagnostics: [Diagnostic] = []

    init(file: String, budget: Int) {
        self.file = file
        self.remaining = budget
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func convert(_ node: Node) throws -> SourceNode {
        remaining -= 1
        if remaining < 0 { throw BudgetExceeded() }
        switch node {
        case .scalar(let scalar):
            return SourceNode(typed(scalar), at: location(scalar.mark), text: scalar.string)
        case .alias(let alias):
            // Yams resolves aliases while composing; this case only appears in hand-built trees.
            return SourceNode(.null, at: location(alias.mark))
        case .sequence(let sequence):
            var items: [SourceNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item))
            }
            return SourceNode(.sequence(items), at: location(sequence.mark))
        case .mapping(let mapping):
            return SourceNode(.mapping(try entries(of: mapping)), at: location(mapping.mark))
        }
    }

    private mutating func entries(of mapping: Node.Mapping) throws -> [SourceNode.Entry] {
        var explicit: [SourceNode.Entry] = []
        var merged: [SourceNode.Entry] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                diagnostics.append(
                    .error(
                        .notAMapping,
                        "mapping keys must be plain strings, found a \(keyNode.mapping != nil ? "mapping" : "list")",
                        at: location(keyNode.mark)
                    )
                )
                continue
            }
            if key.string == "<<", key.style == .plain || key.style == .any {
                merged += try mergeEntries(valueNode)
                continue
            }
            explicit.append(
                SourceNode.Entry(key: key.string, keyLocation: location(key.mark), value: try convert(valueNode))
            )
        }
        guard !merged.isEmpty else { return explicit }
        var seen = Set(explicit.map(\.key))
        var result = explicit
        for entry in merged where !seen.contains(entry.key) {
            seen.insert(entry.key)
            result.append(entry)
        }
        return result
    }

    /// The entries a merge key (`<<`) brings in: one mapping, or a list of mappings where earlier ones win.
    private mutating func mergeEntries(_ node: Node) throws -> [SourceNode.Entry] {
        switch node {
        case .mapping(let mapping):
            return try entries(of: mapping)
        case .sequence(let sequence):
            var result: [SourceNode.Entry] = []
            var seen = Set<String>()
            for item in sequence {
                for entry in try mergeEntries(item) where !seen.contains(entry.key) {
                    seen.insert(entry.key)
                    result.append(entry)
                }
            }
            return result
        default:
            diagnostics.append(
                .error(
                    .wrongType,
                    "a merge key '<<' must be followed by an alias to a mapping, or a list of them",
                    at: location(node.mark)
                )
            )
            return []
        }
    }

    private func typed(_ scalar: Node.Scalar) -> SourceNode.Value {
        switch scalar.style {
        case .singleQuoted, .doubleQuoted, .literal, .folded:
            return .string(scalar.string)
        case .any, .plain:
            let tag = scalar.tag.rawValue
            if tag.isEmpty || tag == "!" {
                return tag == "!" ? .string(scalar.string) : CoreSchemaScalar.resolve(scalar.string)
            }
            return CoreSchemaScalar.resolve(scalar.string, tag: tag) ?? .string(scalar.string)
        }
    }
}
