/// Decodes one YAML document into a typed ``Manifest``, collecting every problem as a ``Diagnostic``.
///
/// Pure: no I/O. Decoding is best-effort, so that one document's mistakes are all reported at once; a manifest is
/// returned whenever its kind and name are known, even if other fields are wrong (the diagnostics say so).
struct ManifestDecoder {
    /// The only API version this release reads.
    static let apiVersion = "dfnsops.dev/v1alpha1"

    var diagnostics: [Diagnostic] = []
    var fields: [String: SourceLocation] = [:]

    // MARK: Reporting

    mutating func report(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation,
        hint: String? = nil
    ) {
        diagnostics.append(.error(code, message, at: location, hint: hint))
    }

    mutating func wrongType(_ node: SourceNode, path: String, expected: String) {
        var hint: String?
        if case .string(let text) = node.value, CoreSchemaScalar.resolve(text) != .string(text),
            CoreSchemaScalar.resolve(text) != .null
        {
            hint = "remove the quotes around \(text)"
        } else if case .string(let text) = node.value, expected == "true or false",
            ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
        {
            hint = "YAML 1.2 reads \(Excerpt.quoted(text)) as text; write true or false"
        } else if case .null = node.value {
            hint = "give a value, or remove the field"
        } else if expected == "a string" {
            hint = "quote the value: \(Excerpt.quoted(node.text ?? ""))"
        }
        report(
            .wrongType, "\(path) must be \(expected), found \(node.typeName) \(node.quotedForMessage)",
            at: node.location, hint: hint)
    }

    // MARK: Mappings

    /// Views `node` as a mapping whose keys must be among `allowed`; reports a wrong type or unknown keys.
    mutating func mapping(
        _ node: SourceNode,
        path: String,
        introducedAt location: SourceLocation,
        allowed: [String]
    ) -> MappingView? {
        guard let entries = node.entries else {
            wrongType(node, path: path, expected: "a mapping")
            return nil
        }
        let view = MappingView(entries: entries, path: path, location: location)
        for entry in entries where !allowed.contains(entry.key) {
            let suggestion = EditDistance.suggestion(for: entry.key, among: allowed)
            let hint =
                suggestion.map { "did you mean '\($0)'?" }
                ?? "allowed fields in \(view.displayName): \(allowed.joined(separator: ", "))"
            report(
                .unknownField, "unknown field \(Excerpt.quoted(entry.key)) in \(view.displayName)",
                at: entry.keyLocation, hint: hint)
        }
        return view
    }

    /// The value of `key`, recording its location; reports it missing when `required`.
    mutating func value(_ view: MappingView, _ key: String, required: Bool = false) -> SourceNode.Entry? {
        guard let entry = view.entry(key) else {
            if required {
                report(
                    .missingField, "missing required field \(Excerpt.quoted(key)) in \(view.displayName)",
                    at: view.location)
            }
            return nil
        }
        fields[view.path(of: key)] = entry.value.location
        return entry
    }

    /// A nested mapping at `key`.
    mutating func submapping(
        _ view: MappingView,
        _ key: String,
        allowed: [String],
        required: Bool = false
    ) -> MappingView? {
        guard let entry = value(view, key, required: required) else { return nil }
        return mapping(entry.value, path: view.path(of: key), introducedAt: entry.keyLocation, allowed: allowed)
    }

    // MARK: Scalars

    mutating func string(_ view: MappingView, _ key: String, required: Bool = false) -> String? {
        guard let entry = value(view, key, required: required) else { return nil }
        guard case .string(let text) = entry.value.value else {
            wrongType(entry.value, path: view.path(of: key), expected: "a string")
            return nil
        }
        if text.isEmpty {
            report(.invalidValue, "\(view.path(of: key)) must not be empty", at: entry.value.location)
            return nil
        }
        return text
    }

    mutating func bool(_ view: MappingView, _ key: String) -> Bool? {
        guard let entry = value(view, key) else { return nil }
        guard case .bool(let flag) = entry.value.value else {
            wrongType(entry.value, path: view.path(of: key), expected: "true or false")
            return nil
        }
        return flag
    }

