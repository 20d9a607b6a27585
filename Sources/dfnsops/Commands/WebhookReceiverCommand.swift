import ArgumentParser
import DfnsAPI
import DfnsOpsCore
import Foundation
import Hummingbird
import Logging
import SecretStores

/// `dfnsops webhook-receiver`: a reference receiver that accepts deliveries signed with any secret the store holds.
struct WebhookReceiverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-receiver",
        abstract: "Run a reference webhook receiver that verifies deliveries against the store's secrets.",
        discussion: """
            Shows how a receiver should behave during a webhook secret rotation: every delivery's \
            X-DFNS-WEBHOOK-SIGNATURE is checked against each secret the store holds for the webhook (current and \
            previous, read afresh for every delivery, so a rotation needs no restart), and timestampSent must be \
            within 5 minutes. It answers 200 when one matches and 401 otherwise, and logs which secret matched \
            (never a secret). It listens on 127.0.0.1 and prints `listening on http://127.0.0.1:PORT`.

            Examples:
              dfnsops webhook-receiver --webhook treasury manifests/examples --port 8080
              dfnsops webhook-receiver --webhook treasury --sandbox manifests/examples --port 0
            """
    )

    @Option(help: "The Webhook manifest whose secrets to accept (its metadata.name).")
    var webhook: String

    @Argument(help: "Manifest files or directories. (default: manifests/)")
    var paths: [String] = []

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Flag(help: "Read the secrets from the sandbox stores (.dfnsops/sandbox/stores).")
    var sandbox = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let input = try ManifestInput.load(paths, global: global)
        guard let declared = input.desired.webhooks.first(where: { $0.name == webhook }) else {
            throw ValidationError("no Webhook named '\(webhook)' is declared in \(input.paths.joined(separator: ", "))")
        }
        guard let location = declared.storeLocation else {
            throw ValidationError("Webhook/\(webhook) has no secret store")
        }
        let now = try CommandClock.fromEnvironment()
        let stores = try SecretStoreFactory.open(input.desired, sandbox: sandbox, now: now)
        guard let store = stores[location.store] else { throw ValidationError("store '\(location.store)' is not open") }
        let entry = try SecretEntryPath(location.path)

        let router = Router()
        router.post("**") { request, _ -> Response in
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            var candidates: [WebhookSignatureVerifier.Candidate] = []
            for stage in [SecretStage.current, .previous] {
                if let secret = try? await store.readValue(of: entry, stage: stage).webhookSecret {
                    candidates.append(.init(label: stage.rawValue, secret: secret))
                }
            }
            let header = request.headers.first {
                $0.name.canonicalName == WebhookSignature.headerName.lowercased()
            }?.value
            let verdict = WebhookSignatureVerifier.verify(
                body: body, signatureHeader: header, candidates: candidates, now: now())
            switch verdict {
            case .accepted(let label):
                StandardStreams.err("accepted a delivery signed with the \(label) secret\n")
                return Response(status: .ok)
            case .rejected(let reason):
                StandardStreams.err("rejected a delivery: \(reason)\n")
                return Response(status: .unauthorized)
            }
        }
        var logger = Logger(label: "dfnsops.webhook-receiver")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                StandardStreams.out("listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n")
            }, logger: logger)
        try await app.runService()
    }
}
