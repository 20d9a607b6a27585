import DfnsAPI
import Foundation

/// Random bytes for challenges, credential ids and secrets.
enum RandomBytes {
    /// `count` random bytes from the system generator.
    static func make(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// `count` random bytes as base64url without padding.
    static func base64URL(_ count: Int) -> String {
        Base64URL.encode(make(count))
    }
}
