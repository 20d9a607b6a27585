import Testing

@testable import DfnsOpsCore

/// `storeOrDelete`: a new object's once-only secret is stored, or the object is deleted again.
@Suite("apply: store the new secret, or delete the new object")
struct ApplyToolboxTests {
    struct StoreDown: Error, CustomStringConvertible {
        var description: String { "store down" }
    }

    /// What Dfns returned and whether the store write fails, with the message that must be thrown (nil: the
    /// secret is stored and the object kept).
    struct Example: Sendable, CustomTestStringConvertible {
        var secret: String?
        var writeFails = false
        var message: String?
        var testDescription: String { message ?? "stored" }
    }

    @Test(
        "the twin's secret is stored, or the twin is deleted again",
        arguments: [
            Example(secret: "s3cret"),
            Example(
                secret: nil, message: "Dfns returned no secret for the twin of Webhook/alerts; it was deleted again"),
            Example(
                secret: "s3cret", writeFails: true,
                message: "could not store the secret of the twin of Webhook/alerts (store down); the twin was deleted "
                    + "again"),
        ])
    func storeOrDelete(_ example: Example) async throws {
        try await ApplyTwin.with { twin in
            var written: [String] = []
            var deletes = 0
            do {
                let secret = try await ApplyToolbox(client: twin.client).storeOrDelete(
                    example.secret, noun: "secret", of: "the twin of Webhook/alerts",
                    afterDeleting: "the twin was deleted again",
                    write: { secret in
                        if example.writeFails { throw StoreDown() }
                        written.append(secret)
                    },
                    delete: {
                        deletes += 1
                        throw StoreDown()  // a failed delete must not hide why the object was deleted
                    })
                #expect(example.message == nil)
                #expect(secret == example.secret)
                #expect(written == [secret])
                #expect(deletes == 0)
            } catch let error as ApplyError {
                #expect(error.message == example.message)
                #expect(written.isEmpty)
                #expect(deletes == 1)
            }
        }
    }
}
