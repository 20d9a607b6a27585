/// Makes Dfns-shaped ids: `<prefix>-xxxxx-xxxxx-xxxxxxxxxxxxxxxx`, lowercase letters and digits.
enum EntityID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// A new random id with `prefix` (`us`, `to`, `cr`, `pm`, `as`, `wh`, `whe`, `or`, …).
    static func make(_ prefix: String) -> String {
        "\(prefix)-\(random(5))-\(random(5))-\(random(16))"
    }

    /// Random text of `count` characters from the id alphabet.
    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
