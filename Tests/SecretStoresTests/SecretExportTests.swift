import Foundation
import SecretStores
import TestSupport
import Testing

@Suite("SecretExport")
struct SecretExportTests {
    @Test("writes the value to a new 0600 file, exactly as stored")
    func writesNewFile() throws {
        let scratch = try SecretStoreScratchDirectory(label: "export")
        defer { scratch.remove() }
        let sample = SecretStoreSampleMaterial.privateKey()
        let path = scratch.appending("key.pem")
        try SecretExport.writeToNewFile(sample.material, path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == sample.material.privateKeyPEM)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o600)

        let tokenPath = scratch.appending("token")
        try SecretExport.writeToNewFile(sample.material, field: .token, path: tokenPath)
        #expect(try String(contentsOfFile: tokenPath, encoding: .utf8) == sample.material.token)
    }

    @Test("refuses to overwrite an existing file or follow a symbolic link")
    func refusesExisting() throws {
        let scratch = try SecretStoreScratchDirectory(label: "export-existing")
        defer { scratch.remove() }
        let path = scratch.appending("existing")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        let material = SecretMaterial.webhookSecret("whsec-value")
        #expect(throws: SecretStoreError.exportTargetExists(path: path)) {
            try SecretExport.writeToNewFile(material, path: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")

        let link = scratch.appending("link")
        #expect(symlink(scratch.appending("elsewhere"), link) == 0)
        #expect(throws: SecretStoreError.exportTargetExists(path: link)) {
            try SecretExport.writeToNewFile(material, path: link)
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.appending("elsewhere")))
    }

    @Test("picks the kind's default field and refuses fields the material lacks")
    func fields() throws {
        let webhook = SecretMaterial.webhookSecret("whsec-value")
        #expect(try SecretExport.value(of: webhook) == "whsec-value")
        #expect(throws: SecretStoreError.exportFieldUnavailable(field: "token", kind: .webhookSecret)) {
            try SecretExport.value(of: webhook, field: .token)
        }
        let key = SecretMaterial.privateKey(pem: "PEM", credentialId: nil, token: nil)
        #expect(try SecretExport.value(of: key) == "PEM")
        #expect(throws: SecretStoreError.exportFieldUnavailable(field: "token", kind: .privateKey)) {
            try SecretExport.value(of: key, field: .token)
        }
    }

    @Test("a missing parent folder is a file-system error, not a crash")
    func missingFolder() throws {
        let scratch = try SecretStoreScratchDirectory(label: "export-missing")
        defer { scratch.remove() }
        #expect(throws: SecretStoreError.self) {
            try SecretExport.writeToNewFile(.webhookSecret("x"), path: scratch.appending("no/such/dir/file"))
        }
    }
}
