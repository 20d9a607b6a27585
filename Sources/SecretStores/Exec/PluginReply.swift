/// The JSON object a plugin writes on stdout. Unknown members are ignored.
struct PluginReply: Sendable, Decodable {
    /// `false` in a `get` or `get-metadata` reply when the key does not exist.
    var found: Bool?
    /// The base64 value in a `get` or `get-metadata` reply.
    var value: String?
    /// The keys in a `list` reply.
    var keys: [String]?
}
