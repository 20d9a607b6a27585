import Foundation

/// One difference between what the manifests declare and what the organisation and the secret stores hold.
///
/// Changes are facts, worded only where a fact needs describing; the diff produces them and nothing else.
/// `PlanBuilder` turns them into ordered, guarded actions and notes, and `DriftBuilder` sorts them into drift
/// buckets, so neither reads the other's output.
public struct Change: Sendable, Hashable {
    public var kind: ManifestKind
    /// The manifest name, for declared objects; nil for live objects no manifest names.
    public var name: String?
    /// The Dfns id of the live object the change is about, when there is one.
    public var dfnsId: String?
    /// What the manifest lets dfnsops do to the object (``ManagementMode/managed`` for undeclared objects).
    public var management: ManagementMode
    public var fact: Fact

    public init(
        kind: ManifestKind, name: String?, dfnsId: String? = nil, management: ManagementMode = .managed, fact: Fact
    ) {
        self.kind = kind
        self.name = name
        self.dfnsId = dfnsId
        self.management = management
        self.fact = fact
    }

    /// The declared object's address, for changes about declared objects.
    public var address: ObjectAddress? { name.map { ObjectAddress(kind: kind, name: $0) } }

    /// What the diff found.
    public enum Fact: Sendable, Hashable {
        /// Declared, and no live object carries its marker or adoption id (or only objects an interrupted apply
        /// made, which ``Absence/interrupted`` names).
        case absent(Absence)
        /// `spec.adopt` names an id that does not exist in the organisation.
        case adoptedObjectMissing
        /// The manifest names a permission the organisation does not have.
        case unknownPermission(String)
        /// The live object differs from its manifest.
        case differs(Differences)
        /// A live object carries a dfnsops marker, but no store entry records it (nor an intent an interrupted
        /// run recorded): nothing proves dfnsops made it, so it is reported and never changed.
        case foreignMarker(ForeignMarker)
        /// An active Key credential of a managed principal that dfnsops did not register (no store version records
        /// its fingerprint or id). Deactivated only when the manifest sets `key.exclusive: true`.
        case unmanagedCredential(ForeignCredential)
        /// The object is active and managed, but no store entry holds its key or secret.
        case noStoreEntry(StoreLocation?)
        /// Where the object's rotation stands, whenever it is not steady.
        case rotation(RotationState)
        /// A live object no manifest owns or adopts.
        case unmanaged(Unmanaged)
    }

    /// A declared object that the organisation lacks.
    public struct Absence: Sendable, Hashable {
        /// The fields a creation sets, as `nil → value` changes.
        public var fields: [FieldChange]
        /// The object as people recognise it: `("payments") with a new ecdsa-p256 key`, `for https://…`.
        public var description: String
        /// What Dfns shows only once for this kind: `token` or `secret`.
        public var secretNoun: String
        /// An earlier apply's creation that stopped part-way, recognised from store facts.
        var interrupted: InterruptedCreation?
    }

    /// How a live object differs from its manifest.
    public struct Differences: Sendable, Hashable {
        /// The marker a requested adoption writes, when the adopted object does not carry it yet.
        public var adoption: FieldChange?
        /// Declared fields that differ.
        public var fields: [FieldChange]
        /// The declared activity, when it differs from the live one.
        public var declaredActive: Bool?

        /// True when nothing differs.
        var isEmpty: Bool { adoption == nil && fields.isEmpty && declaredActive == nil }

        /// The differing fields' names, in the order the plan lists them.
        var fieldNames: [String] {
            ([adoption].compactMap { $0 } + fields).map(\.field) + (declaredActive == nil ? [] : ["active"])
        }
    }

    /// A rotation that is not steady: its status and what the manifest declares about it.
    public struct RotationState: Sendable, Hashable {
        public var status: RotationStatus
        /// `rekey`, `replace`, or `twin` for webhooks.
        public var strategy: String
        /// The trigger the store's current version was made for.
        public var recordedTrigger: String?
        /// The trigger the manifest declares now.
        public var declaredTrigger: String?
        /// The live generations and store stages the status was derived from.
        public var facts: RotationFacts
        /// The Dfns ids the store's `pending`, `current` and `previous` versions name.
        public var pendingId: String?
        public var currentId: String?
        public var previousId: String?
        /// Objects carrying the marker that an interrupted step of this rotation made (see
        /// `InterruptedCreation.orphans`); the step that continues it removes them.
        public var orphanIds: [String]
    }

