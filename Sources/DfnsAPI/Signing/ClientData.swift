import DfnsWire
import Foundation

/// The client data a Key credential signs: `{"type":…,"challenge":…,"origin":…,"crossOrigin":false}`.
public struct ClientData: Codable, Equatable, Sendable {
    /// `key.get` for a user-action assertion, `key.create` for a new credential's attestation.
    public var type: String
    /// The challenge string exactly as the server returned it.
    public var challenge: String
    /// The origin the signer claims; optional for Key credentials.
    public var origin: String?
    /// Always false for Key credentials.
    public var crossOrigin: Bool?

    /// The origin the official SDKs send by default.
    public static let defaultOrigin = "https://app.dfns.io"

    /// Creates client data for a challenge.
    public init(type: String, challenge: String, origin: String? = ClientData.defaultOrigin, crossOrigin: Bool? = false)
    {
        self.type = type
        self.challenge = challenge
        self.origin = origin
        self.crossOrigin = crossOrigin
    }

    /// The compact JSON bytes in the field order the SDKs use: type, challenge, origin, crossOrigin.
    public var jsonBytes: Data {
        var fields = ["\"type\":" + JSONText.quote(type), "\"challenge\":" + JSONText.quote(challenge)]
        if let origin { fields.append("\"origin\":" + JSONText.quote(origin)) }
        if let crossOrigin { fields.append("\"crossOrigin\":" + (crossOrigin ? "true" : "false")) }
        return Data(("{" + fields.joined(separator: ",") + "}").utf8)
    }

    /// Decodes client data from its base64url form; nil when it is not valid base64url JSON.
    public static func decode(base64URL: String) -> ClientData? {
        guard let bytes = Base64URL.decode(base64URL) else { return nil }
        return try? JSONDecoder().decode(ClientData.self, from: bytes)
    }
}
