// secret-store-crash-child ROOT SEED
//
// Writes, promotes, rolls back and drops versions in a FileSecretStore at ROOT, forever, until the crash test in
// SecretStoresTests kills it with SIGKILL. Prints "ready" once the first operation has completed. Every private
// key it writes carries the fingerprint `SecretFingerprint.of(pem.utf8)`, so the test can check any
// version it finds against its fingerprint.
//
// It runs with umask 0, so the modes the test sees are the ones the store sets explicitly.
import Foundation
import SecretStores

#if canImport(Glibc)
    import Glibc
#endif

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let seed = UInt64(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: secret-store-crash-child ROOT SEED\n".utf8))
    exit(64)
}
umask(0)
var generator = SplitMix64(state: seed)
let entries = try ["crash/alpha", "crash/alpha/nested", "crash/beta"].map { try SecretEntryPath($0) }
let store = try FileSecretStore(rootPath: arguments[1], lockTimeout: .seconds(5))

@MainActor func payload(_ length: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    return String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
}

var announced = false
while true {
    let entry = entries[Int(generator.next() % UInt64(entries.count))]
    do {
        switch generator.next() % 10 {
        case 0...3:
            if generator.next() % 2 == 0 {
                let pem =
                    "-----BEGIN PRIVATE KEY-----\n\(payload(1_000 + Int(generator.next() % 30_000)))\n-----END PRIVATE KEY-----\n"
                _ = try await store.writePending(
                    .privateKey(pem: pem, credentialId: "cr-\(payload(8))", token: payload(64)),
                    to: entry,
                    fingerprint: SecretFingerprint.of(Array(pem.utf8)),
                    metadata: SecretVersionMetadata(generation: Int(generator.next() % 100))
                )
            } else {
                _ = try await store.writePending(
                    .webhookSecret(payload(32 + Int(generator.next() % 20_000))), to: entry)
            }
        case 4...6:
            try await store.promote(entry)
        case 7:
            try await store.rollback(entry)
        default:
            try await store.dropStage(SecretStage.allCases[Int(generator.next() % 3)], of: entry)
        }
    } catch SecretStoreError.stageNotFound, SecretStoreError.entryNotFound {
        // Expected: promoting without a pending version, rolling back without a previous one.
    }
    if !announced {
        announced = true
        FileHandle.standardOutput.write(Data("ready\n".utf8))
    }
}
