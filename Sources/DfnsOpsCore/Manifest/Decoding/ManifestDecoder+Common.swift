import DfnsAPI

extension ManifestDecoder {
    /// Fields of a key's `rotation`; webhook secrets allow the same without `strategy`.
    static let keyRotationFields = ["maxAge", "overlap", "retain", "trigger", "strategy"]
    /// Fields of a webhook secret's `rotation`.
    static let secretRotationFields = ["maxAge", "overlap", "retain", "trigger"]

    mutating func decodeRotation(_ view: MappingView, _ key: String, allowsStrategy: Bool) -> RotationPolicy {
        let allowed = allowsStrategy ? Self.keyRotationFields : Self.secretRotationFields
        guard let rotation = submapping(view, key, allowed: allowed) else { return RotationPolicy() }
        var policy = RotationPolicy(
            maxAge: duration(rotation, "maxAge"),
            overlap: duration(rotation, "overlap"),
            retain: duration(rotation, "retain"),
            trigger: trigger(rotation)
        )
        if allowsStrategy, let strategy = enumeration(rotation, "strategy", as: RotationStrategy.self) {
            policy.strategy = strategy
        }
        checkOverlap(policy, in: rotation)
        return policy
    }

    /// Reports an `overlap` that is not shorter than `maxAge` when both are set in the same mapping.
    mutating func checkOverlap(maxAge: ManifestDuration?, overlap: ManifestDuration?, in view: MappingView) {
        guard let maxAge, let overlap, overlap >= maxAge, let location = view.entry("overlap")?.value.location else {
            return
        }
        report(
            .overlapNotShorter,
            "\(view.path(of: "overlap")) (\(overlap)) must be shorter than maxAge (\(maxAge))",
            at: location,
            hint: "both generations are active during the overlap, so it must end before the next rotation is due; "
                + "shorten overlap or lengthen maxAge"
        )
    }

    private mutating func checkOverlap(_ policy: RotationPolicy, in view: MappingView) {
        checkOverlap(maxAge: policy.maxAge, overlap: policy.overlap, in: view)
    }

    private mutating func trigger(_ view: MappingView) -> String? {
        guard let entry = value(view, "trigger") else { return nil }
        switch entry.value.value {
        case .string(let text) where !text.isEmpty: return text
        case .integer, .float: return entry.value.text
        case .string:
            report(.invalidValue, "\(view.path(of: "trigger")) must not be empty", at: entry.value.location)
            return nil
        default:
            wrongType(entry.value, path: view.path(of: "trigger"), expected: "a string or number")
            return nil
        }
    }

    mutating func decodeKey(_ view: MappingView) -> KeySpec {
        guard let key = submapping(view, "key", allowed: ["algorithm", "rotation", "exclusive"]) else {
            return KeySpec()
        }
        return KeySpec(
            algorithm: enumeration(key, "algorithm", as: KeyAlgorithm.self) ?? .ecdsaP256,
            rotation: decodeRotation(key, "rotation", allowsStrategy: true),
            exclusive: bool(key, "exclusive") ?? false
        )
    }

    /// `store: {ref, path}`; the path defaults to `<kind folder>/<name>`.
    mutating func decodeStore(_ view: MappingView, kind: ManifestKind, name: String) -> StoreReference? {
        guard let store = submapping(view, "store", allowed: ["ref", "path"]) else { return nil }
        let ref = storeRef(store)
        let path = string(store, "path") ?? StoreReference.defaultPath(kind: kind, name: name)
        return ref.map { StoreReference(ref: $0, path: path) }
    }

    /// The required `ref` of a store mapping, which must be a valid manifest name.
    mutating func storeRef(_ store: MappingView) -> String? {
        guard let ref = string(store, "ref", required: true), let location = store.entry("ref")?.value.location else {
            return nil
        }
        guard ManifestName.isValid(ref) else {
            report(
                .invalidValue,
                "\(store.path(of: "ref")) \(Excerpt.quoted(ref)) is not a valid SecretStore name",
                at: location,
                hint: "name the metadata.name of a SecretStore manifest"
            )
            return nil
        }
        return ref
    }

    mutating func decodeManagement(_ view: MappingView) -> ManagementMode {
        enumeration(view, "management", as: ManagementMode.self) ?? .managed
    }

    mutating func permissions(_ view: MappingView) -> [String] {
        stringList(view, "permissions")?.map(\.0) ?? []
    }
}
