import ArgumentParser
import DfnsOpsCore
import Foundation
import SecretStores

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops secrets list`: every entry of the declared secret stores, with stages and fingerprints, never values.
struct SecretsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show each secret store's entries: stage, version, fingerprint and age, never a value.",
        discussion: """
            Reads the manifests to find the declared SecretStores and lists every entry of each, grouped by \
            store, one row per staged version (pending, current, previous). Values are never read: a key shows \
            as the fingerprint of its public key, a webhook secret as the fingerprint of its bytes, the same \
            fingerprints that plans and apply reports show.

            Exit status: 0 success, 1 error (invalid manifests, a store that cannot be read), 64 usage error \
            (such as an unknown --store).

            Examples:
              dfnsops secrets list
              dfnsops secrets list --sandbox
              dfnsops secrets list manifests/examples --store local
              dfnsops secrets list --format json > secrets.json
            """
    )

    /// The output formats of `secrets list`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "Manifest files or directories that declare the stores. (default: manifests/)")
    var paths: [String] = []

    @Option(help: ArgumentHelp("List only the SecretStore with this name.", valueName: "name"))
    var store: String?

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Flag(
        help: """
            Use the sandbox's file stores in .dfnsops/sandbox/stores/<name> (the ones 'plan --sandbox' and \
            'apply --sandbox' write), instead of the stores the manifests configure.
            """)
    var sandbox = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let input = try ManifestInput.load(paths, global: global, sandbox: sandbox)
        let selection: SecretStoreSelection
        do {
            selection = try SecretStoreSelection.open(input.desired, only: store, sandbox: sandbox)
        } catch {
            throw error.report()
        }
        if selection.stores.isEmpty {
            StandardStreams.err(
                "The manifests declare no SecretStore, so there is nothing to list; declare one (docs/manifests.md).\n")
        }
        let now = Date()
        var listings: [StoreListing] = []
        for store in selection.stores {
            listings.append(await StoreListing.read(store))
        }
        switch format {
        case .text:
            StandardStreams.out(renderText(listings, now: now))
        case .json:
            StandardStreams.out(try renderJSON(listings, now: now))
        }
        var failed = false
        for listing in listings {
            if case .failure(let error) = listing.entries {
                StandardStreams.err("Error: \(error.message)\n")
                failed = true
            }
        }
        if failed { throw DfnsOpsExitCode.error.exitCode }
    }

    private func renderText(_ listings: [StoreListing], now: Date) -> String {
        let colour = global.usesColour(on: STDOUT_FILENO)
        return listings.map { listing in
            let heading = "store \(listing.store.name): \(listing.store.location)"
            let styled = colour ? "\u{1B}[1m\(heading)\u{1B}[0m" : heading
            switch listing.entries {
            case .success(let entries):
                return styled + "\n" + SecretListing.render(entries, now: now)
            case .failure:
                return styled + "\n" + "(cannot be read; see the error below)\n"
            }
        }.joined(separator: "\n")
    }

    private func renderJSON(_ listings: [StoreListing], now: Date) throws -> String {
        let document = ListingDocument(
            generatedAt: now,
            sandbox: sandbox,
            stores: listings.map { listing in
                let entries = (try? listing.entries.get()) ?? []
                return ListingDocument.Store(
                    name: listing.store.name,
                    backend: listing.store.backend,
                    location: listing.store.location,
                    entries: entries.map { entry in
                        ListingDocument.Entry(
                            entry: entry.entry.rawValue,
                            versions: entry.stagedVersions.map { stage, version in
                                ListingDocument.Version(
                                    stage: stage.rawValue,
                                    version: version.version,
                                    kind: version.kind.rawValue,
                                    fingerprint: version.fingerprint,
                                    createdAt: version.createdAt,
                                    ageSeconds: max(0, Int(now.timeIntervalSince(version.createdAt).rounded(.down))),
                                    metadata: version.metadata)
                            })
                    },
                    error: listing.entries.failureMessage)
            })
        return try JSONOutput.render(document)
    }
}

/// One store's entries, or why they could not be read.
private struct StoreListing {
    let store: SecretStoreSelection.Store
    let entries: Result<[EntryMetadata], SecretsCommandError>

    static func read(_ store: SecretStoreSelection.Store) async -> StoreListing {
        do {
            let entries = try await store.store().listAll()
            return StoreListing(store: store, entries: .success(entries))
        } catch let error as SecretsCommandError {
            return StoreListing(store: store, entries: .failure(error))
        } catch {
            return StoreListing(
                store: store, entries: .failure(.failure("cannot list secret store `\(store.name)`: \(error)")))
        }
    }
}

extension Result where Failure == SecretsCommandError {
    fileprivate var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}

/// The JSON form of `secrets list`: metadata only, so it holds no value.
private struct ListingDocument: Encodable {
    struct Store: Encodable {
        let name: String
        let backend: String
        let location: String
        let entries: [Entry]
        let error: String?
    }

    struct Entry: Encodable {
        let entry: String
        let versions: [Version]
    }

    struct Version: Encodable {
        let stage: String
        let version: Int
        let kind: String
        let fingerprint: String
        let createdAt: Date
        let ageSeconds: Int
        let metadata: SecretVersionMetadata
    }

    let generatedAt: Date
    let sandbox: Bool
    let stores: [Store]
}
