import DfnsOpsCore
import Foundation
import TestSupport
import Testing

/// Issue 14, item 2: a pull request can change a manifest, so a file SecretStore may only live in the working
/// directory or in a root the machine running dfnsops allows (`--store-root`, `DFNSOPS_STORE_ROOTS`).
@Suite("Validation: file stores stay inside the allowed roots")
struct StoreRootsValidationTests {
    /// A working directory (`checkout/`) beside a directory that is not allowed unless named (`elsewhere/`).
    final class Layout {
        let scratch: SecretStoreScratchDirectory
        var checkout: String { scratch.appending("checkout") }
        var elsewhere: String { scratch.appending("elsewhere") }

        init() throws {
            scratch = try SecretStoreScratchDirectory(label: "store-roots")
            for path in [checkout + "/stores", elsewhere + "/stores"] {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        }

        deinit { scratch.remove() }

        /// Validates one file store over `directory`, from the checkout, with `roots`.
        func validate(
            _ directory: String, options: [String] = [], environment: [String: String] = [:]
        ) -> ManifestValidation {
            let roots = StoreRoots(workingDirectory: checkout, options: options, environment: environment)
            let text = """
                apiVersion: dfnsops.dev/v1alpha1
                kind: SecretStore
                metadata:
                  name: local
                spec:
                  type: file
                  file:
                    directory: \(directory)
                """
            return ManifestValidator(storeRoots: roots).validate(text, file: "manifests/stores.yaml")
        }
    }

    @Test(
        "a directory inside the working directory is allowed, however it is written",
        arguments: ["stores/local", ".dfnsops/secrets", "./stores/../stores/local", "stores/not/yet/created", "."])
    func insideTheCheckout(_ directory: String) throws {
        let layout = try Layout()
        let validation = layout.validate(directory)
        #expect(validation.diagnostics.isEmpty, "\(validation.diagnostics)")
    }

    @Test("an absolute path inside the working directory is allowed")
    func absoluteInsideTheCheckout() throws {
        let layout = try Layout()
        #expect(layout.validate(layout.checkout + "/stores/local").diagnostics.isEmpty)
    }

    @Test(
        "a directory outside the roots is an error with file, line, the path and how to allow it",
        arguments: ["../elsewhere/stores", "stores/../../elsewhere", "/etc", "/"])
    func outsideIsRefused(_ directory: String) throws {
        let layout = try Layout()
        let validation = layout.validate(directory)
        #expect(!validation.isValid)
        let diagnostic = try #require(validation.diagnostics.first { $0.code == .storeOutsideRoots })
        #expect(validation.diagnostics.count == 1, "\(validation.diagnostics)")
        #expect(diagnostic.file == "manifests/stores.yaml")
        #expect(diagnostic.line == 8)
        #expect(diagnostic.message.contains("SecretStore 'local' keeps its files in '\(directory)'"))
        #expect(diagnostic.message.contains("outside the directories dfnsops allows stores in"))
        let hint = try #require(diagnostic.hint)
        #expect(hint.contains("--store-root") && hint.contains("DFNSOPS_STORE_ROOTS"), "\(hint)")
    }

    @Test("an absolute path elsewhere is refused, and allowed once DFNSOPS_STORE_ROOTS or --store-root names it")
    func allowedByEnvironmentAndOption() throws {
        let layout = try Layout()
        let store = layout.elsewhere + "/stores/local"
        #expect(layout.validate(store).diagnostics.map(\.code) == [.storeOutsideRoots])
        #expect(layout.validate("../elsewhere/stores").diagnostics.map(\.code) == [.storeOutsideRoots])

        let variable = ["DFNSOPS_STORE_ROOTS": "/nonexistent:" + layout.elsewhere]
        #expect(layout.validate(store, environment: variable).diagnostics.isEmpty)
        #expect(layout.validate("../elsewhere/stores", environment: variable).diagnostics.isEmpty)
        #expect(layout.validate(store, options: [layout.elsewhere]).diagnostics.isEmpty)
        #expect(layout.validate(store, options: ["../elsewhere"]).diagnostics.isEmpty, "relative to the checkout")
    }

    @Test("a root names a directory, not a prefix: /a/b does not allow /a/bc")
    func rootIsNotAPrefix() throws {
        let layout = try Layout()
        let roots = ["DFNSOPS_STORE_ROOTS": layout.elsewhere]
        #expect(layout.validate(layout.elsewhere + "-evil/stores", environment: roots).diagnostics.count == 1)
        #expect(layout.validate(layout.checkout + "-evil", environment: roots).diagnostics.count == 1)
    }

    @Test("relative entries of DFNSOPS_STORE_ROOTS count for nothing")
    func relativeVariableEntriesIgnored() throws {
        let layout = try Layout()
        let relative = ["DFNSOPS_STORE_ROOTS": "../elsewhere"]
        #expect(layout.validate("../elsewhere/stores", environment: relative).diagnostics.count == 1)
    }

    @Test("a symbolic link in the checkout that points out is followed and refused; one that stays in is allowed")
    func symbolicLinks() throws {
        let layout = try Layout()
        try FileManager.default.createSymbolicLink(
            atPath: layout.checkout + "/stores/out", withDestinationPath: layout.elsewhere + "/stores")
        try FileManager.default.createSymbolicLink(atPath: layout.checkout + "/stores/up", withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(
            atPath: layout.checkout + "/stores/in", withDestinationPath: "../stores")
        #expect(layout.validate("stores/out").diagnostics.map(\.code) == [.storeOutsideRoots])
        #expect(layout.validate("stores/out/local").diagnostics.map(\.code) == [.storeOutsideRoots])
        #expect(layout.validate("stores/up/elsewhere").diagnostics.map(\.code) == [.storeOutsideRoots])
        // `..` after a link climbs from the link's target, as the kernel does, not from the link's own folder.
        #expect(layout.validate("stores/out/../../checkout/stores").diagnostics.isEmpty)
        #expect(layout.validate("stores/out/..").diagnostics.map(\.code) == [.storeOutsideRoots])
        #expect(layout.validate("stores/in/local").diagnostics.isEmpty)
        #expect(layout.validate("stores/out", environment: ["DFNSOPS_STORE_ROOTS": layout.elsewhere]).isValid)
    }

    @Test("a loop of symbolic links is refused, not followed forever")
    func linkLoop() throws {
        let layout = try Layout()
        try FileManager.default.createSymbolicLink(atPath: layout.checkout + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: layout.checkout + "/b", withDestinationPath: "a")
        #expect(layout.validate("a/stores").diagnostics.map(\.code) == [.storeOutsideRoots])
    }

    @Test("a working directory reached through a symbolic link still allows its own stores")
    func linkedWorkingDirectory() throws {
        let layout = try Layout()
        let linked = layout.scratch.appending("linked-checkout")
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: layout.checkout)
        let roots = StoreRoots(workingDirectory: linked, options: [], environment: [:])
        #expect(roots.allows("stores/local"))
        #expect(roots.allows(layout.checkout + "/stores"))
        #expect(!roots.allows("../elsewhere"))
    }

    @Test("without store roots (the sandbox, and validators built without them) file directories are not checked")
    func notCheckedWithoutRoots() {
        let text = """
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata: {name: local}
            spec: {type: file, file: {directory: /etc}}
            """
        #expect(ManifestValidator().validate(text, file: "s.yaml").diagnostics.isEmpty)
    }
}