    mutating func integer(_ view: MappingView, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let entry = value(view, key) else { return nil }
        let number: Int
        switch entry.value.value {
        case .integer(let value): number = value
        case .float(let value) where value.rounded() == value && abs(value) < 1e15: number = Int(value)
        default:
            wrongType(entry.value, path: view.path(of: key), expected: "a whole number")
            return nil
        }
        guard range.contains(number) else {
            let bounds =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            report(.invalidValue, "\(view.path(of: key)) must be \(bounds), found \(number)", at: entry.value.location)
            return nil
        }
        return number
    }

    mutating func duration(_ view: MappingView, _ key: String) -> ManifestDuration? {
        guard let entry = value(view, key) else { return nil }
        guard case .string(let text) = entry.value.value else {
            var hint = ManifestDuration.problem(with: "")
            if case .integer(let number) = entry.value.value { hint = "add a unit, for example \(number)d" }
            report(
                .wrongType,
                "\(view.path(of: key)) must be a duration, found \(entry.value.typeName) \(entry.value.quotedForMessage)",
                at: entry.value.location,
                hint: hint
            )
            return nil
        }
        guard let duration = ManifestDuration(parsing: text) else {
            report(
                .invalidDuration,
                "invalid duration \(Excerpt.quoted(text)) for \(view.path(of: key))",
                at: entry.value.location,
                hint: ManifestDuration.problem(with: text)
            )
            return nil
        }
        return duration
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(
        _ view: MappingView,
        _ key: String,
        as type: Value.Type,
        required: Bool = false
    ) -> Value? where Value.RawValue == String {
        guard let entry = value(view, key, required: required) else { return nil }
        return enumeration(entry.value, path: view.path(of: key), as: type)
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(
        _ node: SourceNode,
        path: String,
        as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue)
        guard case .string(let text) = node.value else {
            wrongType(node, path: path, expected: "one of \(allowed.joined(separator: ", "))")
            return nil
        }
        guard let value = Value(rawValue: text) else {
            let suggestion = EditDistance.suggestion(for: text, among: allowed).map { "did you mean '\($0)'? " } ?? ""
            report(
                .invalidValue,
                "\(path) \(Excerpt.quoted(text)) is not one of \(allowed.joined(separator: ", "))",
                at: node.location,
                hint: suggestion.isEmpty ? nil : String(suggestion.dropLast())
            )
            return nil
        }
        return value
    }

    /// A list of non-empty strings, distinct unless `unique` is false; each item's location is recorded as `path[i]`.
    mutating func stringList(
        _ view: MappingView,
        _ key: String,
        required: Bool = false,
        nonEmpty: Bool = false,
        unique: Bool = true
    ) -> [(String, SourceLocation)]? {
        guard let entry = value(view, key, required: required) else { return nil }
        let path = view.path(of: key)
        guard case .sequence(let items) = entry.value.value else {
            wrongType(entry.value, path: path, expected: "a list of strings")
            return nil
        }
        if nonEmpty, items.isEmpty {
            report(.invalidValue, "\(path) must list at least one item", at: entry.value.location)
            return nil
        }
        var result: [(String, SourceLocation)] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            fields["\(path)[\(index)]"] = item.location
            guard case .string(let text) = item.value, !text.isEmpty else {
                if item.string?.isEmpty == true {
                    report(.invalidValue, "\(path)[\(index)] must not be empty", at: item.location)
                } else {
                    wrongType(item, path: "\(path)[\(index)]", expected: "a string")
                }
                continue
            }
            if unique, let first = seen[text] {
                report(
                    .invalidValue,
                    "\(path) lists \(Excerpt.quoted(text)) twice (first at line \(first.line))",
                    at: item.location,
                    hint: "remove the duplicate"
                )
                continue
            }
            seen[text] = item.location
            result.append((text, item.location))
        }
        return result
    }

    /// A Dfns id with the given prefix, such as `us-` for service accounts.
    mutating func dfnsID(_ view: MappingView, _ key: String, prefix: String, entity: String) -> String? {
        guard let id = string(view, key), let location = view.entry(key)?.value.location else { return nil }
        guard id.hasPrefix(prefix), id.count > prefix.count, !id.contains(where: \.isWhitespace) else {
            report(
                .invalidValue,
                "\(view.path(of: key)) \(Excerpt.quoted(id)) is not a \(entity) id",
                at: location,
                hint: "\(entity) ids start with '\(prefix)', for example \(prefix)1a2b3-4c5d6-7e8f9g0h1i2j3k4l"
            )
            return nil
        }
        return id
    }
}
