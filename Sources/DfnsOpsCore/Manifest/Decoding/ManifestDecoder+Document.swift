extension ManifestDecoder {
    /// The outcome of decoding one document.
    struct Result {
        var manifest: Manifest?
        var diagnostics: [Diagnostic]
    }

    /// Decodes one document. Empty documents yield neither a manifest nor a diagnostic.
    static func decode(_ document: YAMLDocument) -> Result {
        guard let root = document.root else { return Result(manifest: nil, diagnostics: []) }
        var decoder = ManifestDecoder()
        let manifest = decoder.decodeDocument(root, document: document)
        return Result(manifest: manifest, diagnostics: decoder.diagnostics)
    }

    private mutating func decodeDocument(_ root: SourceNode, document: YAMLDocument) -> Manifest? {
        guard let entries = root.entries else {
            report(
                .notAMapping,
                "a manifest must be a mapping with apiVersion, kind, metadata and spec, found \(root.quotedForMessage)",
                at: root.location,
                hint: "start the document with 'apiVersion: \(Self.apiVersion)'"
            )
            return nil
        }
        let start = entries.first?.keyLocation ?? root.location
        guard
            let view = mapping(
                root,
                path: "",
                introducedAt: start,
                allowed: ["apiVersion", "kind", "metadata", "spec"]
            )
        else { return nil }

        if let entry = value(view, "apiVersion", required: true) {
            if entry.value.string != Self.apiVersion {
                report(
                    .unknownAPIVersion,
                    "unknown apiVersion \(entry.value.quotedForMessage)",
                    at: entry.value.location,
                    hint: "use 'apiVersion: \(Self.apiVersion)'"
                )
            }
        }
        let kind = decodeKind(view)
        let metadata = decodeMetadata(view)
        guard let kind else { return nil }
        let spec = submapping(view, "spec", allowed: Self.allowedFields(kind), required: true)
        // Without a readable name or spec there is nothing to declare; what is wrong has been reported.
        guard let metadata, let specView = spec else { return nil }
        let origin = ManifestOrigin(file: document.file, documentIndex: document.index, location: start)
        // Decode the spec before reading `fields` into the origin: the spec's fields are recorded while decoding.
        switch kind {
        case .serviceAccount, .personalAccessToken:
            let spec = decodeKeyedPrincipal(kind, specView, metadata)
            return .keyedPrincipal(declared(spec, metadata, origin))
        case .webhook:
            let spec = decodeWebhook(specView, metadata)
            return .webhook(declared(spec, metadata, origin))
        case .passkeyPolicy:
            let spec = decodePasskeyPolicy(specView)
            return .passkeyPolicy(declared(spec, metadata, origin))
        case .secretStore:
            let spec = decodeSecretStore(specView)
            return .secretStore(declared(spec, metadata, origin))
        case .settings:
            let spec = decodeSettings(specView)
            return .settings(declared(spec, metadata, origin))
        }
    }

    private func declared<Spec: ManifestSpec>(
        _ spec: Spec,
        _ metadata: ManifestMetadata,
        _ origin: ManifestOrigin
    ) -> Declared<Spec> {
        var origin = origin
        origin.fields = fields
        return Declared(metadata: metadata, spec: spec, origin: origin)
    }

    /// The spec fields each kind allows, in documentation order.
    static func allowedFields(_ kind: ManifestKind) -> [String] {
        switch kind {
        case .serviceAccount:
            [
                "name", "active", "permissions", "daysValid", "key", "store", "management", "protect", "adopt",
                "operator",
            ]
        case .personalAccessToken:
            [
                "name", "active", "permissions", "daysValid", "secondsValid", "key", "store", "management", "protect",
                "adopt", "operator",
            ]
        case .webhook: ["url", "events", "status", "description", "secret", "management", "protect", "adopt"]
        case .passkeyPolicy: ["users", "minActive", "maxAge", "requireActiveUser", "enforce"]
        case .secretStore: ["type", "file", "exec"]
        case .settings: ["defaults", "guards", "prune", "drift"]
        }
    }

    private mutating func decodeKind(_ view: MappingView) -> ManifestKind? {
        guard let entry = value(view, "kind", required: true) else { return nil }
        let kinds = ManifestKind.allCases.map(\.rawValue)
        guard case .string(let text) = entry.value.value else {
            wrongType(entry.value, path: "kind", expected: "one of \(kinds.joined(separator: ", "))")
            return nil
        }
        guard let kind = ManifestKind(rawValue: text) else {
            let suggestion = EditDistance.suggestion(for: text, among: kinds).map { "did you mean '\($0)'? " } ?? ""
            report(
                .unknownKind,
                "unknown kind \(Excerpt.quoted(text))",
                at: entry.value.location,
                hint: "\(suggestion)kinds are \(kinds.joined(separator: ", "))"
            )
            return nil
        }
        return kind
    }

    private mutating func decodeMetadata(_ view: MappingView) -> ManifestMetadata? {
        guard let metadata = submapping(view, "metadata", allowed: ["name", "labels", "annotations"], required: true)
        else { return nil }
        let labels = stringMap(metadata, "labels")
        let annotations = stringMap(metadata, "annotations")
        guard let name = string(metadata, "name", required: true), let location = metadata.entry("name")?.value.location
        else { return nil }
        guard ManifestName.isValid(name) else {
            report(
                .invalidValue,
                "metadata.name \(Excerpt.quoted(name)) is not a valid name",
                at: location,
                hint: "use at most \(ManifestName.maximumLength) lowercase letters, digits, '-', '.' or '_', "
                    + "starting and ending with a letter or digit"
            )
            return ManifestMetadata(name: name, labels: labels, annotations: annotations)
        }
        return ManifestMetadata(name: name, labels: labels, annotations: annotations)
    }

    private mutating func stringMap(_ view: MappingView, _ key: String) -> [String: String] {
        guard let entry = value(view, key) else { return [:] }
        guard let entries = entry.value.entries else {
            wrongType(entry.value, path: view.path(of: key), expected: "a mapping of strings")
            return [:]
        }
        var result: [String: String] = [:]
        for item in entries {
            guard case .string(let text) = item.value.value else {
                wrongType(item.value, path: "\(view.path(of: key)).\(item.key)", expected: "a string")
                continue
            }
            result[item.key] = text
        }
        return result
    }
}
