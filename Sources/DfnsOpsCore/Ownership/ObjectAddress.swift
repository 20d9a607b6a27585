/// How manifests, plans, reports and commands name a declared object: `<Kind>/<name>`, such as
/// `ServiceAccount/payments-signer`.
public struct ObjectAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: ManifestKind
    /// The manifest's `metadata.name`.
    public var name: String

    /// `<Kind>/<name>`.
    public var description: String { "\(kind.rawValue)/\(name)" }

    /// The marker objects made for this address carry.
    public var marker: OwnershipMarker { OwnershipMarker(kind: kind, name: name) }

    /// By kind, in the order of ``ManifestKind``'s cases, then by name.
    public static func < (lhs: ObjectAddress, rhs: ObjectAddress) -> Bool {
        (lhs.kind.order, lhs.name) < (rhs.kind.order, rhs.name)
    }
}

extension ObjectAddress {
    /// Parses `KIND/NAME`, the kind matched without regard to case among `kinds`.
    /// - Returns: nil when the text is not an address of one of those kinds.
    public init?(parsing text: String, kinds: [ManifestKind] = ManifestKind.allCases) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty,
            let kind = kinds.first(where: { $0.rawValue.lowercased() == parts[0].lowercased() })
        else { return nil }
        self.init(kind: kind, name: parts[1])
    }
}

extension ManifestKind {
    /// The position of this kind among ``allCases``: the order plans and reports list kinds in.
    public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

extension OwnershipMarker {
    /// The address of the manifest this marker names.
    public var address: ObjectAddress { ObjectAddress(kind: kind, name: name) }
}
