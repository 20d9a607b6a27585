import Foundation

/// The tag that names the manifest a Dfns object came from: `dfnsops:<kind>/<name>`.
///
/// Service accounts and PATs carry it as their `externalId`; webhooks at the end of their description as
/// ` [dfnsops:Webhook/<name>]`; credentials in their name as `dfnsops:<kind>/<name>#<generation>` (see
/// ``CredentialName``). A re-run finds what an earlier, crashed run created by this marker, and drift detection
/// tells managed from unmanaged by it.
public struct OwnershipMarker: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of the manifest.
    public var kind: ManifestKind
    /// The manifest's `metadata.name`.
    public var name: String

    /// The prefix every marker starts with.
    public static let prefix = "dfnsops:"

    /// Creates a marker.
    public init(kind: ManifestKind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// Parses `dfnsops:<kind>/<name>` (an `externalId`), optionally followed by `#<generation>` (the later
    /// generations of a `replace` rotation, since Dfns keeps a service account's `externalId` unique).
    ///
    /// - Returns: `nil` when the text is not exactly a marker.
    public init?(externalId: String) {
        guard externalId.hasPrefix(Self.prefix) else { return nil }
        var body = externalId.dropFirst(Self.prefix.count)
        if let hash = body.lastIndex(of: "#") {
            let digits = body[body.index(after: hash)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            body = body[..<hash]
        }
        guard let slash = body.firstIndex(of: "/"),
            let kind = ManifestKind(rawValue: String(body[..<slash]))
        else { return nil }
        let name = body[body.index(after: slash)...]
        guard ManifestName.isValid(name) else { return nil }
        self.init(kind: kind, name: String(name))
    }

    /// The `externalId` of one generation: the plain marker for the first, `<marker>#<n>` for later ones (a
    /// `replace` rotation's new principal must not repeat its predecessor's `externalId`).
    public func externalId(generation: Int) -> String {
        generation <= 1 ? externalId : "\(externalId)#\(generation)"
    }

    /// The marker text, `dfnsops:<kind>/<name>`, as used for `externalId`.
    public var externalId: String { "\(Self.prefix)\(kind.rawValue)/\(name)" }

    /// The marker text.
    public var description: String { externalId }

    /// The suffix dfnsops appends to a webhook's description: ` [dfnsops:Webhook/<name>]`.
    public var webhookDescriptionSuffix: String { " [\(externalId)]" }

    /// A webhook description carrying this marker: the declared description (if any) followed by the suffix.
    public func webhookDescription(_ declared: String?) -> String {
        guard let declared, !declared.isEmpty else { return "[\(externalId)]" }
        return declared + webhookDescriptionSuffix
    }

    /// Splits a live webhook description into the declared part and the trailing marker, if there is one.
    ///
    /// - Returns: the description without the marker, and the marker; the marker is `nil` (and the text returned
    ///   unchanged) when the description does not end in `[dfnsops:<kind>/<name>]`.
    public static func splitWebhookDescription(_ description: String) -> (description: String, marker: OwnershipMarker?)
    {
        guard description.hasSuffix("]"), let open = description.range(of: "[" + prefix, options: .backwards) else {
            return (description, nil)
        }
        let inner = description[
            description.index(after: open.lowerBound)..<description.index(before: description.endIndex)]
        guard let marker = OwnershipMarker(externalId: String(inner)) else { return (description, nil) }
        var rest = description[..<open.lowerBound]
        if rest.hasSuffix(" ") { rest = rest.dropLast() }
        return (String(rest), marker)
    }
}