    /// A live object carrying a marker that no store entry records.
    public struct ForeignMarker: Sendable, Hashable {
        public var marker: OwnershipMarker
        /// Its name, or a webhook's URL.
        public var label: String
        /// True when a manifest declares the marker (the object sits beside the one dfnsops made).
        public var declared: Bool
    }

    /// A Key credential on a managed principal that no store version records.
    public struct ForeignCredential: Sendable, Hashable {
        /// The id the activate and deactivate calls take; nil when the principal cannot see it.
        public var credentialUuid: String?
        public var credentialId: String
        public var name: String?
        public var fingerprint: String?
        /// The manifest sets `key.exclusive: true`.
        public var exclusive: Bool
    }

    /// A live object that no manifest owns or adopts.
    public struct Unmanaged: Sendable, Hashable {
        /// Its name, or a webhook's URL.
        public var label: String
        /// The marker it carries, when a manifest once made it.
        public var marker: OwnershipMarker?
        /// What the Settings prune policy does to it: `deactivate`, `delete`, or nil to leave it alone.
        public var prune: ActionType?
        /// The prune mode, as Settings spells it.
        public var pruneMode: String
    }
}

extension Change {
    /// The finding's wording, for changes that the plan reports but does not act on by itself.
    var message: String {
        switch fact {
        case .absent:
            "declared but absent; management is \(management.rawValue), so it is not created"
        case .adoptedObjectMissing:
            "spec.adopt names \(dfnsId ?? "?"), which does not exist in the organisation; "
                + "correct the id, or remove spec.adopt to have dfnsops create it"
        case .unknownPermission(let name):
            "permission '\(name)' does not exist in the organisation; it is not assigned"
        case .differs(let differences):
            "differs from its manifest (\(differences.fieldNames.joined(separator: ", "))); "
                + "management is \(management.rawValue)"
        case .foreignMarker(let foreign) where foreign.declared:
            "\(foreign.label): carries the marker \(foreign.marker), but no store entry records it, so nothing proves "
                + "dfnsops made it; reported and never changed (name it in spec.adopt to manage it)"
        case .foreignMarker(let foreign):
            "\(foreign.label): carries \(foreign.marker) and its manifest was removed, but no store entry records it, "
                + "so nothing proves dfnsops made it; left alone whatever the prune policy"
        case .unmanagedCredential(let credential):
            "an active key (\(credential.fingerprint ?? credential.credentialId))"
                + "\(credential.name.map { " named \"\($0)\"" } ?? "") of \(address.map(\.description) ?? kind.rawValue) "
                + "that the store does not hold; someone added it outside dfnsops"
                + (credential.exclusive
                    ? "; key.exclusive is set, so it is deactivated"
                    : "; left alone (set key.exclusive: true to have dfnsops deactivate it)")
        case .noStoreEntry(let location):
            location.map {
                "no store entry at \($0): dfnsops holds no \(kind == .webhook ? "secret" : "key") for it, so it "
                    + "cannot rotate"
            } ?? "no secret store is declared for it"
        case .rotation(let rotation):
            rotation.status.phase == .inconsistent
                ? rotation.status.problem ?? "the store does not match the live credentials"
                : "rotation in overlap (\(rotation.strategy))"
        case .unmanaged(let unmanaged):
            if let prune = unmanaged.prune, let marker = unmanaged.marker {
                "\(prune.rawValue) \(dfnsId ?? "?"): its manifest \(marker) was removed (prune: \(unmanaged.pruneMode))"
            } else if let marker = unmanaged.marker {
                "\(unmanaged.label): carries \(marker) but its manifest was removed; left alone (no prune policy)"
            } else {
                "\(unmanaged.label): no manifest owns or adopts it"
            }
        }
    }
}
