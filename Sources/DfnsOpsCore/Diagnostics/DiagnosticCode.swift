/// The rule that produced a diagnostic: stable, kebab-case, suitable as a SARIF rule id.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// A path could not be read, or held no manifests.
    case unreadableInput = "unreadable-input"
    /// The text is not well-formed YAML.
    case yamlSyntax = "yaml-syntax"
    /// A mapping holds the same key twice.
    case duplicateKey = "duplicate-key"
    /// Anchors and aliases expand beyond the node budget (a "billion laughs" document).
    case aliasExpansion = "alias-expansion"
    /// A document is not a mapping, or a mapping key is not a string.
    case notAMapping = "not-a-mapping"
    /// `apiVersion` is not one dfnsops knows.
    case unknownAPIVersion = "unknown-api-version"
    /// `kind` is not one dfnsops knows.
    case unknownKind = "unknown-kind"
    /// A required field is absent.
    case missingField = "missing-field"
    /// A field is not part of the format.
    case unknownField = "unknown-field"
    /// A value has the wrong YAML type.
    case wrongType = "wrong-type"
    /// A value is outside its allowed set, range or pattern.
    case invalidValue = "invalid-value"
    /// A duration is not in a recognised form.
    case invalidDuration = "invalid-duration"
    /// A date is malformed or impossible.
    case invalidDate = "invalid-date"
    /// A webhook URL is not https (and not loopback http).
    case insecureURL = "insecure-url"
    /// A webhook event kind is not in the Dfns list.
    case unknownEventKind = "unknown-event-kind"
    /// Two fields that exclude each other are both set.
    case conflictingFields = "conflicting-fields"
    /// A webhook description is too long once the ownership marker is appended.
    case descriptionTooLong = "description-too-long"
    /// A rotation overlap is not shorter than the maximum age.
    case overlapNotShorter = "overlap-not-shorter"
    /// The same kind and name is declared twice.
    case duplicateName = "duplicate-name"
    /// A store `ref` names no declared SecretStore.
    case undeclaredStore = "undeclared-store"
    /// A managed object has no store and Settings gives no default.
    case missingStore = "missing-store"
    /// Two manifests adopt the same Dfns id.
    case duplicateAdoption = "duplicate-adoption"
    /// More than one manifest says `operator: true`.
    case multipleOperators = "multiple-operators"
    /// More than one Settings manifest.
    case multipleSettings = "multiple-settings"
    /// Two manifests keep their secrets in the same store entry.
    case sharedStoreEntry = "shared-store-entry"
    /// Two SecretStores resolve to the same place.
    case sharedStoreLocation = "shared-store-location"
    /// An exec SecretStore names a program (`command`), or a plugin that is not installed where dfnsops trusts.
    case untrustedPlugin = "untrusted-plugin"
    /// A file SecretStore's directory is outside the working directory and the roots the machine running dfnsops
    /// allows (`--store-root`, `DFNSOPS_STORE_ROOTS`).
    case storeOutsideRoots = "store-outside-roots"

    /// Whether a JSON Schema over a single document can decide this rule.
    ///
    /// Rules that compare values (overlap against maxAge), look across documents (duplicates, references, adoption,
    /// operator, Settings) or concern the YAML text itself (syntax, duplicate keys, alias bombs) are enforced only by
    /// the Swift validator; `schemas/` cannot express them.
    public var isSchemaExpressible: Bool {
        switch self {
        case .notAMapping, .unknownAPIVersion, .unknownKind, .missingField, .unknownField, .wrongType, .invalidValue,
            .invalidDuration, .insecureURL, .unknownEventKind, .conflictingFields:
            return true
        case .unreadableInput, .yamlSyntax, .duplicateKey, .aliasExpansion, .invalidDate, .descriptionTooLong,
            .overlapNotShorter, .duplicateName, .undeclaredStore, .missingStore, .duplicateAdoption,
            .multipleOperators, .multipleSettings, .sharedStoreEntry, .sharedStoreLocation, .untrustedPlugin,
            .storeOutsideRoots:
            return false
        }
    }
}
