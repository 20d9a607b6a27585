import Foundation

/// The JSON encoding every store uses for ``EntryIndex`` and ``VersionDocument``: sorted keys, ISO 8601 dates.
/// Decoding failures are reported without the data, which may hold secrets.
enum StoreCoding {
    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    static func decode<Value: Decodable>(
        _ type: Value.Type,
        from data: Data,
        entry: SecretEntryPath,
        what: String
    ) throws(SecretStoreError) -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw .corruptEntry(entry, detail: "\(what) is not valid JSON of the expected shape")
        }
    }

    static func decodeIndex(_ data: Data, entry: SecretEntryPath) throws(SecretStoreError) -> EntryIndex {
        let index = try decode(EntryIndex.self, from: data, entry: entry, what: "the labels record")
        guard index.format == 1 else {
            throw .corruptEntry(entry, detail: "the labels record has unknown format \(index.format)")
        }
        return index
    }

    static func decodeVersion(
        _ data: Data,
        entry: SecretEntryPath,
        expected: SecretVersionInfo
    ) throws(SecretStoreError) -> SecretMaterial {
        let document = try decode(VersionDocument.self, from: data, entry: entry, what: "version \(expected.version)")
        guard document.format == 1, document.version == expected.version else {
            throw .corruptEntry(entry, detail: "version \(expected.version) holds a different version's data")
        }
        guard document.fingerprint == expected.fingerprint, document.kind == expected.kind else {
            throw .corruptEntry(entry, detail: "version \(expected.version) does not match its labels record")
        }
        return try document.material(for: entry)
    }
}
