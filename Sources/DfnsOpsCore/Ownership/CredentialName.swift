/// The name dfnsops gives a credential it registers: `dfnsops:<kind>/<name>#<generation>`.
///
/// The generation counts a principal's keys from 1; rotation moves from generation *n* to *n+1*.
public struct CredentialName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The manifest the credential belongs to.
    public var marker: OwnershipMarker
    /// The key generation, from 1.
    public var generation: Int

    /// The name as registered with Dfns.
    public var description: String { "\(marker.externalId)#\(generation)" }

    /// The name of the next generation.
    public var next: CredentialName { CredentialName(marker: marker, generation: generation + 1) }
}

extension CredentialName {
    /// Parses `dfnsops:<kind>/<name>#<generation>`.
    ///
    /// - Returns: `nil` when the text is not a dfnsops credential name or the generation is not a positive integer.
    public init?(parsing text: String) {
        guard let hash = text.lastIndex(of: "#"),
            let marker = OwnershipMarker(externalId: String(text[..<hash]))
        else { return nil }
        let digits = text[text.index(after: hash)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let generation = Int(digits), generation > 0 else {
            return nil
        }
        self.init(marker: marker, generation: generation)
    }
}
